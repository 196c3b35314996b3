// The round monitor's matrix as CSV (GET /monitor.csv): one line per gemeente, half-year and file
// type, with the same filter and rows as the page (the predecessors of a merged gemeente under it).
import type { FastifyInstance } from 'fastify';
import {
  FILE_TYPES,
  cellKey,
  type CellOutcome,
  type HandoverState,
} from '../../../modules/monitoring/index.ts';
import { formatDateTime, translator, type Locale, type Translate } from '../../../modules/i18n/index.ts';
import { toCsv } from '../../../platform/csv/csv.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import {
  STAFF,
  currentRound,
  handoverOfCell,
  monitorOf,
  monitorQuery,
  pilotTargetText,
  stateLabel,
  typeLabel,
} from './shared.ts';

export const downloadMonitorCsvRoute = {
  method: 'GET',
  url: '/monitor.csv',
  schema: { querystring: monitorQuery },
} as const;

function handoverText(t: Translate, locale: Locale, h: HandoverState): string {
  return h.done
    ? t(`monitoring.handover.${h.step}.done`, { at: formatDateTime(locale, h.doneAt) })
    : t(`monitoring.handover.${h.step}.open`, { due: formatDateTime(locale, h.dueAt) });
}

export function registerDownloadMonitorCsv(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...downloadMonitorCsvRoute,
    config: STAFF,
    handler: async (request, reply) => {
      const locale = request.locale;
      const t = translator(locale);
      const round = await currentRound(deps);
      if (!round) return reply.status(404).type('text/plain; charset=utf-8').send(t('monitoring.noRound'));
      const monitor = await monitorOf(deps, round, request.query);
      // The rows of the page, in its order: each participant, then the predecessors shown under it
      // (decision 0028) with the cells of the files delivered under their code.
      const lines = (
        head: [code: string, name: string, province: string | null, collaborations: string, pilot: string],
        cells: Map<string, CellOutcome>,
        tail: [pilotTarget: string, successor: string],
      ) =>
        monitor.halfYears.flatMap((h) =>
          FILE_TYPES.map((ft) => {
            const cell = cells.get(cellKey(h, ft))!;
            const handover = handoverOfCell(monitor, cell);
            return [
              ...head,
              h,
              typeLabel(t, ft),
              stateLabel(t, cell.state),
              cell.inForce?.receiptNumber,
              cell.latest?.receiptNumber,
              cell.latest ? formatDateTime(locale, cell.latest.receivedAt) : '',
              handover ? handoverText(t, locale, handover) : '',
              handover && !handover.done && handover.late ? t('common.yes') : t('common.no'),
              ...tail,
            ];
          }),
        );
      const rows = monitor.rows.flatMap((row) => [
        ...lines(
          [
            row.gemeente.gemeentecode,
            row.gemeente.name,
            row.gemeente.province,
            row.collaborations.join(', '),
            row.gemeente.is_pilot ? t('common.yes') : t('common.no'),
          ],
          row.cells,
          [pilotTargetText(t, locale, row.pilotTarget), ''],
        ),
        ...row.predecessors.flatMap((p) =>
          lines(
            [
              p.gemeentecode,
              t(p.geheel ? 'monitoring.matrix.predecessor' : 'monitoring.matrix.predecessorPart', {
                name: p.naam,
                code: p.gemeentecode,
                successor: row.gemeente.name,
              }),
              p.provincie,
              '',
              '',
            ],
            p.cells,
            ['', row.gemeente.gemeentecode],
          ),
        ),
      ]);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="rondemonitor-${round.halfYear}.csv"`)
        .header('cache-control', 'no-store')
        .send(
          toCsv(
            [
              t('monitoring.csv.gemeentecode'),
              t('monitoring.csv.gemeente'),
              t('monitoring.csv.province'),
              t('monitoring.csv.collaborations'),
              t('monitoring.csv.pilot'),
              t('monitoring.csv.halfYear'),
              t('monitoring.csv.fileType'),
              t('monitoring.csv.state'),
              t('monitoring.csv.inForce'),
              t('monitoring.csv.latest'),
              t('monitoring.csv.latestAt'),
              t('monitoring.csv.cbs'),
              t('monitoring.csv.cbsLate'),
              t('monitoring.csv.pilotTarget'),
              t('monitoring.csv.successor'),
            ],
            rows,
          ),
        );
    },
  });
}
