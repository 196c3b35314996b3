// Withdrawal: a gemeente withdraws its consent for a round, and its delivered data are deleted for
// good. In the portal by the gemeente's intrekker, inside the round's withdrawal window, after typing
// the gemeente's name; a delegerende gemeente (files delivered by a samenwerkingsverband) uses the CBS
// form instead, which a cbs user registers here with the same effect. A withdrawal takes a part: the
// whole round (as before), one half year, or one file type of one half year (issue 18, "de
// aanlevering … en/of correctielevering"); what is not withdrawn stays in force, untouched.
// Idempotent: a second request (double click, overlap) finds the files already withdrawn and changes
// nothing; each stored file is withdrawn at most once (the database holds that, migration 0028-b).
import { FILE_TYPES, type FileType } from '../validation/index.ts';
import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors/app-error.ts';
import { Problems } from '../../platform/errors/problems.ts';
import { isUuid } from '../../platform/errors/ids.ts';
import { amsterdamDate, amsterdamInstant, formatDutchDate } from '../../platform/time/amsterdam-time.ts';
import { recordAudit } from '../audit/index.ts';
import type { Db, Schema } from '../database-schema.ts';
import {
  destroyStoredFiles,
  eraseWithdrawnParts,
  listDeliveriesOfGemeenteInRound,
  listFilesOfDeliveries,
  listStoredFileTypes,
  type ErasedDelivery,
  type FileDestroyer,
  type GemeenteDeliveryRow,
  type ReportContentEraser,
} from '../deliveries/index.ts';
import { enqueueMail } from '../notifications/index.ts';
import { bilingualMail, formatDateTime, halfYearLabel, translator } from '../i18n/index.ts';
import { deleteReportContents, restrictReportContents } from '../reports/index.ts';
import {
  findGemeenteByCode,
  findOrganisationById,
  listCollaborationsOfGemeente,
  type OrganisationRow,
} from '../organisations/index.ts';
import {
  findCurrentRound,
  findParticipatingOrganisations,
  findRoundById,
  halfYearBounds,
  halfYearsOf,
  isCbsFormDayOpen,
  isWithdrawalOpen,
  type Round,
} from '../periods/index.ts';
import { maskBsnRuns } from '../../platform/privacy/bsn-runs.ts';
import { notifyDeliveringCollaborations } from './collaboration-notice.ts';
import {
  insertWithdrawal,
  listWithdrawalsOfGemeente,
  listWithdrawalRecipients,
  lockGemeente,
  type WithdrawalRow,
} from './withdrawal-repository.ts';

export type { FileType };

/** What a withdrawal takes: both null = everything of the round; a half year; a file type of it. */
export interface WithdrawalPart {
  halfYear: string | null;
  fileType: FileType | null;
}

export const WHOLE_ROUND: WithdrawalPart = { halfYear: null, fileType: null };

/** The part as a form value: "alles", "2017H2" or "2017H2:wmo". */
export function partKey(part: WithdrawalPart): string {
  if (!part.halfYear) return 'alles';
  return part.fileType ? `${part.halfYear}:${part.fileType}` : part.halfYear;
}

/** A form value back to a part; undefined for anything else (every parameter is hostile). */
export function parsePart(text: string | undefined): WithdrawalPart | undefined {
  const value = (text ?? '').trim();
  if (value === '' || value === 'alles') return WHOLE_ROUND;
  const match = /^(\d{4}H[12])(?::([a-z-]{3,10}))?$/.exec(value);
  if (!match) return undefined;
  const fileType = match[2];
  if (fileType !== undefined && !FILE_TYPES.includes(fileType as FileType)) return undefined;
  return { halfYear: match[1]!, fileType: (fileType as FileType | undefined) ?? null };
}

function invalidPart(): AppError {
  return new AppError('withdrawal.part_invalid', { field: 'deel' });
}

export interface WithdrawalFile {
  id: string;
  name: string;
  bytes: number;
  sha256: string;
  /** The data file types in it, from the check (a ZIP may hold several; none before the check). */
  types: FileType[];
  /** The withdrawal that erased it, if one did. */
  withdrawalId: string | null;
}

