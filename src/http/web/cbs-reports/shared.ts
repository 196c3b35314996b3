// What the CBS pages share: who may use them, where the list is, and how a delivery's state and CBS's
// verdict read in the list and on a delivery's page.
import type { CbsRoundDeliveryRow } from '../../../modules/handover/index.ts';
import type { PageContext } from '../page-context.ts';

export const CBS = { access: { kind: 'staff', roles: ['cbs'] } } as const;
export const LIST = '/cbs/aanleveringen';

export function deliveryState(t: PageContext['t'], row: CbsRoundDeliveryRow): string {
  if (row.withdrawn_at)
    return row.erasure_confirmed_at ? t('cbsReports.withdrawnConfirmed') : t('cbsReports.withdrawn');
  return row.report_state === 'held'
    ? t('cbsReports.report.held')
    : row.report_state === 'placed'
      ? t('cbsReports.report.placed')
      : t('cbsReports.report.none');
}

export function verdictOf(t: PageContext['t'], row: CbsRoundDeliveryRow): string {
  if (row.approved_by_cbs + row.rejected_by_cbs === 0) return t('cbsReports.noVerdict');
  return t('cbsReports.verdict', { approved: row.approved_by_cbs, rejected: row.rejected_by_cbs });
}

export function Crumbs(t: PageContext['t'], withList: boolean) {
  return [
    { href: '/', label: t('common.home') },
    ...(withList ? [{ href: LIST, label: t('cbsReports.list.title') }] : []),
  ];
}
