// What tsc says of a refusal (npm run check runs tsc over this file): an unknown code and a missing
// parameter are type errors, each checked with @ts-expect-error, so the file stops compiling when
// either would be accepted. The runtime part checks what a well-formed refusal carries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from './app-error.ts';

test('a misspelt code and a missing parameter do not compile; a correct refusal has its status and text', () => {
  const compileOnly = () => {
    // @ts-expect-error: not a code of the catalogue (tsc names the code, not the argument count)
    new AppError('token.bad_expiryy');
    // @ts-expect-error: token.bad_expiry's text names {max}
    new AppError('token.bad_expiry');
  };
  assert.equal(typeof compileOnly, 'function');
  const refusal = new AppError('token.bad_expiry', { max: 365 });
  assert.equal(refusal.code, 'token.bad_expiry');
  assert.equal(refusal.status, 400);
  assert.match(refusal.message, /365/);
});