/** What one part takes of one delivery: the files listed, and whether the delivery goes as a whole. */
export interface SelectedDelivery {
  delivery: GemeenteDeliveryRow;
  files: WithdrawalFile[];
  whole: boolean;
}

export interface WithdrawalOverview {
  round: Round | undefined;
  gemeente: OrganisationRow;
  windowText: string;
  windowOpen: boolean;
  /** Names of the samenwerkingsverbanden that deliver (or delivered) for this gemeente in the round. */
  delegatedTo: string[];
  deliveries: Array<GemeenteDeliveryRow & { files: WithdrawalFile[] }>;
  /** The gemeente's withdrawals in the round, one per part, oldest first. */
  withdrawals: WithdrawalRow[];
  /** The newest withdrawal, if any. */
  withdrawal: WithdrawalRow | undefined;
  /** Parts that can still be withdrawn (something of them is not withdrawn yet). */
  parts: WithdrawalPart[];
  /** Nothing delivered remains: every delivery of the round is withdrawn. */
  finished: boolean;
  /** The part chosen, and exactly what withdrawing it would erase. */
  part: WithdrawalPart;
  selection: SelectedDelivery[];
  /** Why the chosen part cannot be withdrawn as such (a field error on "deel"), or undefined. */
  partRefusal: AppError | undefined;
  /**
   * Why the portal refuses a withdrawal now, or undefined when it may go ahead: an AppError
   * `withdrawal.refused` whose details.reason picks the catalogue's text.
   */
  refusal: AppError | undefined;
}

function withdrawalWindowText(round: Round): string {
  return `${formatDutchDate(round.withdrawalOpensAt)} tot en met ${formatDutchDate(round.withdrawalClosesAt)}`;
}

/**
 * What withdrawing a part would erase: per delivery of the gemeente not withdrawn yet, its files of
 * that part. A half year or the whole round takes whole deliveries. A file type takes the stored
 * files of that type; a delivery left with no typed file goes as a whole. Refused (nothing
 * selected): a file type of a half year while a delivery of it is still being checked (its types are
 * not known yet), or whose file of that type is a ZIP also holding another type (a stored file is
 * erased whole: withdraw the half year instead).
 */
export function selectPart(
  deliveries: WithdrawalOverview['deliveries'],
  part: WithdrawalPart,
): { selection: SelectedDelivery[]; refusal: AppError | undefined } {
  const selection: SelectedDelivery[] = [];
  for (const d of deliveries) {
    if (d.state === 'withdrawn') continue;
    if (part.halfYear !== null && d.half_year !== part.halfYear) continue;
    const remaining = d.files.filter((f) => f.withdrawalId === null);
    const type = part.fileType;
    if (type === null) {
      // Whole deliveries, also one that keeps no files (the seeded demo deliveries): it is withdrawn.
      selection.push({ delivery: d, files: remaining, whole: true });
      continue;
    }
    if (remaining.length === 0) continue;
    if (d.state === 'received' || d.state === 'checking')
      return {
        selection: [],
        refusal: new AppError('withdrawal.part_checking', { field: 'deel', receipt: d.receipt_number }),
      };
    const inPart = remaining.filter((f) => f.types.includes(type));
    if (inPart.length === 0) continue;
    const mixed = inPart.find((f) => f.types.some((t) => t !== type));
    if (mixed)
      return {
        selection: [],
        refusal: new AppError('withdrawal.part_mixed', {
          field: 'deel',
          file: mixed.name,
          receipt: d.receipt_number,
          types: mixed.types.join(', '),
        }),
      };
    const whole = remaining.every((f) => inPart.includes(f) || f.types.length === 0);
    selection.push({ delivery: d, files: whole ? remaining : inPart, whole });
  }
  return { selection, refusal: undefined };
}

