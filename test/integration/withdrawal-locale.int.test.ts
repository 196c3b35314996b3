// The withdrawal pages name the round's withdrawal window in the visitor's language: the intrekker's
// page and the round choice on CBS's form, Dutch by default and English with the language cookie.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';
import { DEMO } from '../support/factories.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ now: () => new Date('2018-03-10T10:00:00Z') });
});
after(async () => {
  await t.close();
});

async function login(email: string) {
  const c = new WebClient(t.url);
  assert.equal((await c.loginAs(demoSubjectOf(email))).status, 303, `login of ${email}`);
  return c;
}

test('the withdrawal window in Dutch and in English, on the intrekker page and in the CBS round choice', async () => {
  const daan = await login(DEMO.daan);
  const julia = await login(DEMO.julia);
  assert.match(
    await (await daan.get('/intrekken')).text(),
    /Intrekkingsperiode: 12 maart 2018 tot en met 23 maart 2018\./,
  );
  assert.match(
    await (await julia.get('/intrekkingen')).text(),
    // CBS's own form days for the round (from "begin maart", 0028-d), not the intrekkingsperiode.
    /\(formulier 1 maart 2018 tot en met 23 maart 2018\)<\/option>/,
  );
  for (const c of [daan, julia]) c.cookies.set('ggk_taal', 'en');
  const page = await (await daan.get('/intrekken')).text();
  assert.match(page, /Withdrawal period: 12 March 2018 up to and including 23 March 2018\./);
  assert.doesNotMatch(page, /maart/);
  assert.match(
    await (await julia.get('/intrekkingen')).text(),
    /\(form 1 March 2018 up to and including 23 March 2018\)<\/option>/,
  );
});
