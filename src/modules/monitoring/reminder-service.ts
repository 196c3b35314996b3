// The daily reminders: a number of working days before the delivery window closes, to the
// aanleveraars of every participating organisation that has not delivered a file type for the
// round's half year (and is not marked as delivered via the regular route); and to pilot
// participants whose op-orde report was placed more than 1 working day ago and not fetched. Each
// reminder is claimed by a unique key in `reminders` in the same transaction as its mails (outbox):
// however often the job runs, it goes out once.
import type { Kysely } from 'kysely';
import { amsterdamDate } from '../../platform/time/amsterdam-time.ts';
import type { Schema } from '../database-schema.ts';
import { SYSTEM_ACTOR, recordAudit } from '../audit/index.ts';
import { enqueueMail } from '../notifications/index.ts';
import { bilingualMail, formatDate, formatDateTime, halfYearLabel, translator } from '../i18n/index.ts';
import { findCurrentRound, workingDaysBetween, type Round } from '../periods/index.ts';
import { deriveRoundCells, cellKey, type ReportPlacementSource } from './monitor-service.ts';
import {
  DOMAIN_FILE_TYPES,
  FILE_TYPES,
  isFileType,
  isClosingReminderDue,
  isDeliveredForReminder,
  isFetchReminderDue,
  isPilotTargetReminderDue,
  type FileType,
  type ReminderFacts,
} from './monitoring-rules.ts';
import { wordReminder } from './reminder-wording.ts';
import {
  insertReminder,
  listOrganisationUsers,
  listParticipantOrganisations,
  listParticipatingMemberships,
  listRegularRoutes,
  listRoundDeliveries,
} from './monitoring-repository.ts';
import * as monitoringRepository from './monitoring-repository.ts';

export const REMINDER_QUEUE = 'reminders';
export const DEFAULT_CLOSING_REMINDER_WORKING_DAYS = 5;

export interface ReminderOptions {
  now: Date;
  closingWorkingDays: number;
  /** Pilot participants are reminded this many working days before the pilot target date (0: not). */
  pilotTargetWorkingDays?: number | undefined;
  baseUrl: string;
  reports?: ReportPlacementSource | undefined;
}

export interface ReminderCounts {
  /** Reminders recorded now (one per organisation and occasion). */
  closing: number;
  pilotTarget: number;
  fetch: number;
  /** Mails queued with them. */
  mails: number;
}

export async function sendReminders(db: Kysely<Schema>, options: ReminderOptions): Promise<ReminderCounts> {
  const counts: ReminderCounts = { closing: 0, pilotTarget: 0, fetch: 0, mails: 0 };
  const round = await findCurrentRound(db, options.now);
  if (!round) return counts;
  if (isClosingReminderDue(round, options.now, options.closingWorkingDays)) {
    await sendClosingReminders(db, round, options, counts, 'window_closing');
  }
  const pilotDays = options.pilotTargetWorkingDays ?? 0;
  if (pilotDays > 0 && isPilotTargetReminderDue(round, options.now, pilotDays)) {
    await sendClosingReminders(db, round, options, counts, 'pilot_target');
  }
  if (options.reports) await sendFetchReminders(db, round, options, options.reports, counts);
  return counts;
}

/** Per participating organisation, the (gemeente, file type) cells of the round's half year it delivers. */
async function responsibilities(db: Kysely<Schema>, round: Round, today: string) {
  const [participants, memberships] = await Promise.all([
    listParticipantOrganisations(db, round.id),
    listParticipatingMemberships(db, round.id, today),
  ]);
  const covered = new Set<string>();
  const ofCollaboration = new Map<string, Array<{ gemeenteId: string; name: string; type: FileType }>>();
  for (const m of memberships) {
    for (const type of DOMAIN_FILE_TYPES[m.domain]) {
      covered.add(`${m.gemeente_id}|${type}`);
      const list = ofCollaboration.get(m.collaboration_id) ?? [];
      list.push({ gemeenteId: m.gemeente_id, name: m.gemeente_name, type });
      ofCollaboration.set(m.collaboration_id, list);
    }
  }
  return participants.map((p) => ({
    organisation: p,
    cells:
      p.kind === 'samenwerkingsverband'
        ? (ofCollaboration.get(p.id) ?? [])
        : FILE_TYPES.filter((type) => !covered.has(`${p.id}|${type}`)).map((type) => ({
            gemeenteId: p.id,
            name: p.name,
            type,
          })),
  }));
}

