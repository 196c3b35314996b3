// E-mails from the catalogue. ggk stores no language per person, so a mail has the Dutch text and,
// below it, the English text; parameters may differ per language (a role name, a state). The subject
// carries both too ("Dutch / English"), so an English reader knows from the inbox what a mail is.
import { LOCALES, type Locale } from './define.ts';
import { translator, type MessageParams } from './translator.ts';
import type { MessageKey } from './catalogue.ts';

export function bilingualMail<S extends MessageKey, B extends MessageKey>(
  subjectKey: S,
  bodyKey: B,
  params: (locale: Locale) => MessageParams<S>[0] & MessageParams<B>[0],
): { subject: string; text: string } {
  const inEachLanguage = (key: MessageKey) =>
    LOCALES.map((locale) => {
      const t = translator(locale) as (key: MessageKey, params?: Record<string, unknown>) => string;
      return t(key, params(locale) as Record<string, unknown>);
    });
  const subjects = inEachLanguage(subjectKey);
  const texts = inEachLanguage(bodyKey);
  return {
    subject: [...new Set(subjects)].join(' / '),
    text: texts.join(`\n\n${ENGLISH_PART}\n\n`),
  };
}

/** The line between a mail's Dutch and English text. */
export const ENGLISH_PART = '---------- English ----------';

/**
 * A footer in both languages added to a mail's text (issue 20: the contact details under every mail):
 * the Dutch one at the end of the Dutch text, the English one at the end of the English text; a mail
 * without an English part gets both at its end.
 */
export function addMailFooter(text: string, footer: { nl: string; en: string }): string {
  const at = text.indexOf(`\n\n${ENGLISH_PART}\n\n`);
  if (at < 0) return `${text}\n\n--\n${footer.nl}\n\n${footer.en}`;
  return `${text.slice(0, at)}\n\n--\n${footer.nl}${text.slice(at)}\n\n--\n${footer.en}`;
}
