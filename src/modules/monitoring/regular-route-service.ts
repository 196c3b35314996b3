// "Geleverd via de reguliere route": the pilot keeps the regular process (delivery straight to CBS)
// open for participants who cannot deliver via ggk in time. CBS or the operator marks a participant of
// a round (its half year) with the date it delivered to CBS and a note; the round monitor then counts
// its cells as delivered and the closing reminder skips it. Undo removes the mark. Both are audited in
// the same transaction; the note is free text and stored with every BSN masked.
import type { Kysely } from 'kysely';
import { amsterdamDate } from '../../platform/time/amsterdam-time.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { Problems } from '../../platform/errors/problems.ts';
import { maskBsnRuns } from '../../platform/privacy/bsn-runs.ts';
import type { Schema } from '../database-schema.ts';
import { recordAudit, type AuditActor } from '../audit/index.ts';
import type { Round } from '../periods/index.ts';
import {
  deleteRegularRoute,
  insertRegularRoute,
  listParticipantOrganisations,
  listRegularRoutes,
  type ParticipantOrganisationRow,
  type RegularRouteRow,
} from './monitoring-repository.ts';

export const MAX_REGULAR_ROUTE_NOTE_CHARS = 1000;

export { listRegularRoutes, type RegularRouteRow };

export interface RegularRouteActor {
  actor: AuditActor;
  /** The staff user who marks (portal), or null (CBS's channel). */
  userId: string | null;
  /** CBS's API token (CBS's channel), or null (portal). */
  tokenId: string | null;
}

async function participantOf(
  db: Kysely<Schema>,
  round: Round,
  organisationId: string,
): Promise<ParticipantOrganisationRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(organisationId)) return undefined;
  return (await listParticipantOrganisations(db, round.id)).find((p) => p.id === organisationId);
}

function unknownParticipant(round: Round): AppError {
  return new AppError('regular_route.participant_unknown', {
    field: 'deelnemer',
    round: round.name,
  });
}

/** Marks a participant of the round as delivered via the regular route on `deliveredOn`. */
export async function markRegularRoute(
  db: Kysely<Schema>,
  input: RegularRouteActor & {
    round: Round;
    organisationId: string;
    deliveredOn: string;
    note: string;
    now: Date;
  },
): Promise<{ organisationName: string }> {
  const { round } = input;
  const problems = new Problems();
  const participant = await participantOf(db, round, input.organisationId);
  if (!participant) problems.add(unknownParticipant(round));
  const deliveredOn = input.deliveredOn.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(deliveredOn) || Number.isNaN(Date.parse(`${deliveredOn}T00:00:00Z`))) {
    problems.add(new AppError('regular_route.date_invalid', { field: 'datum' }));
  } else if (deliveredOn > amsterdamDate(input.now)) {
    problems.add(
      new AppError('regular_route.date_future', {
        field: 'datum',
      }),
    );
  }
  const note = maskBsnRuns(input.note.trim());
  if (note.length > MAX_REGULAR_ROUTE_NOTE_CHARS)
    problems.add(
      new AppError('regular_route.note_too_long', {
        field: 'toelichting',
        max: MAX_REGULAR_ROUTE_NOTE_CHARS,
      }),
    );
  if (problems.found || !participant) throw problems.error();
  await db.transaction().execute(async (trx) => {
    const id = await insertRegularRoute(trx, {
      roundId: round.id,
      organisationId: participant.id,
      deliveredOn,
      note: note === '' ? null : note,
      markedBy: input.userId,
      apiTokenId: input.tokenId,
      markedAt: input.now,
    });
    if (!id)
      throw new AppError('regular_route.already_marked', {
        field: 'deelnemer',
        name: participant.name,
        round: round.name,
      });
    await recordAudit(trx, {
      actor: input.actor,
      organisationId: participant.id,
      action: 'regular_route.marked',
      subjectIds: [round.id, participant.id, id],
      details: { halfYear: round.halfYear, deliveredOn, note: note === '' ? null : note },
      at: input.now,
    });
  });
  return { organisationName: participant.name };
}

/** Removes the mark of a participant of the round; the audit entry keeps what it said. */
export async function unmarkRegularRoute(
  db: Kysely<Schema>,
  input: RegularRouteActor & { round: Round; organisationId: string; now: Date },
): Promise<{ organisationName: string }> {
  const { round } = input;
  const participant = await participantOf(db, round, input.organisationId);
  if (!participant) throw unknownParticipant(round);
  await db.transaction().execute(async (trx) => {
    const removed = await deleteRegularRoute(trx, round.id, participant.id);
    if (!removed)
      throw new AppError('regular_route.not_marked', { name: participant.name, round: round.name });
    await recordAudit(trx, {
      actor: input.actor,
      organisationId: participant.id,
      action: 'regular_route.unmarked',
      subjectIds: [round.id, participant.id, removed.id],
      details: { halfYear: round.halfYear, deliveredOn: removed.delivered_on, note: removed.note },
      at: input.now,
    });
  });
  return { organisationName: participant.name };
}

/** The participants of the round that can be marked (not marked yet) and the marks, for the page. */
export async function regularRouteOverview(
  db: Kysely<Schema>,
  round: Round,
): Promise<{ marks: RegularRouteRow[]; unmarked: ParticipantOrganisationRow[] }> {
  const [marks, participants] = await Promise.all([
    listRegularRoutes(db, round.id),
    listParticipantOrganisations(db, round.id),
  ]);
  const marked = new Set(marks.map((m) => m.organisation_id));
  return {
    marks,
    unmarked: participants
      .filter((p) => !marked.has(p.id))
      .sort((a, b) => a.name.localeCompare(b.name, 'nl')),
  };
}