/**
 * The reminder before the close to every participant, or (`pilot_target`) before the pilot target
 * date to the pilot participants: the same facts (what it has not delivered), its own key, mail and
 * wording. Both go out once per round and organisation.
 */
async function sendClosingReminders(
  db: Kysely<Schema>,
  round: Round,
  options: ReminderOptions,
  counts: ReminderCounts,
  occasion: 'window_closing' | 'pilot_target',
): Promise<void> {
  const today = amsterdamDate(options.now);
  const cells = await deriveRoundCells(db, round, options.reports);
  const target = occasion === 'pilot_target' ? round.pilotTargetAt! : round.deliveryClosesAt;
  const left = workingDaysBetween(today, amsterdamDate(target));
  const mailKeys =
    occasion === 'pilot_target'
      ? (['mail.reminderPilotTarget.subject', 'mail.reminderPilotTarget.body'] as const)
      : (['mail.reminderClosing.subject', 'mail.reminderClosing.body'] as const);
  // A participant that delivered straight to CBS (the regular route) is not reminded.
  const regular = new Set((await listRegularRoutes(db, round.id)).map((r) => r.organisation_id));
  for (const { organisation, cells: theirs } of await responsibilities(db, round, today)) {
    if (regular.has(organisation.id)) continue;
    if (occasion === 'pilot_target' && !organisation.is_pilot) continue;
    const missing = theirs.filter((c) => {
      const state = cells.get(c.gemeenteId)?.get(cellKey(round.halfYear, c.type))?.state ?? 'not_delivered';
      return !isDeliveredForReminder(state);
    });
    if (missing.length === 0) continue;
    const missingFacts = missing.map((c) => ({
      type: c.type,
      gemeente: organisation.kind === 'samenwerkingsverband' ? c.name : null,
    }));
    const facts: ReminderFacts =
      occasion === 'pilot_target'
        ? {
            kind: 'pilot_target',
            halfYear: round.halfYear,
            targetDate: amsterdamDate(target),
            missing: missingFacts,
          }
        : { kind: 'window_closing', halfYear: round.halfYear, missing: missingFacts };
    await db.transaction().execute(async (trx) => {
      const recipients = await listOrganisationUsers(trx, organisation.id, ['aanleveraar']);
      // Nobody to remind (yet): nothing is claimed, so an aanleveraar added later is reminded the next day.
      if (recipients.length === 0) return;
      const claimed = await insertReminder(trx, {
        reminder_key: `${occasion}:${round.id}:${organisation.id}`,
        kind: occasion,
        round_id: round.id,
        organisation_id: organisation.id,
        subject: wordReminder('nl', facts),
        facts,
        recipients: recipients.length,
        sent_at: options.now,
      });
      if (!claimed) return;
      if (occasion === 'pilot_target') counts.pilotTarget += 1;
      else counts.closing += 1;
      await recordAudit(trx, {
        actor: SYSTEM_ACTOR,
        organisationId: organisation.id,
        action: 'reminder.sent',
        subjectIds: [round.id],
        details: { kind: occasion, recipients: recipients.length, fileTypes: missing.length },
        at: options.now,
      });
      for (const r of recipients) {
        await enqueueMail(trx, {
          recipient: r.email,
          kind: `reminder_${occasion}`,
          at: options.now,
          dedupeKey: `reminder:${occasion}:${round.id}:${organisation.id}:${r.user_id}`,
          ...bilingualMail(mailKeys[0], mailKeys[1], (locale) => {
            const t = translator(locale);
            return {
              name: r.name,
              closesOn: formatDate(locale, target),
              round: round.name,
              closesAt: formatDateTime(locale, target),
              left,
              workingDays: t(
                left === 1 ? 'mail.reminderClosing.workingDay' : 'mail.reminderClosing.workingDays',
              ),
              halfYear: halfYearLabel(locale, round.halfYear),
              organisation: organisation.name,
              list: missing
                .map((c) =>
                  organisation.kind === 'samenwerkingsverband'
                    ? `- ${t('mail.reminderClosing.typeFor', { type: t(`common.fileType.${c.type}`), gemeente: c.name })}`
                    : `- ${t(`common.fileType.${c.type}`)}`,
                )
                .join('\n'),
              link: `${options.baseUrl}/aanleveren`,
            };
          }),
        });
        counts.mails += 1;
      }
    });
  }
}

