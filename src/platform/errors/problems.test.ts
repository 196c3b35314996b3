// Gathering a form's refusals: one is thrown as it is, several as one refusal that lists them all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from './app-error.ts';
import { Problems } from './problems.ts';

test('one problem is the refusal itself', () => {
  const problems = new Problems();
  const only = new AppError('user.name_required', { field: 'naam' });
  assert.equal(
    problems.check(() => {
      throw only;
    }),
    undefined,
  );
  assert.equal(
    problems.check(() => 42),
    42,
  );
  assert.ok(problems.found);
  assert.equal(problems.error(), only);
});

test('several problems become one refusal: first code, Dutch messages joined, each listed', () => {
  const problems = new Problems();
  problems.add(new AppError('user.name_required'));
  problems.add(new AppError('user.bad_role', { roles: 'baas' }));
  const error = problems.error();
  assert.equal(error.code, 'user.name_required');
  assert.equal(error.message, 'Vul de naam van de gebruiker in. Onbekende rol: baas.');
  assert.deepEqual(error.details, {
    problems: [
      { code: 'user.name_required', message: 'Vul de naam van de gebruiker in.', details: undefined },
      { code: 'user.bad_role', message: 'Onbekende rol: baas.', details: { roles: 'baas' } },
    ],
  });
});

test('a check that fails with something else than a refusal is not a problem of the form', () => {
  const problems = new Problems();
  assert.throws(
    () =>
      problems.check(() => {
        throw new TypeError('bug');
      }),
    TypeError,
  );
  assert.equal(problems.found, false);
  assert.throws(() => problems.error(), /without a problem/);
});
