// Every refusal a person can see has its text in every language: each AppError code thrown anywhere in
// src/ has `error.<code>` in the catalogue (a missing one would show an English visitor Dutch), and
// the English texts get the values the Dutch message names, from the error's details.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../platform/errors/app-error.ts';
import { createApiToken, MAX_TOKEN_DAYS } from '../auth/index.ts';
import { createClassification } from '../classification/index.ts';
import { addWorkingDays, checkRound, parseHalfYear } from '../periods/index.ts';
import { CATALOGUES, LOCALES, errorMessage } from './index.ts';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/**
 * Where an AppError gets a code that is not a string literal: the file, and the expression that is
 * allowed there (its codes are literals elsewhere). A new computed code fails the test until listed.
 */
const COMPUTED_CODES: Record<string, string> = {
  // createRound throws the first problem of checkRound (round-rules.ts), whose codes are literals.
  'modules/periods/round-service.ts': 'first!.code',
  // Problems.error() gathers a form's refusals under the first one's code (thrown elsewhere as a literal).
  'platform/errors/problems.ts': 'first.code',
};

function thrownCodes(): { codes: Map<string, string>; computed: string[] } {
  const codes = new Map<string, string>();
  const computed: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const relative = path.relative(SRC, file).split(path.sep).join('/');
    // `new AppError(<code>, ...)` and `super(<code>, ...)` in a subclass of AppError.
    const sites = [...text.matchAll(/new AppError\(\s*([^,]+),/g)];
    sites.push(...text.matchAll(/extends AppError\s*\{[\s\S]*?\bsuper\(\s*([^,)]+)[,)]/g));
    for (const [, argument] of sites) {
      const literal = /^'([a-z_]+(?:\.[a-z_]+)+)'$/.exec(argument!.trim());
      if (literal) codes.set(literal[1]!, relative);
      else if (COMPUTED_CODES[relative] !== argument!.trim()) computed.push(`${relative}: ${argument}`);
    }
  }
  return { codes, computed };
}

test('every AppError code thrown in src/ has its text in every language', () => {
  const { codes, computed } = thrownCodes();
  assert.deepEqual(computed, [], 'an AppError code that is not a string literal: list it in COMPUTED_CODES');
  assert.ok(codes.size > 80, `found only ${codes.size} codes; is the scan still right?`);
  const missing: string[] = [];
  for (const [code, file] of codes) {
    for (const locale of LOCALES) {
      if (!Object.hasOwn(CATALOGUES[locale], `error.${code}`))
        missing.push(`${locale}: error.${code} (${file})`);
    }
  }
  assert.deepEqual(missing, []);
});

test('every more specific text (error.<code>.<reason>) belongs to a code with a general text', () => {
  const keys = Object.keys(CATALOGUES.nl).filter((k) => k.startsWith('error.'));
  const { codes } = thrownCodes();
  for (const key of keys) {
    const code = key.slice('error.'.length);
    if (code.startsWith('http.') || codes.has(code)) continue;
    const parent = code.slice(0, code.lastIndexOf('.'));
    assert.ok(codes.has(parent), `${key}: no AppError throws ${code} or ${parent}`);
  }
});

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  assert.fail('expected a refusal');
}

async function refusalOf(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  assert.fail('expected a refusal');
}

function assertFilled(error: AppError, ...values: string[]) {
  const english = errorMessage('en', error);
  assert.equal(errorMessage('nl', error), error.message, 'Dutch keeps the module message');
  assert.notEqual(english, error.message, `${error.code}: English is not the Dutch message`);
  assert.doesNotMatch(english, /[{}]/, `${error.code}: a placeholder is left in "${english}"`);
  for (const value of values)
    assert.ok(english.includes(value), `${error.code}: "${english}" lacks ${value}`);
  return english;
}

