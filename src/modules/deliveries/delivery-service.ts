// Delivering: who may deliver what (window, half year, gemeente), registering a stored upload with
// its receipt and check job in one transaction, and the technical check as a job.
import { AppError } from '../../platform/errors/app-error.ts';
import { amsterdamDate, amsterdamInstant, formatDutchDateTime } from '../../platform/time/amsterdam-time.ts';
import type { MunicipalClassification } from '../classification/index.ts';
import type { Db, DownloadKind } from '../database-schema.ts';
import { enqueueMail } from '../notifications/index.ts';
import { bilingualMail, translator } from '../i18n/index.ts';
import { recordAudit, SYSTEM_ACTOR } from '../audit/index.ts';
import { inTransaction } from '../../platform/db/database.ts';
import {
  canCollaborationDeliverFor,
  findGemeenteByCode,
  findOrganisationById,
} from '../organisations/index.ts';
import {
  addWorkingDays,
  findCurrentRound,
  findParticipatingOrganisations,
  findRoundById,
  halfYearsOf,
  isDeliveryOpen,
  type Round,
} from '../periods/index.ts';
import { validateUpload, type ByteSource, type Report, type Spec } from '../validation/index.ts';
import {
  deletePendingUploads,
  findDelivery,
  listPendingUploadsOfHost,
  findEarlierIdenticalFiles,
  insertDelivery,
  insertDeliveryFiles,
  insertDownload,
  insertReportFiles,
  listDeliveryFiles,
  listReportRecipients,
  lockDelivery,
  nextReceiptNumber,
  setDeliveryState,
  storeCheckResult,
  type DeliveryRow,
} from './delivery-repository.ts';

/** Service levels (product brief): technical notice within 3 working days, op-orde report within 2. */
export const TECHNICAL_NOTICE_WORKING_DAYS = 3;
export const CONTENT_REPORT_WORKING_DAYS = 2;

export interface StoredFileRef {
  fileId: string;
  sha256: string;
  bytes: number;
  wrappedKey: string;
}

/** Where delivered files are kept (encrypted); platform/files implements it. */
export interface DeliveryFileStore {
  openByteSource(file: { fileId: string; wrappedKey: string; bytes: number }, name: string): ByteSource;
  destroy(file: { fileId: string }): Promise<void>;
}

/** Puts the check job on the queue inside the caller's transaction. */
export type EnqueueCheck = (db: Db, deliveryId: string) => Promise<void>;

export interface DeliveryTarget {
  round: Round;
  organisationId: string;
  gemeente: { id: string; gemeentecode: string; name: string };
  halfYear: string;
}

function windowText(round: Round): string {
  return `${formatDutchDateTime(round.deliveryOpensAt)} tot en met ${formatDutchDateTime(round.deliveryClosesAt)}`;
}

/**
 * Checks, before any byte is stored, that this organisation may deliver for this gemeente and half
 * year now. A samenwerkingsverband names the member gemeente; a gemeente delivers for itself.
 */
