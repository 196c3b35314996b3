import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { GGK_BIN, cleanEnv } from '../support/ggk-process.ts';

function ggk(...args: string[]) {
  return spawnSync(process.execPath, [GGK_BIN, ...args], { env: cleanEnv({}), encoding: 'utf8' });
}

test('`ggk --help` lists the commands in Dutch', () => {
  const result = ggk('--help');
  assert.equal(result.status, 0);
  assert.match(result.stdout, /^Gebruik: ggk/m);
  assert.match(result.stdout, /^Opdrachten:/m);
  for (const command of ['serve', 'migrate', 'seed'])
    assert.match(result.stdout, new RegExp(`^  ${command}\\b`, 'm'));
  assert.doesNotMatch(result.stdout, /\b(Usage|Options|Commands|display help)\b/);
});

test('an unknown command is refused in Dutch with exit status 1', () => {
  const result = ggk('verzend');
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /fout: onbekende opdracht/);
});
