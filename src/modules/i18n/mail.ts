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
    text: texts.join('\n\n---------- English ----------\n\n'),
  };
}