export async function prepareDelivery(
  db: Db,
  input: {
    organisationId: string;
    gemeentecode?: string | undefined;
    halfYear?: string | undefined;
    now: Date;
  },
): Promise<DeliveryTarget> {
  const round = await findCurrentRound(db, input.now);
  if (!round) throw new AppError('delivery.no_round', 'Er is geen aanleverronde ingesteld.');
  if (!isDeliveryOpen(round, input.now)) {
    throw new AppError(
      'delivery.window_closed',
      input.now < round.deliveryOpensAt
        ? `De aanleverperiode is nog niet begonnen. U kunt aanleveren van ${windowText(round)}.`
        : `De aanleverperiode is gesloten. Aanleveren kon van ${windowText(round)}.`,
      {
        reason: input.now < round.deliveryOpensAt ? 'not_yet_open' : 'closed',
        opens: round.deliveryOpensAt,
        closes: round.deliveryClosesAt,
      },
    );
  }
  const halfYear = input.halfYear ?? round.halfYear;
  if (!halfYearsOf(round).includes(halfYear)) {
    throw new AppError(
      'delivery.bad_half_year',
      `In deze ronde kunt u aanleveren voor ${halfYearsOf(round).join(' of ')}, niet voor ${halfYear}.`,
      { allowed: halfYearsOf(round).join(', '), halfYear },
    );
  }
  const organisation = await findOrganisationById(db, input.organisationId);
  if (!organisation)
    throw new AppError('delivery.organisation_unknown', 'Uw organisatie is niet bekend in ggk.');
  if ((await findParticipatingOrganisations(db, round.id, [organisation.id])).length === 0) {
    throw new AppError(
      'delivery.not_participating',
      `${organisation.name} neemt niet deel aan ${round.name}.`,
      { organisation: organisation.name, round: round.name },
    );
  }
  if (organisation.kind === 'gemeente') {
    if (input.gemeentecode && input.gemeentecode !== organisation.gemeentecode) {
      throw new AppError(
        'delivery.other_gemeente',
        `U levert aan namens ${organisation.name} (${organisation.gemeentecode}) en kunt niet aanleveren voor gemeente ${input.gemeentecode}.`,
        {
          organisation: organisation.name,
          own: organisation.gemeentecode,
          gemeentecode: input.gemeentecode,
        },
      );
    }
    return {
      round,
      organisationId: organisation.id,
      gemeente: { id: organisation.id, gemeentecode: organisation.gemeentecode!, name: organisation.name },
      halfYear,
    };
  }
  if (!input.gemeentecode) {
    throw new AppError('delivery.gemeente_required', 'Kies de gemeente waarvoor u aanlevert.');
  }
  const gemeente = await findGemeenteByCode(db, input.gemeentecode);
  const day = amsterdamDate(input.now);
  if (!gemeente || !(await canCollaborationDeliverFor(db, organisation.id, gemeente.id, day))) {
    throw new AppError(
      'delivery.not_member',
      `Gemeente ${input.gemeentecode} is geen lid van ${organisation.name}; u kunt alleen voor de leden aanleveren.`,
      { gemeentecode: input.gemeentecode, organisation: organisation.name },
    );
  }
  return {
    round,
    organisationId: organisation.id,
    gemeente: { id: gemeente.id, gemeentecode: gemeente.gemeentecode!, name: gemeente.name },
    halfYear,
  };
}

/** The end of the working day `n` working days after the Amsterdam date of `from`. */
export function workingDayDeadline(from: Date, n: number): Date {
  return amsterdamInstant(addWorkingDays(amsterdamDate(from), n), '23:59:59');
}

export interface Receipt {
  deliveryId: string;
  receiptNumber: string;
  receivedAt: Date;
  gemeentecode: string;
  gemeenteName: string;
  halfYear: string;
  files: Array<{ name: string; bytes: number; sha256: string }>;
}

/**
 * Registers an upload whose files are stored: the delivery, its files and the check job in one
 * transaction (the caller's). Only after commit may the uploader be shown the receipt. A file that
 * was delivered before for this gemeente and half year is refused, naming the earlier receipt.
 */
