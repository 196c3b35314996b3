// Loads the classifications shipped in the project's data/ folder (gemeenten-JJJJ.csv).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createClassification,
  parseClassificationCsv,
  type MunicipalClassification,
} from './municipal-classification.ts';

export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../data/', import.meta.url));

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
  const classification = createClassification(snapshots);
  if (dataDir === DEFAULT_DATA_DIR) cached = classification;
  return classification;
}
