// The texts of the built-in mailbox (platform/mail/mailbox-view.tsx) from the message catalogue, in
// the visitor's language: the view lives in platform, which knows no catalogue.
import { formatDateTime, translator, type Locale } from '../../modules/i18n/index.ts';
import type { MailboxTexts } from '../../platform/mail/mailbox-view.tsx';

export function mailboxTexts(locale: Locale): MailboxTexts {
  const t = translator(locale);
  return {
    heading: t('mail.mailbox.heading'),
    empty: t('mail.mailbox.empty'),
    caption: (count) =>
      count === 1 ? t('mail.mailbox.captionOne') : t('mail.mailbox.captionMany', { count }),
    received: t('mail.mailbox.received'),
    from: t('mail.mailbox.from'),
    to: t('mail.mailbox.to'),
    subject: t('mail.mailbox.subject'),
    noSubject: t('mail.mailbox.noSubject'),
    dateTime: (instant) => formatDateTime(locale, instant),
  };
}
