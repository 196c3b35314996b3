// Who to contact (issue 20, "help at hand"): the current round's servicedesk and CBS contact, on
// every page's footer, every error page (ContactNote) and, through the outbox, under every mail.
// Every request for a page gets them as request.contacts, from a small cache: asked of the database
// at most every few seconds, kept when the database is unreachable (so the page that says so still
// names the servicedesk), and refreshed at once when the operator changes them in this process.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findCurrentContacts, type RoundContacts } from '../../modules/periods/index.ts';
import type { Locale } from '../../modules/i18n/index.ts';
import type { AppDeps } from '../app.ts';
import { languageContext } from './page-context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The current round's contact details (undefined: no round has any). */
    contacts: RoundContacts | undefined;
  }
  interface FastifyInstance {
    /** The cache behind request.contacts; the operator's change forgets it. */
    contactDirectory: ContactDirectory;
  }
}

/** How long a process shows contact details before asking the database again (other processes' changes). */
const FRESH_MS = 10_000;

export interface ContactDirectory {
  current(): Promise<RoundContacts | undefined>;
  /** After a change: the next request reads the database. */
  forget(): void;
}

export function createContactDirectory(deps: Pick<AppDeps, 'db' | 'now' | 'log'>): ContactDirectory {
  let known: { contacts: RoundContacts | undefined; at: number } | undefined;
  let loading: Promise<RoundContacts | undefined> | undefined;
  return {
    async current() {
      if (known && Date.now() - known.at < FRESH_MS) return known.contacts;
      loading ??= findCurrentContacts(deps.db, deps.now())
        .then((contacts) => {
          known = { contacts, at: Date.now() };
          return contacts;
        })
        .catch((error: unknown) => {
          // Unreachable database: show what was known (the error page still names the servicedesk).
          deps.log.warn({ err: error }, 'contact details not read; showing the last known');
          return known?.contacts;
        })
        .finally(() => {
          loading = undefined;
        });
      return loading;
    },
    forget() {
      known = undefined;
    },
  };
}

function wantsPage(request: FastifyRequest): boolean {
  const url = request.url;
  return !(
    url.startsWith('/api/') ||
    url.startsWith('/assets/') ||
    url.startsWith('/health') ||
    url.startsWith('/metrics')
  );
}

/** Registered first, so even a refusal by a later hook (rate limit, access) renders with contacts. */
export function registerContacts(app: FastifyInstance, deps: AppDeps): void {
  const directory = createContactDirectory(deps);
  app.decorate('contactDirectory', directory);
  app.decorateRequest('contacts', undefined);
  app.addHook('onRequest', async (request) => {
    if (wantsPage(request)) request.contacts = await directory.current();
  });
}

function Tel({ phone }: { phone: string }) {
  return (
    <a class="utrecht-link utrecht-link--html-a" href={`tel:${phone.replace(/[^+0-9]/g, '')}`}>
      {phone}
    </a>
  );
}

function Mail({ email }: { email: string }) {
  return (
    <a class="utrecht-link utrecht-link--html-a ggk-break-anywhere" href={`mailto:${email}`}>
      {email}
    </a>
  );
}

/** The footer's contact block: the servicedesk, CBS when it has a contact. */
export function ContactFooter({
  contacts,
  locale,
  heading = true,
}: {
  contacts: RoundContacts | undefined;
  locale: Locale;
  /** Its own heading (the footer); the help page puts the block under a heading of its own. */
  heading?: boolean;
}) {
  if (!contacts) return null;
  const { t, tx } = languageContext(locale);
  const cbs = [
    contacts.cbs.phone ? <Tel phone={contacts.cbs.phone} /> : null,
    contacts.cbs.email ? <Mail email={contacts.cbs.email} /> : null,
  ].filter((part) => part !== null);
  const body = (
    <>
      <p class="utrecht-paragraph">
        {tx('help.contacts.servicedesk', {
          phone: <Tel phone={contacts.servicedesk.phone} />,
          email: <Mail email={contacts.servicedesk.email} />,
          hours: contacts.servicedesk.hours[locale],
        })}
      </p>
      {cbs.length > 0 && (
        <p class="utrecht-paragraph">
          {tx('help.contacts.cbs', {
            contact: cbs.length === 2 ? [cbs[0], ` ${t('help.contacts.or')} `, cbs[1]] : cbs[0],
          })}
        </p>
      )}
    </>
  );
  if (!heading) return <div class="ggk-contacts">{body}</div>;
  return (
    <section class="ggk-contacts" aria-labelledby="contact-titel" data-testid="contacts">
      <h2 class="utrecht-heading-2 ggk-contacts__title" id="contact-titel">
        {t('help.contacts.label')}
      </h2>
      {body}
    </section>
  );
}

/** On an error page, in the page itself: who to turn to (or the help pages when no round has contacts). */
export function ContactNote({ contacts, locale }: { contacts: RoundContacts | undefined; locale: Locale }) {
  const { t, tx } = languageContext(locale);
  return (
    <p class="utrecht-paragraph" data-testid="contact-note">
      {contacts
        ? tx('help.contacts.errorNote', {
            phone: <Tel phone={contacts.servicedesk.phone} />,
            email: <Mail email={contacts.servicedesk.email} />,
            hours: contacts.servicedesk.hours[locale],
          })
        : tx('help.contacts.errorNoteNone', {
            link: (
              <a class="utrecht-link utrecht-link--html-a" href="/help">
                {t('help.contacts.errorNoteLink')}
              </a>
            ),
          })}
    </p>
  );
}
