// The caught mail as a page fragment (the caller wraps it in the portal layout). Only the text body
// is shown, in a <pre>: the HTML part of a mail is never rendered, so a mail cannot bring markup,
// script or remote images into the portal. preact escapes every string. The texts and the date format
// come from the caller (the portal's message catalogue, in the visitor's language).
import type { CaughtMail } from './mail-catcher.ts';

export interface MailboxTexts {
  heading: string;
  empty: string;
  /** The table caption for this many mails ("2 ontvangen e-mails, nieuwste eerst"). */
  caption: (count: number) => string;
  received: string;
  from: string;
  to: string;
  subject: string;
  noSubject: string;
  dateTime: (instant: Date) => string;
}

export interface MailboxViewProps {
  /** Oldest first, as the catcher keeps them; shown newest first. */
  messages: readonly CaughtMail[];
  texts: MailboxTexts;
}

function anchorOf(mail: CaughtMail): string {
  return `mail-${mail.id}`;
}

export function MailboxView({ messages, texts }: MailboxViewProps) {
  const subjectOf = (mail: CaughtMail) => (mail.subject === '' ? texts.noSubject : mail.subject);
  const newestFirst = [...messages].reverse();
  return (
    <section aria-labelledby="mailbox-titel" class="ggk-mailbox">
      <h2 class="utrecht-heading-2" id="mailbox-titel">
        {texts.heading}
      </h2>
      {newestFirst.length === 0 ? (
        <p class="utrecht-paragraph" data-testid="mailbox-empty">
          {texts.empty}
        </p>
      ) : (
        <>
          {/* A named, focusable region, as the portal's other tables: a keyboard user can scroll it. */}
          <div
            class="utrecht-table-container utrecht-table-container--overflow-inline ggk-table-wrapper"
            tabIndex={0}
            role="region"
            aria-label={texts.caption(newestFirst.length)}
          >
            <table class="utrecht-table utrecht-table--html-table" data-testid="mailbox-table">
              <caption class="utrecht-table__caption">{texts.caption(newestFirst.length)}</caption>
              <thead class="utrecht-table__header">
                <tr class="utrecht-table__row">
                  <th class="utrecht-table__header-cell" scope="col">
                    {texts.received}
                  </th>
                  <th class="utrecht-table__header-cell" scope="col">
                    {texts.to}
                  </th>
                  <th class="utrecht-table__header-cell" scope="col">
                    {texts.subject}
                  </th>
                </tr>
              </thead>
              <tbody class="utrecht-table__body">
                {newestFirst.map((mail) => (
                  <tr class="utrecht-table__row" key={mail.id}>
                    <td class="utrecht-table__cell">{texts.dateTime(mail.receivedAt)}</td>
                    <td class="utrecht-table__cell">{mail.to.join(', ')}</td>
                    <td class="utrecht-table__cell">
                      <a class="utrecht-link utrecht-link--html-a" href={`#${anchorOf(mail)}`}>
                        {subjectOf(mail)}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {newestFirst.map((mail) => (
            <article
              class="ggk-mailbox__message"
              id={anchorOf(mail)}
              aria-labelledby={`${anchorOf(mail)}-titel`}
              key={mail.id}
            >
              <h3 class="utrecht-heading-3" id={`${anchorOf(mail)}-titel`}>
                {subjectOf(mail)}
              </h3>
              <dl class="ggk-mailbox__facts">
                <dt>{texts.from}</dt>
                <dd>{mail.from}</dd>
                <dt>{texts.to}</dt>
                <dd>{mail.to.join(', ')}</dd>
                <dt>{texts.received}</dt>
                <dd>{texts.dateTime(mail.receivedAt)}</dd>
              </dl>
              <pre class="utrecht-code-block" data-testid="mailbox-text">
                {mail.text}
              </pre>
            </article>
          ))}
        </>
      )}
    </section>
  );
}