export async function registerDelivery(
  db: Db,
  enqueueCheck: EnqueueCheck,
  input: {
    target: DeliveryTarget;
    files: Array<{ name: string; stored: StoredFileRef }>;
    channel: 'portal' | 'api';
    uploadedBy: string | null;
    apiTokenId: string | null;
    now: Date;
  },
): Promise<Receipt> {
  if (input.files.length === 0)
    throw new AppError('delivery.no_files', 'Kies ten minste één bestand om aan te leveren.');
  const earlier = await findEarlierIdenticalFiles(db, {
    gemeenteId: input.target.gemeente.id,
    halfYear: input.target.halfYear,
    sha256s: input.files.map((f) => f.stored.sha256),
  });
  if (earlier.length > 0) {
    const e = earlier[0]!;
    throw new AppError(
      'delivery.duplicate_file',
      `Dit bestand is al eerder aangeleverd voor ${input.target.gemeente.name}, ${input.target.halfYear}: “${e.name}” op ${formatDutchDateTime(e.received_at)} (ontvangstbewijs ${e.receipt_number}). Het is niet opnieuw opgeslagen.`,
      {
        receiptNumber: e.receipt_number,
        gemeente: input.target.gemeente.name,
        halfYear: input.target.halfYear,
        receivedAt: e.received_at,
      },
    );
  }
  const receiptNumber = await nextReceiptNumber(db, Number(amsterdamDate(input.now).slice(0, 4)));
  const delivery = await insertDelivery(db, {
    receipt_number: receiptNumber,
    round_id: input.target.round.id,
    organisation_id: input.target.organisationId,
    gemeente_id: input.target.gemeente.id,
    half_year: input.target.halfYear,
    channel: input.channel,
    uploaded_by: input.uploadedBy,
    api_token_id: input.apiTokenId,
    received_at: input.now,
    technical_notice_due_at: workingDayDeadline(input.now, TECHNICAL_NOTICE_WORKING_DAYS),
  });
  await insertDeliveryFiles(
    db,
    input.files.map((f, position) => ({
      delivery_id: delivery.id,
      position,
      name: f.name,
      bytes: f.stored.bytes,
      sha256: f.stored.sha256,
      stored_file_id: f.stored.fileId,
      wrapped_key: f.stored.wrappedKey,
    })),
  );
  await deletePendingUploads(
    db,
    input.files.map((f) => f.stored.fileId),
  );
  await enqueueCheck(db, delivery.id);
  await recordAudit(db, {
    actor: input.uploadedBy
      ? { kind: 'user', userId: input.uploadedBy }
      : input.apiTokenId
        ? { kind: 'api_token', tokenId: input.apiTokenId }
        : SYSTEM_ACTOR,
    organisationId: input.target.organisationId,
    action: 'delivery.received',
    subjectIds: [delivery.id, input.target.gemeente.id, input.target.round.id],
    details: {
      receipt_number: receiptNumber,
      channel: input.channel,
      gemeentecode: input.target.gemeente.gemeentecode,
      half_year: input.target.halfYear,
      file_ids: input.files.map((f) => f.stored.fileId),
      sha256: input.files.map((f) => f.stored.sha256),
      bytes: input.files.map((f) => f.stored.bytes),
    },
    at: input.now,
  });
  return {
    deliveryId: delivery.id,
    receiptNumber,
    receivedAt: input.now,
    gemeentecode: input.target.gemeente.gemeentecode,
    gemeenteName: input.target.gemeente.name,
    halfYear: input.target.halfYear,
    files: input.files.map((f) => ({ name: f.name, bytes: f.stored.bytes, sha256: f.stored.sha256 })),
  };
}

export interface CheckDependencies {
  db: import('kysely').Kysely<import('../database-schema.ts').Schema>;
  store: DeliveryFileStore;
  classification: MunicipalClassification;
  findSpec: (id: string) => Spec | undefined;
  baseUrl: string;
  now: () => Date;
  /**
   * Puts the op-orde report job on the queue in the transaction that approves the delivery, so an
   * approved delivery always gets its report (the reports module works the job).
   */
  enqueueContentReport?: (db: Db, deliveryId: string) => Promise<void>;
}

/**
 * The technical check of one delivery, as a job: idempotent (a delivery already judged is left
 * alone), so a worker that died mid-check can simply run it again.
 */
