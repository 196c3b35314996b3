// Refusals as people read them: the English text of a refusal thrown by a module carries the
// values its Dutch text names, from the error's parameters (unknown codes cannot be thrown: ErrorCode
// is a type, see platform/errors/catalogue.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../platform/errors/app-error.ts';
import { createApiToken, MAX_TOKEN_DAYS } from '../auth/index.ts';
import { createClassification } from '../classification/index.ts';
import { addWorkingDays, checkRound, parseHalfYear } from '../periods/index.ts';
import { errorMessage } from './index.ts';

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
  const gathered = AppError.gather(problems);
  assert.equal(
    errorMessage('en', gathered),
    'Give the round a name. "H2" is not a half year; write for example 2017H2. The delivery window must close after it opens.',
  );
});

test('a reason picks the more specific text; dates are written for the language', () => {
  const closed = new AppError('delivery.window_closed', {
    reason: 'closed',
    opens: new Date('2018-07-01T07:00:00Z'),
    closes: new Date('2018-07-31T21:59:00Z'),
  });
  assert.equal(
    errorMessage('en', closed),
    'The delivery window has closed. Delivering was possible from 1 July 2018 at 09:00 up to and including 31 July 2018.',
  );
});
