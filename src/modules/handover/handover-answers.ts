// CBS's answers (contract cbs-handover.md): its verdict per file (final: it overrides ggk's check),
// its own op-orde rapport (a PDF, stored encrypted, placed or held), and its confirmation that a
// withdrawal's files are erased on its side. Each in one transaction with its mails and audit entry.
import { AppError } from '../../platform/errors/app-error.ts';
import { isUuid } from '../../platform/errors/ids.ts';
import { inTransaction } from '../../platform/db/database.ts';
import type { Db } from '../database-schema.ts';
import { recordAudit, type AuditActor } from '../audit/index.ts';
import { enqueueMail } from '../notifications/index.ts';
import { bilingualMail } from '../i18n/index.ts';
import { applyCbsVerdict, listReportRecipients } from '../deliveries/index.ts';
import {
  findCbsContentReport,
  findErasureConfirmation,
  findWithdrawalInFeed,
  insertErasureConfirmation,
  isHeld,
  listOfferedFileStatuses,
  lockOfferedDelivery,
  upsertCbsContentReport,
  upsertVerdict,
} from './handover-repository.ts';
import { erasedFileError as withdrawnFileError, withdrawnDeliveryError } from './handover-service.ts';
import { mailCbsReportPlaced } from './cbs-report-mail.ts';

export const CBS_REPORT_MAX_BYTES = 20 * 1024 * 1024;

export interface VerdictInput {
  fileId: string;
  verdict: 'approved' | 'rejected';
  findings?: Array<{ code: string; message: string; line?: number }>;
}

function deliveryNotFound(): AppError {
  return new AppError('cbs.delivery_not_found');
}

async function lockForAnswer(db: Db, deliveryId: string) {
  if (!isUuid(deliveryId)) throw deliveryNotFound();
  const delivery = await lockOfferedDelivery(db, deliveryId);
  if (!delivery) throw deliveryNotFound();
  if (delivery.withdrawn_at !== null) throw withdrawnDeliveryError();
  return delivery;
}

/** CBS's verdict on files of a delivery: a rejected file stops counting; its recipients get a link. */
export async function recordCbsVerdict(
  db: Db,
  input: { deliveryId: string; files: VerdictInput[]; tokenId: string; now: Date; baseUrl: string },
): Promise<{ deliveryId: string; files: Array<{ fileId: string; verdict: 'approved' | 'rejected' }> }> {
  return inTransaction(db, async (trx) => {
    const delivery = await lockForAnswer(trx, input.deliveryId);
    const ids = input.files.map((f) => f.fileId.toLowerCase());
    const offered = new Set(delivery.file_ids);
    const unknown = ids.filter((id) => !offered.has(id));
    if (unknown.length > 0 || new Set(ids).size !== ids.length || ids.length === 0)
      throw new AppError('cbs.verdict_files');
    // A file withdrawn on its own (a part of the delivery) is gone: no verdict on it.
    if (ids.some((id) => delivery.withdrawn_file_ids.includes(id))) throw withdrawnFileError();
    const statuses = new Map(
      (await listOfferedFileStatuses(trx, delivery.delivery_id, ids)).map((r) => [r.id, r]),
    );
    let newlyRejected = 0;
    for (const f of input.files) {
      const row = statuses.get(f.fileId.toLowerCase())!;
      const ggkStatus = row.cbs_verdict === null ? row.status : row.ggk_status;
      if (f.verdict === 'rejected' && row.cbs_verdict !== 'rejected') newlyRejected++;
      await upsertVerdict(trx, {
        fileId: row.id,
        deliveryId: delivery.delivery_id,
        verdict: f.verdict,
        findings: (f.findings ?? []).map((x) => ({
          code: x.code,
          message: x.message,
          ...(x.line !== undefined ? { line: x.line } : {}),
        })),
        ggkStatus,
        at: input.now,
        tokenId: input.tokenId,
      });
      // CBS's verdict is final: what counts (in force) follows it.
      await applyCbsVerdict(trx, delivery.delivery_id, row.report_name, f.verdict);
    }
    if (newlyRejected > 0) {
      for (const recipient of await listReportRecipients(trx, delivery.organisation_id, null)) {
        await enqueueMail(trx, {
          recipient: recipient.email,
          kind: 'cbs_rejected',
          at: input.now,
          dedupeKey: `cbs_rejected:${delivery.delivery_id}:${input.now.getTime()}:${recipient.user_id}`,
          ...bilingualMail('mail.cbsRejected.subject', 'mail.cbsRejected.body', () => ({
            name: recipient.name,
            receipt: delivery.receipt_number,
            link: `${input.baseUrl}/aanleveringen/${delivery.delivery_id}`,
          })),
        });
      }
    }
    await recordAudit(trx, {
      actor: { kind: 'api_token', tokenId: input.tokenId },
      organisationId: delivery.organisation_id,
      action: 'cbs.verdict_recorded',
      subjectIds: [delivery.delivery_id, ...ids],
      details: {
        receipt_number: delivery.receipt_number,
        approved: input.files.filter((f) => f.verdict === 'approved').length,
        rejected: input.files.filter((f) => f.verdict === 'rejected').length,
      },
      at: input.now,
    });
    return {
      deliveryId: delivery.delivery_id,
      files: input.files.map((f) => ({ fileId: f.fileId.toLowerCase(), verdict: f.verdict })),
    };
  });
}

