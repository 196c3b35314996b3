// A form sent after the session went idle (WCAG 2.2.1, without JavaScript): the refusal page offers a
// new login that returns to the page the form was on (its Referer, only when it is on ggk itself),
// and the login flow then really brings the user back there.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { amsterdamInstant } from '../../src/platform/time/amsterdam-time.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';
import { DEMO } from '../support/factories.ts';

const T0 = amsterdamInstant('2018-02-20', '10:00');
let clock = T0;
let t: TestApp;
before(async () => {
  t = await startTestApp({ now: () => clock });
});
after(async () => {
  await t.close();
});

test('a form sent after the idle limit gets a login link back to its page; the login returns there', async () => {
  clock = T0;
  const bram = new WebClient(t.url);
  await bram.loginAs(demoSubjectOf(DEMO.bram));
  const csrf = await bram.csrf('/feedback');
  clock = new Date(T0.getTime() + 31 * 60_000);
  const refused = await bram.request('POST', '/feedback', {
    form: { _csrf: csrf, toelichting: 'Het uploaden ging vlot.' },
    headers: { referer: `${t.url}/feedback?pagina=%2Faanleveren` },
  });
  assert.equal(refused.status, 401);
  const html = await refused.text();
  const link = /<a [^>]*href="(\/inloggen\?terug=[^"]+)"[^>]*data-testid="login-again"/.exec(html);
  assert.ok(link, 'the refusal page links to a new login');
  assert.equal(
    link[1]!.replace(/&amp;/g, '&'),
    `/inloggen?terug=${encodeURIComponent('/feedback?pagina=%2Faanleveren')}`,
  );

  // Following it: the login page starts the login with that return path, and the login ends there.
  const loginPage = await (await bram.get(link[1]!.replace(/&amp;/g, '&'))).text();
  const start = /href="(\/inloggen\/start\?terug=[^"]+)"/.exec(loginPage)![1]!.replace(/&amp;/g, '&');
  const done = await bram.loginAs(demoSubjectOf(DEMO.bram), start);
  assert.equal(done.headers.get('location'), '/feedback?pagina=%2Faanleveren');

  // A Referer elsewhere is not followed: the link goes to the plain login.
  clock = new Date(T0.getTime() + 120 * 60_000);
  const foreign = await bram.request('POST', '/feedback', {
    form: { _csrf: csrf },
    headers: { referer: 'https://elders.example/feedback' },
  });
  assert.equal(foreign.status, 401);
  assert.match(await foreign.text(), /href="\/inloggen" data-testid="login-again"/);
});
