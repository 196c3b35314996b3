// Pilot feedback: users of pilot participants leave a rating and a note from any page during the
// round, and answer a short evaluation once the delivery window has closed (one per user and round).
// The operator reads and exports both.
import { AppError, type ReasonOf } from '../../platform/errors/app-error.ts';
import { Problems } from '../../platform/errors/problems.ts';
import { recordAudit } from '../audit/index.ts';
import type { Db } from '../database-schema.ts';
import { findCurrentRound, findParticipatingOrganisations, phaseOf, type Round } from '../periods/index.ts';
import { hasEvaluation, insertFeedback, listFeedback, type FeedbackRow } from './monitoring-repository.ts';
import { maskBsnRuns } from '../../platform/privacy/bsn-runs.ts';

export const MAX_FEEDBACK_CHARS = 4000;

/**
 * The closed questions of the evaluation, each answered 1 (slecht) to 5 (uitstekend). Pages word them
 * from the catalogue (feedback.question.<id>, feedback.rating.<n>) and the error catalogue (feedback.bad_rating).
 */
export const EVALUATION_QUESTIONS = [
  { id: 'aanleveren' },
  { id: 'technisch_rapport' },
  { id: 'op_orde_rapport' },
  { id: 'snelheid' },
] as const;

export interface FeedbackContext {
  round: Round;
  isPilot: boolean;
  /** The evaluation is open once the delivery window has closed. */
  evaluationOpen: boolean;
  hasEvaluated: boolean;
}

/** Whether this user, acting for this organisation, can give feedback now, and how. */
export async function feedbackContext(
  db: Db,
  input: { userId: string; organisationId: string | null; now: Date },
): Promise<FeedbackContext | undefined> {
  const round = await findCurrentRound(db, input.now);
  if (!round) return undefined;
  const isPilot =
    input.organisationId !== null &&
    (await findParticipatingOrganisations(db, round.id, [input.organisationId], { pilotOnly: true })).length >
      0;
  const phase = phaseOf(round, input.now);
  return {
    round,
    isPilot,
    evaluationOpen: phase === 'between' || phase === 'withdrawal_open' || phase === 'closed',
    hasEvaluated: await hasEvaluation(db, round.id, input.userId),
  };
}

/** `question` names the rating in the refusal's text (feedback.bad_rating's reasons). */
function parseRating(value: unknown, field: string, question: ReasonOf<'feedback.bad_rating'>): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 5) {
    throw new AppError('feedback.bad_rating', {
      field,
      reason: question,
    });
  }
  return n;
}

function parseText(value: unknown, field: string): string {
  const text = typeof value === 'string' ? value.replace(/\r\n/g, '\n').trim() : '';
  if (text.length > MAX_FEEDBACK_CHARS) {
    throw new AppError('feedback.too_long', { field, length: text.length, max: MAX_FEEDBACK_CHARS });
  }
  // Free text people type is stored with any BSN masked (also by the database, migration 0012-c).
  return maskBsnRuns(text);
}

async function requirePilot(db: Db, input: { userId: string; organisationId: string | null; now: Date }) {
  const context = await feedbackContext(db, input);
  if (!context || !context.isPilot || input.organisationId === null) {
    throw new AppError('feedback.not_pilot');
  }
  return { ...context, organisationId: input.organisationId };
}

export async function submitFeedback(
  db: Db,
  input: {
    userId: string;
    organisationId: string | null;
    now: Date;
    rating: unknown;
    text: unknown;
    page: unknown;
  },
): Promise<void> {
  const context = await requirePilot(db, input);
  const problems = new Problems();
  const rating = problems.check(() => parseRating(input.rating, 'waardering', 'rating'));
  const body = problems.check(() => parseText(input.text, 'toelichting'));
  if (problems.found || rating === undefined || body === undefined) throw problems.error();
  const page = typeof input.page === 'string' && /^\/[^?#\s]{0,200}$/.test(input.page) ? input.page : null;
  await insertFeedback(db, {
    kind: 'feedback',
    round_id: context.round.id,
    organisation_id: context.organisationId,
    user_id: input.userId,
    rating,
    body,
    page,
    answers: null,
    created_at: input.now,
  });
  await recordAudit(db, {
    actor: { kind: 'user', userId: input.userId },
    organisationId: context.organisationId,
    action: 'feedback.submitted',
    subjectIds: [context.round.id],
    details: { rating },
    at: input.now,
  });
}

export async function submitEvaluation(
  db: Db,
  input: { userId: string; organisationId: string | null; now: Date; form: Record<string, unknown> },
): Promise<void> {
  const context = await requirePilot(db, input);
  if (!context.evaluationOpen) {
    throw new AppError('feedback.evaluation_not_open');
  }
  // Every answer is checked before the form is refused, so all that is missing is named at once.
  const problems = new Problems();
  const answers: Record<string, number> = {};
  for (const q of EVALUATION_QUESTIONS) {
    const answer = problems.check(() => parseRating(input.form[q.id], q.id, q.id));
    if (answer !== undefined) answers[q.id] = answer;
  }
  const rating = problems.check(() => parseRating(input.form.waardering, 'waardering', 'overall'));
  const body = problems.check(() => parseText(input.form.toelichting, 'toelichting'));
  if (problems.found || rating === undefined || body === undefined) throw problems.error();
  const inserted = await insertFeedback(db, {
    kind: 'evaluation',
    round_id: context.round.id,
    organisation_id: context.organisationId,
    user_id: input.userId,
    rating,
    body,
    page: null,
    answers: JSON.stringify(answers),
    created_at: input.now,
  });
  if (!inserted) {
    throw new AppError('feedback.duplicate_evaluation');
  }
  await recordAudit(db, {
    actor: { kind: 'user', userId: input.userId },
    organisationId: context.organisationId,
    action: 'feedback.submitted',
    subjectIds: [context.round.id],
    details: { rating, evaluation: true },
    at: input.now,
  });
}

export async function listRoundFeedback(
  db: Db,
  now: Date,
): Promise<{ round: Round | undefined; rows: FeedbackRow[] }> {
  const round = await findCurrentRound(db, now);
  return { round, rows: round ? await listFeedback(db, round.id) : [] };
}

export type { FeedbackRow };