/** Refuses anything that does not start like a PDF, before more than its first bytes are stored. */
export async function* requirePdf(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let head = Buffer.alloc(0);
  let checked = false;
  for await (const chunk of source) {
    if (checked) {
      yield chunk;
      continue;
    }
    head = Buffer.concat([head, chunk]);
    if (head.length < 5) continue;
    if (head.subarray(0, 5).toString('latin1') !== '%PDF-') throw notPdf();
    checked = true;
    yield head;
  }
  if (!checked) throw notPdf();
}

export function notPdf(): AppError {
  return new AppError('cbs.not_pdf');
}

export interface StoredPdf {
  fileId: string;
  wrappedKey: string;
  bytes: number;
  sha256: string;
}

/**
 * Records CBS's op-orde rapport (already stored encrypted) for a delivery: placed and mailed (link
 * only), or held when CBS holds the round or gemeente. Returns the stored file it replaces, if any:
 * the caller destroys that after commit.
 */
export async function placeCbsContentReport(
  db: Db,
  input: {
    deliveryId: string;
    stored: StoredPdf;
    actor: AuditActor;
    now: Date;
    baseUrl: string;
  },
): Promise<{ state: 'held' | 'placed'; replaced: string | null }> {
  return inTransaction(db, async (trx) => {
    const delivery = await lockForAnswer(trx, input.deliveryId);
    const previous = await findCbsContentReport(trx, delivery.delivery_id);
    const held = await isHeld(trx, delivery.round_id, delivery.gemeente_id);
    const state = held ? 'held' : 'placed';
    await upsertCbsContentReport(trx, {
      deliveryId: delivery.delivery_id,
      storedFileId: input.stored.fileId,
      wrappedKey: input.stored.wrappedKey,
      bytes: input.stored.bytes,
      sha256: input.stored.sha256,
      state,
      at: input.now,
      userId: input.actor.kind === 'user' ? input.actor.userId : null,
      tokenId: input.actor.kind === 'api_token' ? input.actor.tokenId : null,
    });
    if (state === 'placed')
      await mailCbsReportPlaced(trx, {
        deliveryId: delivery.delivery_id,
        organisationId: delivery.organisation_id,
        receiptNumber: delivery.receipt_number,
        sha256: input.stored.sha256,
        baseUrl: input.baseUrl,
        now: input.now,
      });
    await recordAudit(trx, {
      actor: input.actor,
      organisationId: delivery.organisation_id,
      action: 'cbs.content_report_uploaded',
      subjectIds: [delivery.delivery_id],
      details: {
        receipt_number: delivery.receipt_number,
        sha256: input.stored.sha256,
        bytes: input.stored.bytes,
        state,
      },
      at: input.now,
    });
    return { state, replaced: previous && !previous.destroyed_at ? previous.stored_file_id : null };
  });
}

function withdrawalNotFound(): AppError {
  return new AppError('cbs.withdrawal_not_found');
}

/** CBS confirms that it erased the files of a withdrawal; the first confirmation counts. */
export async function confirmErasure(
  db: Db,
  input: { withdrawalId: string; erasedAt: Date; tokenId: string; now: Date },
): Promise<{ withdrawalId: string; erasedAt: Date; confirmedAt: Date }> {
  if (!isUuid(input.withdrawalId)) throw withdrawalNotFound();
  if (Number.isNaN(input.erasedAt.getTime()) || input.erasedAt.getTime() > input.now.getTime() + 5 * 60_000)
    throw new AppError('cbs.erased_at_invalid');
  return inTransaction(db, async (trx) => {
    const withdrawal = await findWithdrawalInFeed(trx, input.withdrawalId);
    if (!withdrawal) throw withdrawalNotFound();
    const inserted = await insertErasureConfirmation(trx, {
      withdrawalId: withdrawal.withdrawal_id,
      erasedAt: input.erasedAt,
      at: input.now,
      tokenId: input.tokenId,
    });
    if (inserted)
      await recordAudit(trx, {
        actor: { kind: 'api_token', tokenId: input.tokenId },
        organisationId: withdrawal.gemeente_id,
        action: 'cbs.erasure_confirmed',
        subjectIds: [withdrawal.withdrawal_id, ...withdrawal.delivery_ids],
        details: { deliveries: withdrawal.delivery_ids.length },
        at: input.now,
      });
    const row = (await findErasureConfirmation(trx, withdrawal.withdrawal_id))!;
    return { withdrawalId: row.withdrawal_id, erasedAt: row.erased_at, confirmedAt: row.confirmed_at };
  });
}
