import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_FUNCTIONAL_EMAIL_PREFIXES } from '../../config/env.ts';
import { assertPersonalEmail, isFunctionalAddress } from './email-policy.ts';

const prefixes = DEFAULT_FUNCTIONAL_EMAIL_PREFIXES;

test('refuses role and functional mailboxes', () => {
  for (const address of [
    'info@amsterdam.nl',
    'INFO@amsterdam.nl',
    'sociaaldomein@utrecht.nl',
    'servicedesk@ib.nl',
    'noreply@x.nl',
    'no-reply@x.nl',
    'postmaster@x.nl',
    'admin@x.nl',
    'info.wmo@x.nl',
    'info2@x.nl',
  ]) {
    assert.equal(isFunctionalAddress(address, prefixes), true, address);
    assert.throws(() => assertPersonalEmail(address, prefixes), { code: 'user.functional_email' }, address);
  }
});

test('accepts personal addresses, also those that merely begin with the same letters', () => {
  for (const address of [
    'anne.devries@amsterdam.nl',
    'infante@x.nl',
    'postma@x.nl',
    'adminka.j@x.nl',
    'j.team@x.nl',
  ]) {
    assert.equal(isFunctionalAddress(address, prefixes), false, address);
    assert.equal(assertPersonalEmail(` ${address} `, prefixes), address);
  }
});

test('the list is configuration', () => {
  assert.equal(isFunctionalAddress('wijkteam@x.nl', ['wijkteam']), true);
  assert.equal(isFunctionalAddress('info@x.nl', ['wijkteam']), false);
});

test('refuses what is not an e-mail address', () => {
  assert.throws(() => assertPersonalEmail('anne', prefixes), { code: 'user.bad_email' });
  assert.throws(() => assertPersonalEmail('a b@x.nl', prefixes), { code: 'user.bad_email' });
});
