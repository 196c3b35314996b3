// The golden cases of the technical check: test/fixtures/validation/<case>/ holds the input files of
// one upload, optional options.json (gemeente, period, today) and expected.json, the exact report.
// Read by src/modules/validation/golden.test.ts; expected.json is written only by
// scripts/update-golden.ts, on purpose, after an intended change.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadClassification } from '../../src/modules/classification/index.ts';
import {
  createBytesSource,
  loadSpec,
  validateUpload,
  type Report,
} from '../../src/modules/validation/index.ts';

export const GOLDEN_DIR = fileURLToPath(new URL('../fixtures/validation/', import.meta.url));
const SPEC = loadSpec(
  JSON.parse(readFileSync(new URL('../../specs/gmsd/2017.json', import.meta.url), 'utf8')),
);
const classification = loadClassification();

interface CaseOptions {
  gemeente?: string;
  period?: string;
  today?: string;
}

export const goldenCases: string[] = readdirSync(GOLDEN_DIR)
  .filter((f) => statSync(path.join(GOLDEN_DIR, f)).isDirectory())
  .sort();

export function expectedReportFile(name: string): string {
  return path.join(GOLDEN_DIR, name, 'expected.json');
}

export function readExpectedReport(name: string): Report {
  return JSON.parse(readFileSync(expectedReportFile(name), 'utf8')) as Report;
}

/** Runs one case through the engine, optionally reading its files in chunks of `chunkSize` bytes. */
export async function runGoldenCase(name: string, chunkSize?: number): Promise<Report> {
  const dir = path.join(GOLDEN_DIR, name);
  const inputs = readdirSync(dir)
    .filter((f) => f !== 'expected.json' && f !== 'options.json' && statSync(path.join(dir, f)).isFile())
    .sort();
  const optionsFile = path.join(dir, 'options.json');
  let options: CaseOptions = {};
  try {
    options = JSON.parse(readFileSync(optionsFile, 'utf8')) as CaseOptions;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const sources = inputs.map((f) =>
    createBytesSource(f, new Uint8Array(readFileSync(path.join(dir, f))), chunkSize),
  );
  return validateUpload(sources, { spec: SPEC, classification, today: '2018-02-20', ...options });
}