/** The parts that still hold something to withdraw: everything, each half year, each type of it. */
function partsOf(deliveries: WithdrawalOverview['deliveries']): WithdrawalPart[] {
  const open = deliveries.filter((d) => d.state !== 'withdrawn');
  if (open.length === 0) return [];
  const parts: WithdrawalPart[] = [WHOLE_ROUND];
  for (const halfYear of [...new Set(open.map((d) => d.half_year))].sort()) {
    parts.push({ halfYear, fileType: null });
    const types = new Set(
      open
        .filter((d) => d.half_year === halfYear)
        .flatMap((d) => d.files.filter((f) => f.withdrawalId === null).flatMap((f) => f.types)),
    );
    for (const fileType of FILE_TYPES) if (types.has(fileType)) parts.push({ halfYear, fileType });
  }
  return parts;
}

async function overviewOf(
  db: Db,
  gemeente: OrganisationRow,
  round: Round | undefined,
  now: Date,
  part: WithdrawalPart = WHOLE_ROUND,
) {
  if (!round) {
    return {
      round,
      gemeente,
      windowText: '',
      windowOpen: false,
      delegatedTo: [] as string[],
      deliveries: [] as WithdrawalOverview['deliveries'],
      withdrawals: [] as WithdrawalRow[],
      withdrawal: undefined,
      parts: [] as WithdrawalPart[],
      finished: false,
      part,
      selection: [] as SelectedDelivery[],
      partRefusal: undefined,
    };
  }
  const deliveries = await listDeliveriesOfGemeenteInRound(db, gemeente.id, round.id);
  const ids = deliveries.map((d) => d.id);
  const files = await listFilesOfDeliveries(db, ids);
  const types = await listStoredFileTypes(db, ids);
  const delivering = new Map(
    deliveries
      .filter((d) => d.organisation_kind === 'samenwerkingsverband')
      .map((d) => [d.organisation_id, d.organisation_name]),
  );
  const members = await listCollaborationsOfGemeente(db, gemeente.id, amsterdamDate(now));
  const participating = new Set(
    await findParticipatingOrganisations(
      db,
      round.id,
      members.map((m) => m.id),
    ),
  );
  for (const m of members) if (participating.has(m.id)) delivering.set(m.id, m.name);
  const withFiles = deliveries.map((d) => ({
    ...d,
    files: files
      .filter((f) => f.delivery_id === d.id)
      .map((f): WithdrawalFile => ({
        id: f.id,
        name: f.name,
        bytes: f.bytes,
        sha256: f.sha256,
        types: FILE_TYPES.filter((t) => types.some((x) => x.delivery_file_id === f.id && x.file_type === t)),
        withdrawalId: f.withdrawal_id,
      })),
  }));
  const withdrawals = await listWithdrawalsOfGemeente(db, round.id, gemeente.id);
  const { selection, refusal } = selectPart(withFiles, part);
  return {
    round,
    gemeente,
    windowText: withdrawalWindowText(round),
    windowOpen: isWithdrawalOpen(round, now),
    delegatedTo: [...new Set(delivering.values())].sort(),
    deliveries: withFiles,
    withdrawals,
    withdrawal: withdrawals.at(-1),
    parts: partsOf(withFiles),
    finished: withdrawals.length > 0 && withFiles.every((d) => d.state === 'withdrawn'),
    part,
    selection,
    partRefusal: refusal,
  };
}

/** What the intrekker sees before confirming: the round, the window, and exactly what would be deleted. */
export async function describeWithdrawal(
  db: Db,
  input: { organisationId: string; now: Date; part?: string | undefined },
): Promise<WithdrawalOverview> {
  const organisation = await findOrganisationById(db, input.organisationId);
  if (!organisation) throw new AppError('withdrawal.organisation_unknown');
  const round = await findCurrentRound(db, input.now);
  const part = parsePart(input.part);
  const overview = await overviewOf(db, organisation, round, input.now, part ?? WHOLE_ROUND);
  const partRefusal = part ? overview.partRefusal : invalidPart();
  return { ...overview, partRefusal, refusal: portalRefusal(overview) };
}

