// The error summary gets one message per problem: a refusal that gathers several (details.problems)
// becomes one linked message per field, each in the visitor's language; a single refusal stays one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../platform/errors/app-error.ts';
import { Problems } from '../../platform/errors/problems.ts';
import { formErrorsOf } from './form-errors.ts';

function gathered(...problems: AppError[]): AppError {
  const p = new Problems();
  for (const problem of problems) p.add(problem);
  return p.error();
}

const name = new AppError('registration.name_required');
const organisation = new AppError('registration.organisation_required');
const days = new AppError('token.bad_expiry', { max: 366 });
const reference = new AppError('withdrawal.reference_required', {
  field: 'kenmerk',
});
const rating = new AppError('feedback.bad_rating', {
  field: 'waardering',
  reason: 'rating',
});

test('a single refusal is one message, its field from the code, details.field or the fallback', () => {
  assert.deepEqual(formErrorsOf(name, 'nl', 'aanmeldformulier'), [
    { field: 'naam', message: 'Vul uw naam in.' },
  ]);
  assert.deepEqual(formErrorsOf(name, 'en'), [{ field: 'naam', message: 'Fill in your name.' }]);
  assert.deepEqual(formErrorsOf(reference, 'en'), [
    { field: 'kenmerk', message: 'Fill in the reference of the form.' },
  ]);
  const other = new AppError('registration.has_administrator', {
    organisation: 'X',
  });
  assert.equal(formErrorsOf(other, 'nl', 'aanmeldformulier')[0]!.field, 'organisatie');
  const unknown = new AppError('round.name_required');
  assert.deepEqual(formErrorsOf(unknown, 'nl', 'rondeformulier'), [
    { field: 'rondeformulier', message: 'Geef de ronde een naam.' },
  ]);
});

test('a gathered refusal gives one message per problem, each with its own field and language', () => {
  const error = gathered(organisation, name, days, reference, rating);
  assert.equal(error.code, 'registration.organisation_required');
  assert.deepEqual(formErrorsOf(error, 'nl', 'formulier'), [
    { field: 'organisatie', message: 'Kies de organisatie waarvoor u zich aanmeldt.' },
    { field: 'naam', message: 'Vul uw naam in.' },
    { field: 'dagen', message: 'Een token is 1 tot en met 366 dagen geldig.' },
    { field: 'kenmerk', message: 'Vul het kenmerk van het formulier in.' },
    { field: 'waardering', message: 'Kies bij “Waardering” een waardering van 1 tot en met 5.' },
  ]);
  assert.deepEqual(formErrorsOf(error, 'en', 'formulier'), [
    { field: 'organisatie', message: 'Choose the organisation you are registering for.' },
    { field: 'naam', message: 'Fill in your name.' },
    { field: 'dagen', message: 'A token is valid for 1 to 366 days.' },
    { field: 'kenmerk', message: 'Fill in the reference of the form.' },
    { field: 'waardering', message: 'Choose a rating from 1 to 5 for “Your rating”.' },
  ]);
  // A problem with no known field goes to the form.
  const withUnknown = gathered(name, new AppError('round.name_required'));
  assert.deepEqual(
    formErrorsOf(withUnknown, 'nl', 'formulier').map((e) => e.field),
    ['naam', 'formulier'],
  );
});

test('other errors are not form errors', () => {
  const bug = new TypeError('boom');
  assert.throws(
    () => formErrorsOf(bug, 'nl'),
    (e) => e === bug,
  );
});
