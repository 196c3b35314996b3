// The caught mail as a page fragment (the caller wraps it in the portal layout). Only the text body
// is shown, in a <pre>: the HTML part of a mail is never rendered, so a mail cannot bring markup,
// script or remote images into the portal. preact escapes every string.
import { formatDutchDateTime } from '../time/amsterdam-time.ts';
import type { CaughtMail } from './mail-catcher.ts';

export interface MailboxViewProps {
  /** Oldest first, as the catcher keeps them; shown newest first. */
  messages: readonly CaughtMail[];
}

function anchorOf(mail: CaughtMail): string {
  return `mail-${mail.id}`;
}

function subjectOf(mail: CaughtMail): string {
  return mail.subject === '' ? '(geen onderwerp)' : mail.subject;
}

export function MailboxView({ messages }: MailboxViewProps) {
  const newestFirst = [...messages].reverse();
  return (
    <section aria-labelledby="mailbox-titel" class="ggk-mailbox">
      <h2 class="utrecht-heading-2" id="mailbox-titel">
        Ontvangen e-mail
      </h2>
      {newestFirst.length === 0 ? (
        <p class="utrecht-paragraph" data-testid="mailbox-empty">
          Er is nog geen e-mail ontvangen.
        </p>
      ) : (
        <>
          <div class="utrecht-table-container utrecht-table-container--overflow-inline">
            <table class="utrecht-table utrecht-table--html-table" data-testid="mailbox-table">
              <caption class="utrecht-table__caption">
                {newestFirst.length === 1
                  ? '1 ontvangen e-mail, nieuwste eerst'
                  : `${newestFirst.length} ontvangen e-mails, nieuwste eerst`}
              </caption>
              <thead class="utrecht-table__header">
                <tr class="utrecht-table__row">
                  <th class="utrecht-table__header-cell" scope="col">
                    Ontvangen
                  </th>
                  <th class="utrecht-table__header-cell" scope="col">
                    Aan
                  </th>
                  <th class="utrecht-table__header-cell" scope="col">
                    Onderwerp
                  </th>
                </tr>
              </thead>
              <tbody class="utrecht-table__body">
                {newestFirst.map((mail) => (
                  <tr class="utrecht-table__row" key={mail.id}>
                    <td class="utrecht-table__cell">{formatDutchDateTime(mail.receivedAt)}</td>
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
                <dt>Van</dt>
                <dd>{mail.from}</dd>
                <dt>Aan</dt>
                <dd>{mail.to.join(', ')}</dd>
                <dt>Ontvangen</dt>
                <dd>{formatDutchDateTime(mail.receivedAt)}</dd>
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
