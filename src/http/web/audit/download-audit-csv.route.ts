// The audit trail as CSV for the operator (GET /beheer/audit.csv), with the page's filter, up to
// CSV_MAX_ROWS entries; the export itself is audited.
import type { FastifyInstance } from 'fastify';
import {
  auditActionLabel,
  auditActorOf,
  listAuditEntries,
  recordAudit,
  type AuditListRow,
} from '../../../modules/audit/index.ts';
import { toCsv } from '../../../platform/csv/csv.ts';
import { translator } from '../../../modules/i18n/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { OPERATOR, auditQuery, filterOf } from './shared.ts';

const CSV_MAX_ROWS = 100_000;

export const downloadAuditCsvRoute = {
  method: 'GET',
  url: '/beheer/audit.csv',
  schema: { querystring: auditQuery },
} as const;

export function registerDownloadAuditCsv(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...downloadAuditCsvRoute,
    config: OPERATOR,
    handler: async (request, reply) => {
      const locale = request.locale;
      const t = translator(locale);
      const { filter, problem } = await filterOf(deps, t, request.query);
      const rows: AuditListRow[] = [];
      if (!problem) {
        for (let before: number | undefined; rows.length < CSV_MAX_ROWS;) {
          const page = await listAuditEntries(deps.db, filter, { limit: 1000, beforeSeq: before });
          rows.push(...page);
          if (page.length < 1000) break;
          before = page.at(-1)!.seq;
        }
      }
      const now = deps.now();
      await recordAudit(deps.db, {
        actor: auditActorOf(request.principal),
        organisationId: null,
        action: 'audit.exported',
        details: {
          rows: rows.length,
          filter_action: filter.action ?? null,
          filter_organisation: filter.organisationId ?? null,
          filter_actor: filter.actorUserId ?? null,
          filter_subject: filter.subjectId ?? null,
        },
        at: now,
      });
      const csv = toCsv(
        [
          t('audit.csv.seq'),
          t('audit.csv.at'),
          t('audit.csv.action'),
          t('audit.csv.description'),
          t('audit.csv.actorKind'),
          t('audit.csv.userId'),
          t('audit.csv.user'),
          t('audit.csv.tokenId'),
          t('audit.csv.organisationId'),
          t('audit.csv.organisation'),
          t('audit.csv.subjects'),
          t('audit.csv.details'),
          t('audit.csv.previousHash'),
          t('audit.csv.hash'),
        ],
        rows.map((r) => [
          r.seq,
          r.recorded_at,
          r.action,
          auditActionLabel(r.action, locale),
          t(`audit.csv.actor.${r.actor_kind}`),
          r.actor_user_id,
          r.actor_name,
          r.actor_token_id,
          r.organisation_id,
          r.organisation_name,
          r.subject_ids.join(' '),
          JSON.stringify(r.details),
          r.previous_hash,
          r.hash,
        ]),
      );
      const stamp = now.toISOString().slice(0, 10);
      return reply
        .header('content-disposition', `attachment; filename="audittrail-${stamp}.csv"`)
        .header('cache-control', 'no-store')
        .type('text/csv; charset=utf-8')
        .send(csv);
    },
  });
}
