import { test } from 'node:test';
import assert from 'node:assert/strict';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { formatDutchDateTime } from '../time/amsterdam-time.ts';
import { MailboxView, type MailboxTexts } from './mailbox-view.tsx';
import type { CaughtMail } from './mail-catcher.ts';

// The portal passes these from its catalogue (http/web/mailbox-texts.ts, tested there per language).
const texts: MailboxTexts = {
  heading: 'Ontvangen e-mail',
  empty: 'Er is nog geen e-mail ontvangen.',
  caption: (n) => (n === 1 ? '1 ontvangen e-mail, nieuwste eerst' : `${n} ontvangen e-mails, nieuwste eerst`),
  received: 'Ontvangen',
  from: 'Van',
  to: 'Aan',
  subject: 'Onderwerp',
  noSubject: '(geen onderwerp)',
  dateTime: formatDutchDateTime,
};

function mail(overrides: Partial<CaughtMail>): CaughtMail {
  return {
    id: 'a1',
    receivedAt: new Date('2018-02-12T09:30:00Z'),
    from: 'ggk <noreply@ggk.localhost>',
    to: ['anne@gemeente.example'],
    subject: 'Uw rapport is klaar',
    text: 'Bekijk het rapport.',
    messageId: '<a1@ggk.localhost>',
    ...overrides,
  };
}

test('an empty mailbox says so', () => {
  const html = renderToString(h(MailboxView, { messages: [], texts }));
  assert.match(html, /Er is nog geen e-mail ontvangen\./);
  assert.doesNotMatch(html, /<table/);
});

test('the mailbox lists received, recipients and subject, newest first, with each text body', () => {
  const html = renderToString(
    h(MailboxView, {
      messages: [
        mail({ id: 'a1', subject: 'Eerste' }),
        mail({ id: 'b2', subject: 'Tweede', to: ['anne@gemeente.example', 'bert@gemeente.example'] }),
      ],
      texts,
    }),
  );
  assert.match(html, /<th class="utrecht-table__header-cell" scope="col">Ontvangen<\/th>/);
  assert.match(html, /scope="col">Aan</);
  assert.match(html, /scope="col">Onderwerp</);
  assert.match(html, /2 ontvangen e-mails, nieuwste eerst/);
  // The table sits in a named, focusable region (scrollable by keyboard, named for a screen reader).
  assert.match(
    html,
    /<div [^>]*tabindex="0" role="region" aria-label="2 ontvangen e-mails, nieuwste eerst"><table /,
  );
  assert.ok(html.indexOf('Tweede') < html.indexOf('Eerste'));
  assert.match(html, /anne@gemeente\.example, bert@gemeente\.example/);
  assert.match(html, /12 februari 2018/);
  assert.match(html, /<a class="utrecht-link utrecht-link--html-a" href="#mail-b2">Tweede<\/a>/);
  assert.match(
    html,
    /<pre class="utrecht-code-block" data-testid="mailbox-text">Bekijk het rapport\.<\/pre>/,
  );
});

test('the HTML of a mail is never rendered: only its text, escaped', () => {
  const html = renderToString(
    h(MailboxView, {
      messages: [
        mail({
          subject: '<script>alert(1)</script>',
          text: '<img src=x onerror=alert(1)>',
          html: '<p onclick="steal()">klik</p>',
        }),
      ],
      texts,
    }),
  );
  assert.doesNotMatch(html, /<script>|<img|onclick/);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)>/);
  assert.match(html, /&lt;script>alert\(1\)&lt;\/script>/);
});

test('a mail without subject gets a placeholder link text', () => {
  const html = renderToString(h(MailboxView, { messages: [mail({ subject: '' })], texts }));
  assert.match(html, />\(geen onderwerp\)<\/a>/);
  assert.match(html, /1 ontvangen e-mail, nieuwste eerst/);
});
