// A samenwerkingsverband that delivered for a gemeente is told when that gemeente's delivery is
// withdrawn (in practice: CBS registered the gemeente's withdrawal form, since a delegerende gemeente
// cannot withdraw in the portal): its files for that member are gone, and it should not deliver them
// again without the gemeente. Link only, no data from the files; one mail per recipient (dedupe key).
import type { Db } from '../database-schema.ts';
import type { ErasedDelivery, GemeenteDeliveryRow } from '../deliveries/index.ts';
import { bilingualMail, formatDateTime, translator } from '../i18n/index.ts';
import { enqueueMail } from '../notifications/index.ts';
import type { OrganisationRow } from '../organisations/index.ts';
import type { Round } from '../periods/index.ts';
import { listCollaborationRecipients } from './withdrawal-repository.ts';

export async function notifyDeliveringCollaborations(
  trx: Db,
  input: {
    withdrawalId: string;
    round: Round;
    gemeente: OrganisationRow;
    channel: 'portal' | 'cbs_form';
    formReference: string | null;
    erased: readonly ErasedDelivery[];
    deliveries: readonly GemeenteDeliveryRow[];
    now: Date;
    baseUrl: string;
  },
): Promise<number> {
  const erasedIds = new Set(input.erased.map((d) => d.id));
  const collaborations = new Map<string, { name: string; receipts: string[] }>();
  for (const d of input.deliveries) {
    if (d.organisation_kind !== 'samenwerkingsverband' || !erasedIds.has(d.id)) continue;
    const c = collaborations.get(d.organisation_id) ?? { name: d.organisation_name, receipts: [] };
    c.receipts.push(d.receipt_number);
    collaborations.set(d.organisation_id, c);
  }
  let mails = 0;
  for (const [collaborationId, c] of collaborations) {
    for (const recipient of await listCollaborationRecipients(trx, collaborationId)) {
      await enqueueMail(trx, {
        recipient: recipient.email,
        kind: 'withdrawal_member',
        at: input.now,
        dedupeKey: `withdrawal-member:${input.withdrawalId}:${collaborationId}:${recipient.user_id}`,
        ...bilingualMail('mail.withdrawalMember.subject', 'mail.withdrawalMember.body', (locale) => {
          const t = translator(locale);
          return {
            name: recipient.name,
            collaboration: c.name,
            gemeente: input.gemeente.name,
            round: input.round.name,
            channel: t(`mail.withdrawal.channel.${input.channel}`),
            reference: input.formReference
              ? t('mail.withdrawalMember.reference', { reference: input.formReference })
              : '',
            when: formatDateTime(locale, input.now),
            receipts: c.receipts.join(', '),
            link: `${input.baseUrl}/aanleveringen`,
          };
        }),
      });
      mails += 1;
    }
  }
  return mails;
}
