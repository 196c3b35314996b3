// The operator's export of the pilot feedback of a round as CSV, in the visitor's language: column
// names, the kind of each line and its time (Dutch: the columns as they always were). The answers to
// the evaluation's questions are numbers 1–5, one column per question.
import { EVALUATION_QUESTIONS, type FeedbackRow } from '../../../modules/monitoring/index.ts';
import { formatDateTime, translator, type Locale } from '../../../modules/i18n/index.ts';
import { toCsv } from '../../../platform/csv/csv.ts';

export function feedbackCsv(locale: Locale, rows: readonly FeedbackRow[]): string {
  const t = translator(locale);
  return toCsv(
    [
      t('feedback.csv.kind'),
      t('feedback.csv.time'),
      t('feedback.csv.organisation'),
      t('feedback.csv.user'),
      t('feedback.csv.rating'),
      t('feedback.csv.page'),
      ...EVALUATION_QUESTIONS.map((q) => t(`feedback.csv.question.${q.id}`)),
      t('feedback.csv.comment'),
    ],
    rows.map((r) => [
      t(`feedback.csv.kind.${r.kind}`),
      formatDateTime(locale, r.created_at),
      r.organisation_name,
      r.user_name,
      r.rating,
      r.page,
      ...EVALUATION_QUESTIONS.map((q) => (r.answers as Record<string, number> | null)?.[q.id] ?? ''),
      r.body,
    ]),
  );
}