function portalRefusal(o: Omit<WithdrawalOverview, 'refusal'>): AppError | undefined {
  if (o.gemeente.kind !== 'gemeente') {
    return new AppError('withdrawal.refused', { reason: 'collaboration' });
  }
  if (!o.round)
    return new AppError('withdrawal.refused', {
      reason: 'no_round',
    });
  if (o.finished) return undefined;
  const window = {
    round: o.round.name,
    opens: o.round.withdrawalOpensAt,
    closes: o.round.withdrawalClosesAt,
  };
  if (o.delegatedTo.length > 0) {
    return new AppError('withdrawal.refused', {
      reason: 'delegated',
      gemeente: o.gemeente.name,
      collaborations: o.delegatedTo.join(', '),
      round: o.round.name,
      opens: amsterdamInstant(o.round.cbsForm.opensOn),
      closes: amsterdamInstant(o.round.cbsForm.closesOn),
    });
  }
  if (!o.windowOpen) {
    return new AppError('withdrawal.refused', { reason: 'window_closed', ...window });
  }
  if (o.deliveries.length === 0 && o.withdrawals.length === 0)
    return new AppError('withdrawal.refused', {
      reason: 'nothing_delivered',
      gemeente: o.gemeente.name,
      round: o.round.name,
    });
  return undefined;
}

export interface WithdrawalOutcome {
  withdrawalId: string;
  /** False when the gemeente's delivery was already withdrawn: nothing was changed. */
  performed: boolean;
  erased: ErasedDelivery[];
  filesDestroyed: number;
  /** Unfinished resumable uploads that were ended (removed from storage). */
  uploadsEnded: number;
}

/**
 * The unfinished resumable (tus) uploads, kept by the web process as temporary files
 * (http/deliveries/resumable-upload.ts). A withdrawal ends those that could still become a delivery
 * for the gemeente: their bytes (personal data) leave storage, and they can be neither resumed nor
 * finished.
 */
export interface UnfinishedUploads {
  /** Removes every unfinished upload made on behalf of one of these organisations; returns how many. */
  endFor(organisationIds: readonly string[]): Promise<number>;
}

/**
 * Who may have an unfinished upload for this gemeente in this round: the gemeente itself and every
 * collaboration that delivers for it on a half year of the round. An unfinished upload does not yet
 * say for which member a collaboration sends it (that is chosen when it is finished), so all of that
 * collaboration's unfinished uploads end: it chooses its files again, and no file of the withdrawn
 * gemeente can slip through.
 */
async function uploadersFor(db: Db, gemeenteId: string, round: Round): Promise<string[]> {
  const ids = new Set([gemeenteId]);
  for (const halfYear of halfYearsOf(round))
    for (const c of await listCollaborationsOfGemeente(db, gemeenteId, halfYearBounds(halfYear).end))
      ids.add(c.id);
  return [...ids];
}

interface PerformInput {
  round: Round;
  gemeente: OrganisationRow;
  channel: 'portal' | 'cbs_form';
  requestedBy: string;
  reason: string | null;
  formReceivedOn: string | null;
  formReference: string | null;
  now: Date;
  baseUrl: string;
  eraseReportContents?: ReportContentEraser | undefined;
}

/** The part in words for mails, after the round's name: "" for everything, " (alleen …)" otherwise. */
function partSuffix(locale: 'nl' | 'en', part: WithdrawalPart): string {
  const t = translator(locale);
  if (!part.halfYear) return '';
  const halfYear = halfYearLabel(locale, part.halfYear);
  return part.fileType
    ? t('mail.withdrawal.part.fileType', { type: t(`common.fileType.${part.fileType}`), halfYear })
    : t('mail.withdrawal.part.halfYear', { halfYear });
}

