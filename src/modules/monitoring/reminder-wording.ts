// What a reminder was about, worded from its facts in one language. The reminder job records the
// Dutch wording as the reminder's subject; pages word the stored facts in the reader's language.
// A reminder recorded without facts (before migration 0010) keeps its Dutch subject in every language.
import { amsterdamInstant } from '../../platform/time/amsterdam-time.ts';
import { formatDate, lookup, translator, type Locale } from '../i18n/index.ts';
import { reminderFactsOf, type ReminderFacts } from './monitoring-rules.ts';

export function wordReminder(locale: Locale, facts: ReminderFacts): string {
  const t = translator(locale);
  const typeName = (type: string) => lookup(locale, `common.fileType.${type}`) ?? type;
  if (facts.kind === 'window_closing' || facts.kind === 'pilot_target') {
    const list = facts.missing.map((m) =>
      m.gemeente === null
        ? typeName(m.type)
        : t('monitoring.reminder.typeFor', { type: typeName(m.type), gemeente: m.gemeente }),
    );
    if (facts.kind === 'pilot_target')
      return t('monitoring.reminder.pilotTarget', {
        date: formatDate(locale, amsterdamInstant(facts.targetDate)),
        halfYear: facts.halfYear,
        list: list.join(', '),
      });
    return t('monitoring.reminder.windowClosing', { halfYear: facts.halfYear, list: list.join(', ') });
  }
  return t('monitoring.reminder.notFetched', {
    types: facts.types.map(typeName).join(', '),
    gemeente: facts.gemeente,
    receipt: facts.receipt,
  });
}

/** A stored reminder's subject in the reader's language. */
export function reminderSubject(locale: Locale, reminder: { subject: string; facts: unknown }): string {
  const facts = reminderFactsOf(reminder.facts);
  return facts ? wordReminder(locale, facts) : reminder.subject;
}
