// The link-only mail that CBS's op-orde rapport is placed: at upload (not held) and at the release
// of a hold, to the delivering organisation's aanleveraars and rapportontvangers.
import type { Db } from '../database-schema.ts';
import { enqueueMail } from '../notifications/index.ts';
import { bilingualMail } from '../i18n/index.ts';
import { listReportRecipients } from '../deliveries/index.ts';

export async function mailCbsReportPlaced(
  db: Db,
  input: {
    deliveryId: string;
    organisationId: string;
    receiptNumber: string;
    sha256: string;
    baseUrl: string;
    now: Date;
  },
): Promise<void> {
  for (const recipient of await listReportRecipients(db, input.organisationId, null)) {
    await enqueueMail(db, {
      recipient: recipient.email,
      kind: 'cbs_content_report',
      at: input.now,
      dedupeKey: `cbs_content_report:${input.deliveryId}:${input.sha256}:${recipient.user_id}`,
      ...bilingualMail('mail.cbsContentReport.subject', 'mail.cbsContentReport.body', () => ({
        name: recipient.name,
        receipt: input.receiptNumber,
        link: `${input.baseUrl}/aanleveringen/${input.deliveryId}/op-orde`,
      })),
    });
  }
}