async function perform(
  trx: Db,
  selection: SelectedDelivery[],
  input: PerformInput & { part: WithdrawalPart },
) {
  const { id: withdrawalId } = await insertWithdrawal(trx, {
    round_id: input.round.id,
    gemeente_id: input.gemeente.id,
    channel: input.channel,
    requested_by: input.requestedBy,
    reason: input.reason,
    form_received_on: input.formReceivedOn,
    form_reference: input.formReference,
    withdrawn_at: input.now,
    half_year: input.part.halfYear,
    file_type: input.part.fileType,
    deleted: selection.map((s) => ({
      delivery_id: s.delivery.id,
      receipt_number: s.delivery.receipt_number,
      delivered_by: s.delivery.organisation_id,
      half_year: s.delivery.half_year,
      whole: s.whole,
      files: s.files.map((f) => ({
        id: f.id,
        name: f.name,
        bytes: f.bytes,
        sha256: f.sha256,
        types: f.types,
      })),
    })),
  });
  const erased = await eraseWithdrawnParts(
    trx,
    selection.map((s) => ({ delivery: s.delivery, fileIds: s.files.map((f) => f.id), whole: s.whole })),
    withdrawalId,
    input.now,
    input.eraseReportContents ?? ((db, ids) => deleteReportContents(db, ids, input.now)),
    (db, id, isWithdrawn) => restrictReportContents(db, id, isWithdrawn, input.now),
  );
  // The gemeente's own people (and the requester) get the confirmation; a samenwerkingsverband that
  // delivered for it gets its own notice (collaboration-notice.ts).
  const organisations = [
    ...new Set([
      input.gemeente.id,
      ...selection
        .filter((x) => x.delivery.organisation_kind !== 'samenwerkingsverband')
        .map((x) => x.delivery.organisation_id),
    ]),
  ];
  await notifyDeliveringCollaborations(trx, {
    withdrawalId,
    round: input.round,
    gemeente: input.gemeente,
    channel: input.channel,
    formReference: input.formReference,
    erased,
    deliveries: selection.map((x) => x.delivery),
    now: input.now,
    baseUrl: input.baseUrl,
  });
  for (const recipient of await listWithdrawalRecipients(trx, organisations, input.requestedBy)) {
    await enqueueMail(trx, {
      recipient: recipient.email,
      kind: 'withdrawal_confirmed',
      at: input.now,
      dedupeKey: `withdrawal:${withdrawalId}:${recipient.user_id}`,
      ...bilingualMail('mail.withdrawal.subject', 'mail.withdrawal.body', (locale) => {
        const t = translator(locale);
        return {
          name: recipient.name,
          gemeente: input.gemeente.name,
          round: `${input.round.name}${partSuffix(locale, input.part)}`,
          channel: t(`mail.withdrawal.channel.${input.channel}`),
          when: formatDateTime(locale, input.now),
          count: erased.length,
          deliveries: t(erased.length === 1 ? 'mail.withdrawal.delivery' : 'mail.withdrawal.deliveries'),
          // CBS, who registered a form, reads withdrawals in the overview: /intrekken is the intrekker's.
          link:
            input.channel === 'cbs_form' && recipient.user_id === input.requestedBy
              ? `${input.baseUrl}/intrekkingen`
              : `${input.baseUrl}/intrekken`,
        };
      }),
    });
  }
  for (const d of erased) {
    await recordAudit(trx, {
      actor: { kind: 'user', userId: input.requestedBy },
      organisationId: d.organisationId,
      action: 'delivery.withdrawn',
      subjectIds: [d.id, withdrawalId, input.gemeente.id, input.round.id],
      details: {
        receipt_number: d.receiptNumber,
        whole: d.whole,
        file_ids: d.files.map((f) => f.id),
        sha256: d.files.map((f) => f.sha256),
        bytes: d.files.map((f) => f.bytes),
      },
      at: input.now,
    });
  }
  await recordAudit(trx, {
    actor: { kind: 'user', userId: input.requestedBy },
    organisationId: input.gemeente.id,
    action: 'withdrawal.registered',
    subjectIds: [withdrawalId, input.gemeente.id, input.round.id, ...erased.map((d) => d.id)],
    details: {
      channel: input.channel,
      gemeentecode: input.gemeente.gemeentecode,
      half_year: input.part.halfYear,
      file_type: input.part.fileType,
      deliveries: erased.length,
      files: erased.reduce((n, d) => n + d.files.length, 0),
      reason_given: input.reason !== null,
      form_received_on: input.formReceivedOn,
      form_reference: input.formReference,
    },
    at: input.now,
  });
  return { withdrawalId, erased };
}

/** After commit: the stored files are destroyed and the unfinished uploads ended. */
async function finish(
  store: FileDestroyer,
  uploads: UnfinishedUploads,
  result: { withdrawalId: string; erased: ErasedDelivery[]; performed: boolean; uploaders: string[] },
): Promise<WithdrawalOutcome> {
  const { uploaders, ...outcome } = result;
  if (!result.performed) return { ...outcome, filesDestroyed: 0, uploadsEnded: 0 };
  const { destroyed } = await destroyStoredFiles(store, result.erased);
  const uploadsEnded = await uploads.endFor(uploaders);
  return { ...outcome, filesDestroyed: destroyed, uploadsEnded };
}