export async function checkDelivery(
  deps: CheckDependencies,
  deliveryId: string,
): Promise<'approved' | 'rejected' | 'skipped'> {
  const started = await deps.db.transaction().execute(async (trx) => {
    const row = await lockDelivery(trx, deliveryId);
    if (!row || !['received', 'checking'].includes(row.state)) return false;
    await setDeliveryState(trx, deliveryId, 'checking');
    return true;
  });
  if (!started) return 'skipped';
  const delivery = (await findDelivery(deps.db, deliveryId))!;
  const round = await findRoundById(deps.db, delivery.round_id);
  const spec = round && deps.findSpec(round.specVersion);
  if (!spec) throw new Error(`the spec of round ${delivery.round_id} is not available`);
  const files = await listDeliveryFiles(deps.db, deliveryId);
  const sources = files.map((f) =>
    deps.store.openByteSource(
      { fileId: f.stored_file_id, wrappedKey: f.wrapped_key!, bytes: f.bytes },
      f.name,
    ),
  );
  // Judged on the day it was received, so a re-run gives the same report.
  const report: Report = await validateUpload(sources, {
    spec,
    classification: deps.classification,
    gemeente: delivery.gemeentecode,
    period: delivery.half_year,
    today: amsterdamDate(delivery.received_at),
  });
  const checkedAt = deps.now();
  const state = report.status;
  return deps.db.transaction().execute(async (trx) => {
    const row = await lockDelivery(trx, deliveryId);
    if (!row || row.state !== 'checking') return 'skipped';
    await storeCheckResult(trx, deliveryId, {
      state,
      report,
      checkedAt,
      contentReportDueAt:
        state === 'approved' ? workingDayDeadline(checkedAt, CONTENT_REPORT_WORKING_DAYS) : null,
    });
    await insertReportFiles(
      trx,
      report.files.map((f) => ({
        delivery_id: deliveryId,
        name: f.name,
        file_type: f.type,
        period: f.period,
        status: f.status,
      })),
    );
    if (state === 'approved') await deps.enqueueContentReport?.(trx, deliveryId);
    for (const recipient of await listReportRecipients(trx, delivery.organisation_id, delivery.uploaded_by)) {
      await enqueueMail(trx, {
        recipient: recipient.email,
        kind: 'report_ready',
        dedupeKey: `report_ready:${deliveryId}:${recipient.user_id}`,
        ...bilingualMail('mail.reportReady.subject', 'mail.reportReady.body', (locale) => ({
          name: recipient.name,
          receipt: delivery.receipt_number,
          state: translator(locale)(`mail.state.${state}`),
          gemeente: delivery.gemeente_name,
          halfYear: delivery.half_year,
          link: `${deps.baseUrl}/aanleveringen/${deliveryId}`,
        })),
      });
    }
    await recordAudit(trx, {
      actor: SYSTEM_ACTOR,
      organisationId: delivery.organisation_id,
      action: 'delivery.checked',
      subjectIds: [deliveryId],
      details: {
        receipt_number: delivery.receipt_number,
        state,
        spec_version: round.specVersion,
        files_approved: report.files.filter((f) => f.status === 'approved').length,
        files_rejected: report.files.filter((f) => f.status === 'rejected').length,
      },
      at: checkedAt,
    });
    return state;
  });
}

/**
 * Records a download of a technical report (or a failed attempt) and its audit entry, together. The
 * entry names the delivery's organisation, so its gebruikersbeheerder also sees staff downloads.
 */
export async function recordReportDownload(
  db: Db,
  input: {
    deliveryId: string;
    kind: DownloadKind;
    userId: string | null;
    apiTokenId: string | null;
    actingOrganisationId: string | null;
    error: string | null;
    now: Date;
  },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await insertDownload(trx, {
      downloaded_at: input.now,
      delivery_id: input.deliveryId,
      kind: input.kind,
      user_id: input.userId,
      api_token_id: input.apiTokenId,
      organisation_id: input.actingOrganisationId,
      outcome: input.error ? 'error' : 'success',
      error: input.error,
    });
    const delivery = await findDelivery(trx, input.deliveryId);
    await recordAudit(trx, {
      actor: input.userId
        ? { kind: 'user', userId: input.userId }
        : input.apiTokenId
          ? { kind: 'api_token', tokenId: input.apiTokenId }
          : SYSTEM_ACTOR,
      organisationId: delivery?.organisation_id ?? input.actingOrganisationId,
      action: input.kind.startsWith('content_report')
        ? 'content_report.downloaded'
        : 'technical_report.downloaded',
      subjectIds: [input.deliveryId],
      details: {
        kind: input.kind,
        outcome: input.error ? 'error' : 'success',
        receipt_number: delivery?.receipt_number ?? null,
      },
      at: input.now,
    });
  });
}

/**
 * Removes the files of uploads that a process on this host was storing when it died: their pending
 * rows name them, and their process is gone. Files of live processes (still uploading) stay.
 */
export async function recoverInterruptedUploads(
  db: Db,
  store: Pick<DeliveryFileStore, 'destroy'>,
  input: { host: string; isAlive: (pid: number) => boolean },
): Promise<number> {
  const stale = (await listPendingUploadsOfHost(db, input.host)).filter((p) => !input.isAlive(p.pid));
  for (const p of stale) await store.destroy({ fileId: p.stored_file_id });
  await deletePendingUploads(
    db,
    stale.map((p) => p.stored_file_id),
  );
  return stale.length;
}

export { findDelivery, listDeliveryFiles, type DeliveryRow };
