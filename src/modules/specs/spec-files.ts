// The delivery specs shipped under specs/ (JSON, checked at load). Node only, so outside
// modules/validation, which stays pure for the browser build. Read once per process; a broken
// spec stops whoever loads it with the list of its problems.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectPath } from '../../platform/files/project-root.ts';
import { loadSpec, type Spec } from '../validation/index.ts';

export const SPECS_DIR = projectPath('specs');

let cached: Spec[] | undefined;

export function loadSpecs(): Spec[] {
  if (cached) return cached;
  const specs: Spec[] = [];
  for (const dir of readdirSync(SPECS_DIR, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const file of readdirSync(path.join(SPECS_DIR, dir.name))) {
      if (!file.endsWith('.json')) continue;
      specs.push(loadSpec(JSON.parse(readFileSync(path.join(SPECS_DIR, dir.name, file), 'utf8'))));
    }
  }
  cached = specs;
  return specs;
}

export function findSpec(id: string): Spec | undefined {
  return loadSpecs().find((s) => s.id === id);
}