test('English refusals carry the values of the Dutch message', async () => {
  // The validation of a new token refuses before anything is stored (the database is not reached).
  const expiry = await refusalOf(() =>
    createApiToken(undefined as never, {
      organisationId: '00000000-0000-4000-8000-000000000000',
      name: 'Pakket',
      roles: ['aanleveraar'],
      days: MAX_TOKEN_DAYS + 1,
      createdBy: null,
      now: new Date(),
    }),
  );
  assert.equal(expiry.code, 'token.bad_expiry');
  assert.equal(
    assertFilled(expiry, String(MAX_TOKEN_DAYS)),
    `A token is valid for 1 to ${MAX_TOKEN_DAYS} days.`,
  );

  const role = await refusalOf(() =>
    createApiToken(undefined as never, {
      organisationId: '00000000-0000-4000-8000-000000000000',
      name: 'Pakket',
      roles: ['gebruikersbeheerder'],
      days: 30,
      createdBy: null,
      now: new Date(),
    }),
  );
  assertFilled(role, 'gebruikersbeheerder', 'aanleveraar, rapportontvanger, intrekker');

  assertFilled(
    refusal(() => parseHalfYear('2017H3')),
    '2017H3',
  );
  assertFilled(
    refusal(() => addWorkingDays('2018-02-30', 1)),
    '2018-02-30',
    'does not exist',
  );
  assertFilled(
    refusal(() => addWorkingDays('9999-12-31', 5)),
    '9999-12-31',
    '1583',
    '9999',
  );

  const classification = createClassification([{ year: 2018, gemeenten: [] }]);
  assertFilled(
    refusal(() => classification.gemeentenOn('2019-01-01')),
    '2019',
    '2018',
  );

  const [previous] = checkRound({
    name: 'Ronde',
    halfYear: '2018H1',
    previousHalfYear: '2016H2',
    specVersion: '1.0',
    deliveryOpensAt: new Date('2018-07-01T00:00:00Z'),
    deliveryClosesAt: new Date('2018-08-01T00:00:00Z'),
    withdrawalOpensAt: new Date('2018-08-02T00:00:00Z'),
    withdrawalClosesAt: new Date('2018-09-01T00:00:00Z'),
    pilotTargetAt: null,
  });
  assertFilled(previous!, '2018H1', '2017H2', '2016H2');
});

test('an error that gathers several problems shows each of them in English', () => {
  const problems = checkRound({
    name: ' ',
    halfYear: 'H2',
    previousHalfYear: null,
    specVersion: '1.0',
    deliveryOpensAt: new Date('2018-08-01T00:00:00Z'),
    deliveryClosesAt: new Date('2018-07-01T00:00:00Z'),
    withdrawalOpensAt: new Date('2018-08-02T00:00:00Z'),
    withdrawalClosesAt: new Date('2018-09-01T00:00:00Z'),
    pilotTargetAt: null,
  });
  assert.equal(problems.length, 3);
  const gathered = new AppError(problems[0]!.code, problems.map((p) => p.message).join(' '), {
    problems: problems.map((p) => ({ code: p.code, message: p.message, details: p.details })),
  });
  assert.equal(
    errorMessage('en', gathered),
    'Give the round a name. "H2" is not a half year; write for example 2017H2. The delivery window must close after it opens.',
  );
});

test('a reason picks the more specific text; dates are written for the language', () => {
  const closed = new AppError('delivery.window_closed', 'De aanleverperiode is gesloten.', {
    reason: 'closed',
    opens: new Date('2018-07-01T07:00:00Z'),
    closes: new Date('2018-07-31T21:59:00Z'),
  });
  assert.equal(
    errorMessage('en', closed),
    'The delivery window has closed. Delivering was possible from 1 July 2018 at 09:00 up to and including 31 July 2018.',
  );
  const unknownReason = new AppError('delivery.window_closed', 'Dicht.', { reason: 'elsewhere' });
  assert.equal(errorMessage('en', unknownReason), 'The delivery window is not open.');
  assert.equal(errorMessage('en', new AppError('nobody.knows', 'Onbekend.')), 'Onbekend.');
});
