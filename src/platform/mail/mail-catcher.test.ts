import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createMailer, type Mailer } from './mailer.ts';
import { startMailCatcher, type MailCatcher } from './mail-catcher.ts';

let catcher: MailCatcher;
let mailer: Mailer;

before(async () => {
  catcher = await startMailCatcher({ port: 0, maxMessages: 3 });
  mailer = createMailer({ smtpUrl: catcher.smtpUrl, from: 'ggk <noreply@ggk.localhost>' });
});
after(async () => {
  mailer.close();
  await catcher.stop();
});
beforeEach(() => catcher.clear());

test('a mail sent through nodemailer arrives parsed, with Dutch characters and every recipient', async () => {
  const sent = await mailer.send({
    to: 'anne@gemeente.example, bert@gemeente.example',
    subject: 'Uw technisch rapport is klaar: geëxporteerd en gecontroleerd (één bestand)',
    text: 'Bekijk het rapport op https://ggk.example/aanleveringen/1.\nMet vriendelijke groet',
    html: '<p>Bekijk het rapport</p>',
  });
  const mail = await catcher.waitFor((m) => m.messageId === sent.messageId, 5_000);
  assert.equal(mail.subject, 'Uw technisch rapport is klaar: geëxporteerd en gecontroleerd (één bestand)');
  assert.deepEqual(mail.to, ['anne@gemeente.example', 'bert@gemeente.example']);
  assert.equal(mail.from, '"ggk" <noreply@ggk.localhost>');
  assert.equal(
    mail.text.trim(),
    'Bekijk het rapport op https://ggk.example/aanleveringen/1.\nMet vriendelijke groet',
  );
  assert.equal(mail.html, '<p>Bekijk het rapport</p>');
  assert.ok(mail.receivedAt instanceof Date);
  assert.equal(catcher.messages().length, 1);
});

test('a Message-ID header given to the mailer becomes the id of the message', async () => {
  const sent = await mailer.send({
    to: 'anne@gemeente.example',
    subject: 'Uitnodiging',
    text: 'Welkom',
    headers: { 'Message-ID': '<outbox.1234@ggk.localhost>', 'X-Ggk-Kind': 'invitation' },
  });
  assert.equal(sent.messageId, '<outbox.1234@ggk.localhost>');
  const mail = await catcher.waitFor((m) => m.subject === 'Uitnodiging', 5_000);
  assert.equal(mail.messageId, '<outbox.1234@ggk.localhost>');
  assert.equal(mail.html, undefined);
});

test('waitFor also resolves for a message that arrives later, and find sees it afterwards', async () => {
  const waiting = catcher.waitFor((m) => m.subject === 'Later', 5_000);
  await mailer.send({ to: 'anne@gemeente.example', subject: 'Later', text: 'x' });
  const mail = await waiting;
  assert.equal(catcher.find((m) => m.subject === 'Later')?.id, mail.id);
});

test('waitFor rejects when nothing matching arrives in time', async () => {
  await assert.rejects(
    catcher.waitFor((m) => m.subject === 'Nooit', 50),
    /No matching mail/,
  );
});

test('the catcher keeps only the newest maxMessages', async () => {
  for (const n of [1, 2, 3, 4]) {
    await mailer.send({ to: 'anne@gemeente.example', subject: `Bericht ${n}`, text: 'x' });
  }
  assert.deepEqual(
    catcher.messages().map((m) => m.subject),
    ['Bericht 2', 'Bericht 3', 'Bericht 4'],
  );
});

test('a mailer refuses an address that is not smtp:// or smtps://', () => {
  assert.throws(() => createMailer({ smtpUrl: 'http://mail.example', from: 'x@example.nl' }), /smtp:\/\//);
});

test('sending to a port where nothing listens fails with a connection error', async () => {
  const spare = await startMailCatcher({ port: 0 });
  await spare.stop();
  const nowhere = createMailer({ smtpUrl: spare.smtpUrl, from: 'x@example.nl' });
  try {
    await assert.rejects(nowhere.send({ to: 'a@example.nl', subject: 's', text: 't' }), {
      code: 'ESOCKET',
    });
  } finally {
    nowhere.close();
  }
});

test('an smtps:// address speaks TLS from the first byte, so a plain server is not sent to', async () => {
  const tls = createMailer({ smtpUrl: catcher.smtpUrl.replace('smtp:', 'smtps:'), from: 'x@example.nl' });
  try {
    await assert.rejects(tls.send({ to: 'a@example.nl', subject: 'Geheim', text: 't' }), /SSL|TLS/i);
  } finally {
    tls.close();
  }
  assert.equal(
    catcher.find((m) => m.subject === 'Geheim'),
    undefined,
  );
});