async function sendFetchReminders(
  db: Kysely<Schema>,
  round: Round,
  options: ReminderOptions,
  reports: ReportPlacementSource,
  counts: ReminderCounts,
): Promise<void> {
  const participants = await listParticipantOrganisations(db, round.id);
  const pilots = new Set(participants.filter((p) => p.is_pilot).map((p) => p.id));
  const deliveries = (await listRoundDeliveries(db, round.id)).filter(
    (d) => d.state === 'approved' && pilots.has(d.organisation_id),
  );
  const placements = await reports(
    db,
    deliveries.map((d) => d.id),
  );
  for (const d of deliveries) {
    const placement = placements.get(d.id);
    if (!placement || !isFetchReminderDue(placement.placedAt, placement.fetchedAt, options.now)) continue;
    const approvedTypes = d.judged.filter((j) => j.status === 'approved').map((j) => j.type);
    const facts: ReminderFacts = {
      kind: 'report_not_fetched',
      types: approvedTypes,
      gemeente: d.gemeente_name,
      receipt: d.receipt_number,
    };
    await db.transaction().execute(async (trx) => {
      const recipients = await listOrganisationUsers(trx, d.organisation_id, [
        'rapportontvanger',
        'aanleveraar',
      ]);
      if (recipients.length === 0) return;
      const claimed = await insertReminder(trx, {
        reminder_key: `report_not_fetched:${d.id}`,
        kind: 'report_not_fetched',
        round_id: round.id,
        organisation_id: d.organisation_id,
        subject: wordReminder('nl', facts),
        facts,
        recipients: recipients.length,
        sent_at: options.now,
      });
      if (!claimed) return;
      counts.fetch += 1;
      await recordAudit(trx, {
        actor: SYSTEM_ACTOR,
        organisationId: d.organisation_id,
        action: 'reminder.sent',
        subjectIds: [round.id, d.id],
        details: { kind: 'report_not_fetched', recipients: recipients.length },
        at: options.now,
      });
      for (const r of recipients) {
        await enqueueMail(trx, {
          recipient: r.email,
          kind: 'reminder_report_not_fetched',
          at: options.now,
          dedupeKey: `reminder:report_not_fetched:${d.id}:${r.user_id}`,
          ...bilingualMail('mail.reminderFetch.subject', 'mail.reminderFetch.body', (locale) => ({
            name: r.name,
            types: approvedTypes
              .map((type) => (isFileType(type) ? translator(locale)(`common.fileType.${type}`) : type))
              .join(', '),
            gemeente: d.gemeente_name,
            receipt: d.receipt_number,
            placedAt: formatDateTime(locale, placement.placedAt),
            link: `${options.baseUrl}/aanleveringen/${d.id}`,
          })),
        });
        counts.mails += 1;
      }
    });
  }
}

// Reads (and a few writes) other modules, http/ and main/ use as they are: the module's surface is
// its services, so what the repository returns may change without them noticing.

export function listReminders(
  ...args: Parameters<typeof monitoringRepository.listReminders>
): ReturnType<typeof monitoringRepository.listReminders> {
  return monitoringRepository.listReminders(...args);
}
