// Attack (issue 15, finding 10): with NODE_ENV unset (which means development) the built-in mailbox
// /beheer/mail was public, showing live invitation links to anyone. It is for the operator only, in
// every mode: here the app runs with NODE_ENV unset, and anonymous visitors, a gemeente user and a
// CBS user are refused while the operator reads the invitation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { createMailer } from '../../src/platform/mail/mailer.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';
import { DEMO } from '../support/factories.ts';

let t: TestApp;
before(async () => {
  // An empty value counts as unset (loadConfig): the default mode, development.
  t = await startTestApp({ env: { NODE_ENV: '' } });
  const mailer = createMailer({ smtpUrl: t.mail.smtpUrl, from: 'ggk <noreply@ggk.localhost>' });
  await mailer.send({
    to: 'nieuw@gemeente.example',
    subject: 'Uitnodiging',
    text: 'https://x/uitnodiging/geheim',
  });
  mailer.close();
  await t.mail.waitFor((m) => m.subject === 'Uitnodiging', 10_000);
});
after(async () => {
  await t.close();
});

test('the built-in mailbox is refused to everyone but the operator, also with NODE_ENV unset', async () => {
  assert.equal(t.config.environment, 'development');
  const anonymous = await new WebClient(t.url).get('/beheer/mail');
  assert.notEqual(anonymous.status, 200);
  assert.doesNotMatch(await anonymous.text(), /uitnodiging\/geheim/);

  for (const email of [DEMO.bram, DEMO.julia]) {
    const user = new WebClient(t.url);
    assert.equal((await user.loginAs(demoSubjectOf(email))).status, 303);
    const res = await user.get('/beheer/mail');
    assert.equal(res.status, 403, email);
    assert.doesNotMatch(await res.text(), /uitnodiging\/geheim|href="\/beheer\/mail"/, email);
    assert.doesNotMatch(
      await (await user.get('/')).text(),
      /href="\/beheer\/mail"/,
      `${email}: no menu link`,
    );
  }

  const operator = new WebClient(t.url);
  assert.equal((await operator.loginAs(demoSubjectOf(DEMO.ivo))).status, 303);
  const res = await operator.get('/beheer/mail');
  assert.equal(res.status, 200);
  assert.match(await res.text(), /uitnodiging\/geheim/);
});