function nothingInPart(): AppError {
  return new AppError('withdrawal.part_empty', { field: 'deel' });
}

function cleanReason(reason: string | undefined): string | null {
  const text = (reason ?? '').trim();
  if (text.length > 1000) throw new AppError('withdrawal.reason_too_long');
  // Free text is stored with any BSN masked (also by the database, migration 0012-c).
  return text === '' ? null : maskBsnRuns(text);
}

/** The intrekker's withdrawal in the portal. */
export async function withdrawInPortal(
  db: Kysely<Schema>,
  store: FileDestroyer,
  input: {
    userId: string;
    organisationId: string;
    confirmName: string;
    /** The part as the form sends it ("alles", "2017H2", "2017H2:wmo"); absent: everything. */
    part?: string | undefined;
    reason?: string | undefined;
    now: Date;
    baseUrl: string;
    unfinishedUploads: UnfinishedUploads;
    eraseReportContents?: ReportContentEraser | undefined;
  },
): Promise<WithdrawalOutcome> {
  const part = parsePart(input.part);
  if (!part) throw invalidPart();
  const reason = cleanReason(input.reason);
  const result = await db.transaction().execute(async (trx) => {
    const organisation = await findOrganisationById(trx, input.organisationId);
    if (!organisation) throw new AppError('withdrawal.organisation_unknown');
    await lockGemeente(trx, organisation.id);
    const round = await findCurrentRound(trx, input.now);
    // The deliveries are locked before they are read: a check finishing meanwhile waits.
    if (round) await listDeliveriesOfGemeenteInRound(trx, organisation.id, round.id, { lock: true });
    const overview = await overviewOf(trx, organisation, round, input.now, part);
    const refusal = portalRefusal(overview);
    if (refusal) throw refusal;
    if (overview.partRefusal) throw overview.partRefusal;
    if (overview.selection.length === 0) {
      // A double click, or a part an earlier withdrawal already took: nothing changes.
      if (overview.withdrawal)
        return { withdrawalId: overview.withdrawal.id, erased: [], performed: false, uploaders: [] };
      throw nothingInPart();
    }
    if (input.confirmName.trim().toLocaleLowerCase('nl') !== organisation.name.toLocaleLowerCase('nl')) {
      throw new AppError('withdrawal.confirmation_mismatch', {
        field: 'bevestiging',
        name: organisation.name,
      });
    }
    const done = await perform(trx, overview.selection, {
      round: round!,
      gemeente: organisation,
      channel: 'portal',
      requestedBy: input.userId,
      reason,
      formReceivedOn: null,
      formReference: null,
      now: input.now,
      baseUrl: input.baseUrl,
      eraseReportContents: input.eraseReportContents,
      part,
    });
    return { ...done, performed: true, uploaders: await uploadersFor(trx, organisation.id, round!) };
  });
  return finish(store, input.unfinishedUploads, result);
}

