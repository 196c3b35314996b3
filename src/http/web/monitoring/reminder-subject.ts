// What a reminder was about, in the reader's language: worded from the facts stored with it
// (migration 0010). Dutch gives exactly the subject line recorded when it was sent; a reminder
// recorded without facts shows that Dutch line in every language.
import { reminderFactsOf } from '../../../modules/monitoring/index.ts';
import { lookup, translator, type Locale } from '../../../modules/i18n/index.ts';

export function reminderSubject(locale: Locale, reminder: { subject: string; facts: unknown }): string {
  const facts = reminderFactsOf(reminder.facts);
  if (!facts) return reminder.subject;
  const t = translator(locale);
  const typeName = (type: string) => lookup(locale, `common.fileType.${type}`) ?? type;
  if (facts.kind === 'window_closing') {
    const list = facts.missing.map((m) =>
      m.gemeente === null
        ? typeName(m.type)
        : t('monitoring.reminder.typeFor', { type: typeName(m.type), gemeente: m.gemeente }),
    );
    return t('monitoring.reminder.windowClosing', { halfYear: facts.halfYear, list: list.join(', ') });
  }
  return t('monitoring.reminder.notFetched', {
    types: facts.types.map(typeName).join(', '),
    gemeente: facts.gemeente,
    receipt: facts.receipt,
  });
}
