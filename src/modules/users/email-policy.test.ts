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

test('refuses the common Dutch functional mailboxes, team/afdeling/loket patterns and numbered mailboxes (issue 18)', () => {
  for (const address of [
    'postbus@gemeente.nl',
    'kcc@gemeente.nl',
    'backoffice@gemeente.nl',
    'backoffice.wmo@gemeente.nl',
    'cbsmonitor@gemeente.nl',
    'team-wmo@gemeente.nl',
    'afdeling-sociaal@gemeente.nl',
    'wmo-loket@gemeente.nl',
    'zorgloket@gemeente.nl',
    'jeugdteam@gemeente.nl',
    'wijk_team2@gemeente.nl',
    'sociaaldomein01@gemeente.nl',
    'medewerker3@gemeente.nl',
    '0363@gemeente.nl',
  ]) {
    assert.equal(isFunctionalAddress(address, prefixes), true, address);
  }
  for (const address of ['j.team@x.nl', 'kees.postma@x.nl', 'a.loket@x.nl', 'teamleider.jansen@x.nl'])
    assert.equal(isFunctionalAddress(address, prefixes), false, address);
});

test('.env.example lists exactly the default list', async () => {
  const { readFile } = await import('node:fs/promises');
  const example = await readFile(new URL('../../../.env.example', import.meta.url), 'utf8');
  const line = /^# GGK_FUNCTIONAL_EMAIL_PREFIXES=(.*)$/m.exec(example)?.[1];
  assert.equal(line, DEFAULT_FUNCTIONAL_EMAIL_PREFIXES.join(','));
});
