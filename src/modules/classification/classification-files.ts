// Loads the classifications shipped in the project's data/ folder (gemeenten-JJJJ.csv).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectPath } from '../../platform/files/project-root.ts';
import {
  createClassification,
  parseClassificationCsv,
  parseReorganisationCsv,
  type MunicipalClassification,
} from './municipal-classification.ts';

export const DEFAULT_DATA_DIR = projectPath('data');

let cached: MunicipalClassification | undefined;

export function loadClassification(dataDir: string = DEFAULT_DATA_DIR): MunicipalClassification {
  if (dataDir === DEFAULT_DATA_DIR && cached) return cached;
  const snapshots = readdirSync(dataDir)
    .map((file) => /^gemeenten-(\d{4})\.csv$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({
      year: Number(m[1]),
      gemeenten: parseClassificationCsv(readFileSync(path.join(dataDir, m[0]), 'utf8')),
    }));
  // Which gemeente's area went to which later one: versioned data, an assumption (decision 0028).
  const reorganisationFile = path.join(dataDir, 'gemeenten-herindelingen.csv');
  const reorganisations = existsSync(reorganisationFile)
    ? parseReorganisationCsv(readFileSync(reorganisationFile, 'utf8'))
    : [];
  const classification = createClassification(snapshots, reorganisations);
  if (dataDir === DEFAULT_DATA_DIR) cached = classification;
  return classification;
}
