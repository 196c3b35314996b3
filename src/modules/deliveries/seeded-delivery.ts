// Deliveries for the demo world: the rows a real upload and check would leave behind (receipt,
// due time, technical report, per-file results), without a stored file (the seed makes the op-orde
// report from the files it generated: reports' seedContentReport). Pages show that no file is kept;
// the technical report (JSON, CSV, page) works as for any delivery. Only the demo seed uses this.
import type { Db } from '../database-schema.ts';
import { fileOutcome, uploadOutcome, type Report } from '../validation/index.ts';
import { insertDelivery, insertReportFiles, storeCheckResult } from './delivery-repository.ts';
import {
  CONTENT_REPORT_WORKING_DAYS,
  TECHNICAL_NOTICE_WORKING_DAYS,
  workingDayDeadline,
} from './delivery-service.ts';

export async function recordDeliveryWithoutFiles(
  db: Db,
  input: {
    roundId: string;
    organisationId: string;
    gemeenteId: string;
    halfYear: string;
    /** Demo receipts have their own series (DEMO-…), so real receipt numbers start at 1. */
    receiptNumber: string;
    uploadedBy: string;
    receivedAt: Date;
    /** The check's outcome; absent: the delivery is still waiting for its check. */
    check?: { report: Report; checkedAt: Date };
    /** The seed makes the op-orde report (from the files it generated): due as after a real check. */
    contentReport?: boolean;
  },
): Promise<{ id: string; receiptNumber: string }> {
  const receiptNumber = input.receiptNumber;
  const { id } = await insertDelivery(db, {
    receipt_number: receiptNumber,
    round_id: input.roundId,
    organisation_id: input.organisationId,
    gemeente_id: input.gemeenteId,
    half_year: input.halfYear,
    channel: 'portal',
    uploaded_by: input.uploadedBy,
    api_token_id: null,
    received_at: input.receivedAt,
    technical_notice_due_at: workingDayDeadline(input.receivedAt, TECHNICAL_NOTICE_WORKING_DAYS),
  });
  if (input.check) {
    const { report, checkedAt } = input.check;
    const outcome = uploadOutcome(report);
    const state = outcome === 'rejected' ? 'rejected' : 'approved';
    await storeCheckResult(db, id, {
      state,
      outcome,
      report,
      checkedAt,
      // Without a stored file the job can make no op-orde report: due only when the seed makes it.
      contentReportDueAt:
        state === 'approved' && input.contentReport
          ? workingDayDeadline(checkedAt, CONTENT_REPORT_WORKING_DAYS)
          : null,
    });
    await insertReportFiles(
      db,
      report.files.map((f) => ({
        delivery_id: id,
        name: f.name,
        file_type: f.type,
        period: f.period,
        status: fileOutcome(f),
        delivery_file_id: null,
        sha256: f.sha256,
        bytes: f.bytes,
        gemeentecode: f.gemeentecode,
      })),
    );
  }
  return { id, receiptNumber };
}