/** A cbs user registers a withdrawal that came in on the CBS form: same effect as in the portal. */
export async function registerFormWithdrawal(
  db: Kysely<Schema>,
  store: FileDestroyer,
  input: {
    cbsUserId: string;
    gemeentecode: string;
    roundId: string;
    receivedOn: string;
    reference: string;
    reason?: string | undefined;
    /** The part the form withdraws: a half year (JJJJHn) and a file type of it; both empty: everything. */
    halfYear?: string | undefined;
    fileType?: string | undefined;
    now: Date;
    baseUrl: string;
    unfinishedUploads: UnfinishedUploads;
    eraseReportContents?: ReportContentEraser | undefined;
  },
): Promise<WithdrawalOutcome & { gemeenteName: string }> {
  // Every field is checked before the form is refused (in the order of the form), so CBS sees all
  // that is wrong at once. Looking the gemeente and the round up changes nothing.
  const problems = new Problems();
  const code = input.gemeentecode.trim();
  const gemeente = /^\d{4}$/.test(code) ? await findGemeenteByCode(db, code) : undefined;
  if (!gemeente)
    problems.add(new AppError('withdrawal.gemeente_unknown', { field: 'gemeentecode', gemeentecode: code }));
  const round = isUuid(input.roundId) ? await findRoundById(db, input.roundId) : undefined;
  if (!round)
    problems.add(
      new AppError('withdrawal.round_unknown', {
        field: 'ronde',
      }),
    );
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(input.receivedOn) ||
    Number.isNaN(Date.parse(`${input.receivedOn}T12:00:00Z`))
  ) {
    problems.add(
      new AppError('withdrawal.date_invalid', {
        field: 'ontvangen',
      }),
    );
  } else if (input.receivedOn > amsterdamDate(input.now)) {
    problems.add(
      new AppError('withdrawal.date_future', {
        field: 'ontvangen',
      }),
    );
  } else if (round && !isCbsFormDayOpen(round, input.receivedOn)) {
    // The days are the round's own for the CBS form (the regular route takes forms from early March).
    problems.add(
      new AppError('withdrawal.form_outside_window', {
        field: 'ontvangen',
        round: round.name,
        // Dates at the start of the Amsterdam day: the catalogue shows them as a date alone.
        received: amsterdamInstant(input.receivedOn),
        opens: amsterdamInstant(round.cbsForm.opensOn),
        closes: amsterdamInstant(round.cbsForm.closesOn),
      }),
    );
  }
  const reference = maskBsnRuns(input.reference.trim());
  if (reference === '')
    problems.add(
      new AppError('withdrawal.reference_required', {
        field: 'kenmerk',
      }),
    );
  if (reference.length > 100)
    problems.add(
      new AppError('withdrawal.reference_too_long', {
        field: 'kenmerk',
      }),
    );
  const reason = problems.check(() => cleanReason(input.reason));
  const halfYear = (input.halfYear ?? '').trim().toUpperCase();
  const fileType = (input.fileType ?? '').trim();
  if (halfYear !== '' && round && !halfYearsOf(round).includes(halfYear))
    problems.add(
      new AppError('withdrawal.half_year_unknown', {
        field: 'halfjaar',
        halfYear: halfYear.slice(0, 20),
        round: round.name,
        halfYears: halfYearsOf(round).join(', '),
      }),
    );
  if (fileType !== '' && (!FILE_TYPES.includes(fileType as FileType) || halfYear === ''))
    problems.add(new AppError('withdrawal.file_type_needs_half_year', { field: 'bestandstype' }));
  if (problems.found || !gemeente || !round || reason === undefined) throw problems.error();
  const part: WithdrawalPart = {
    halfYear: halfYear === '' ? null : halfYear,
    fileType: fileType === '' ? null : (fileType as FileType),
  };
  const result = await db.transaction().execute(async (trx) => {
    await lockGemeente(trx, gemeente.id);
    const deliveries = await listDeliveriesOfGemeenteInRound(trx, gemeente.id, round.id, { lock: true });
    const overview = await overviewOf(trx, gemeente, round, input.now, part);
    if (overview.partRefusal) throw overview.partRefusal;
    if (overview.selection.length === 0) {
      if (overview.withdrawal)
        return { withdrawalId: overview.withdrawal.id, erased: [], performed: false, uploaders: [] };
      if (deliveries.length === 0)
        throw new AppError('withdrawal.nothing_delivered', { gemeente: gemeente.name, round: round.name });
      throw nothingInPart();
    }
    const done = await perform(trx, overview.selection, {
      round,
      gemeente,
      channel: 'cbs_form',
      requestedBy: input.cbsUserId,
      reason,
      formReceivedOn: input.receivedOn,
      formReference: reference,
      now: input.now,
      baseUrl: input.baseUrl,
      eraseReportContents: input.eraseReportContents,
      part,
    });
    return { ...done, performed: true, uploaders: await uploadersFor(trx, gemeente.id, round) };
  });
  return { ...(await finish(store, input.unfinishedUploads, result)), gemeenteName: gemeente.name };
}

export { listWithdrawals, type WithdrawalRow } from './withdrawal-repository.ts';
