// The built-in mailbox in the visitor's language: the catalogue's texts reach the platform view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { MailboxView } from '../../platform/mail/mailbox-view.tsx';
import type { CaughtMail } from '../../platform/mail/mail-catcher.ts';
import { mailboxTexts } from './mailbox-texts.ts';

const caught = (id: string, subject: string): CaughtMail => ({
  id,
  receivedAt: new Date('2018-02-12T09:30:00Z'),
  from: 'ggk <noreply@ggk.localhost>',
  to: ['anne@gemeente.example'],
  subject,
  text: 'Bekijk het rapport.',
  messageId: `<${id}@ggk.localhost>`,
});

test('in Dutch the mailbox keeps its texts and Dutch dates', () => {
  const empty = renderToString(h(MailboxView, { messages: [], texts: mailboxTexts('nl') }));
  assert.match(empty, />Ontvangen e-mail</);
  assert.match(empty, /Er is nog geen e-mail ontvangen\./);
  const html = renderToString(
    h(MailboxView, { messages: [caught('a1', ''), caught('b2', 'Tweede')], texts: mailboxTexts('nl') }),
  );
  assert.match(html, /2 ontvangen e-mails, nieuwste eerst/);
  assert.match(html, /scope="col">Ontvangen<[\s\S]*scope="col">Aan<[\s\S]*scope="col">Onderwerp</);
  assert.match(html, /<dt>Van<\/dt>/);
  assert.match(html, />\(geen onderwerp\)<\/a>/);
  assert.match(html, /12 februari 2018 om 10:30/);
});

test('in English the mailbox speaks English, dates included', () => {
  const empty = renderToString(h(MailboxView, { messages: [], texts: mailboxTexts('en') }));
  assert.match(empty, />Received e-mail</);
  assert.match(empty, /No e-mail has been received yet\./);
  const one = renderToString(h(MailboxView, { messages: [caught('a1', '')], texts: mailboxTexts('en') }));
  assert.match(one, /1 received e-mail, newest first/);
  assert.match(one, /scope="col">Received<[\s\S]*scope="col">To<[\s\S]*scope="col">Subject</);
  assert.match(one, /<dt>From<\/dt>[\s\S]*<dt>To<\/dt>[\s\S]*<dt>Received<\/dt>/);
  assert.match(one, />\(no subject\)<\/a>/);
  assert.match(one, /12 February 2018 at 10:30/);
  assert.doesNotMatch(one, /Ontvangen|Onderwerp|februari/);
});
