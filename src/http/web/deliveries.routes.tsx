// Delivering in the portal, without JavaScript: the upload form (a plain multipart form), the
// receipt with the state of the check, the technical report in readable Dutch, and the overview.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actingOrganisationOf, staffRolesOf } from '../../modules/auth/index.ts';
import { findContentReport } from '../../modules/reports/index.ts';
import {
  listDeliveriesOfOrganisation,
  listDeliveryFiles,
  listDownloadsOfDelivery,
  listFilesInForce,
  reportToCsv,
  type DeliveryRow,
} from '../../modules/deliveries/index.ts';
import { findOrganisationById, listCollaborationMembers } from '../../modules/organisations/index.ts';
import {
  findCurrentRound,
  findParticipatingOrganisations,
  halfYearsOf,
  isDeliveryOpen,
} from '../../modules/periods/index.ts';
import type { Report } from '../../modules/validation/index.ts';
import { isAppError } from '../../platform/errors/app-error.ts';
import { amsterdamDate, formatDutchDateTime } from '../../platform/time/amsterdam-time.ts';
import type { AppDeps } from '../app.ts';
import { erasedReason, findVisibleDelivery, recordReportDownload } from '../deliveries/delivery-access.ts';
import { receiveUpload } from '../deliveries/receive-upload.ts';
import { Button, ErrorSummary, type FieldError } from './components.tsx';
import { Layout } from './layout.tsx';
import { pageContext } from './page-context.ts';
import { sendPage } from './render.ts';

const UPLOADERS = { access: { kind: 'organisation', roles: ['aanleveraar'] } } as const;
const READERS = {
  access: {
    kind: 'organisation-or-staff',
    roles: ['aanleveraar', 'rapportontvanger'],
    staff: ['operator', 'cbs'],
  },
} as const;

const FILE_TYPES = [
  ['wmo', 'Wmo'],
  ['wmo-kosten', 'Wmo kosten'],
  ['sbw', 'SBW'],
  ['jeugd', 'Jeugd'],
] as const;

const DOWNLOAD_LABELS = {
  technical_report_json: 'rapport als JSON',
  technical_report_csv: 'bevindingen als CSV',
  technical_report_html: 'rapport bekeken',
  content_report_html: 'op-orde rapport bekeken',
  content_report_pdf: 'op-orde rapport als PDF',
  content_report_csv: 'op-orde tabel als CSV',
  content_report_json: 'op-orde rapport als JSON',
} as const;

const STATE_LABELS: Record<DeliveryRow['state'], string> = {
  received: 'Ontvangen, wacht op controle',
  checking: 'Wordt gecontroleerd',
  approved: 'Technisch goedgekeurd',
  rejected: 'Technisch afgekeurd',
  withdrawn: 'Ingetrokken',
};

function halfYearLabel(code: string): string {
  return `${code.endsWith('H1') ? '1e' : '2e'} halfjaar ${code.slice(0, 4)}`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1).replace('.', ',')} kB`;
  return `${(bytes / 1024 ** 2).toFixed(1).replace('.', ',')} MB`;
}

function ReportSection({ report }: { report: Report }) {
  return (
    <section aria-labelledby="rapport-titel">
      <h2 class="utrecht-heading-2" id="rapport-titel">
        Technisch rapport
      </h2>
      <p class="utrecht-paragraph" data-testid="report-status">
        Uitkomst: <strong>{report.status === 'approved' ? 'goedgekeurd' : 'afgekeurd'}</strong> (specificatie{' '}
        {report.spec})
      </p>
      {report.findings.length > 0 && (
        <ul class="utrecht-unordered-list">
          {report.findings.map((f, i) => (
            <li class="utrecht-unordered-list__item" key={i}>
              {f.message}
            </li>
          ))}
        </ul>
      )}
      {report.files.map((file) => (
        <section class="ggk-report-file" key={file.name} aria-label={file.name}>
          <h3 class="utrecht-heading-3">{file.name}</h3>
          <p class="utrecht-paragraph">
            {file.status === 'approved' ? 'Goedgekeurd' : 'Afgekeurd'}; {file.rows.total} records, waarvan{' '}
            {file.rows.withErrors} met fouten en {file.rows.withWarnings} met waarschuwingen.
          </p>
          {Object.keys(file.counts).length > 0 && (
            <ul class="utrecht-unordered-list" aria-label={`Aantal bevindingen per soort in ${file.name}`}>
              {Object.entries(file.counts).map(([code, count]) => (
                <li class="utrecht-unordered-list__item" key={code}>
                  <code class="utrecht-code">{code}</code>: {count}×
                </li>
              ))}
            </ul>
          )}
          {file.findingsTruncated && (
            <p class="utrecht-paragraph">
              Hieronder staan de eerste bevindingen van elke soort; de aantallen hierboven zijn volledig.
            </p>
          )}
          {Object.keys(file.counts).length > 0 && (
            <div class="ggk-table-wrapper">
              <table class="utrecht-table">
                <caption class="utrecht-table__caption">Bevindingen in {file.name}</caption>
                <thead class="utrecht-table__header">
                  <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="col">
                      Regel
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Kolom
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Ernst
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Bevinding
                    </th>
                  </tr>
                </thead>
                <tbody class="utrecht-table__body">
                  {file.findings.slice(0, 200).map((f, i) => (
                    <tr class="utrecht-table__row" key={i}>
                      <td class="utrecht-table__cell">{f.line ?? '-'}</td>
                      <td class="utrecht-table__cell">{f.column ?? '-'}</td>
                      <td class="utrecht-table__cell">
                        {f.severity === 'error' ? 'fout' : f.severity === 'warning' ? 'waarschuwing' : 'info'}
                      </td>
                      <td class="utrecht-table__cell">
                        {f.message}
                        {f.value !== undefined ? ` (waarde: ${f.value})` : ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </section>
  );
}

export function registerDeliveryPageRoutes(app: FastifyInstance, deps: AppDeps): void {
  const renderUpload = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    errors: FieldError[] = [],
  ) => {
    const ctx = pageContext(request, reply, deps);
    const now = deps.now();
    const round = await findCurrentRound(deps.db, now);
    const organisation = await findOrganisationById(deps.db, actingOrganisationOf(request.principal)!);
    const members =
      organisation?.kind === 'samenwerkingsverband'
        ? await listCollaborationMembers(deps.db, organisation.id, amsterdamDate(now))
        : [];
    const open = round ? isDeliveryOpen(round, now) : false;
    const isPilot =
      round && organisation
        ? (await findParticipatingOrganisations(deps.db, round.id, [organisation.id], { pilotOnly: true }))
            .length > 0
        : false;
    return sendPage(
      reply,
      status,
      <Layout title="Aanleveren" ctx={ctx}>
        <h1 class="utrecht-heading-1">Bestanden aanleveren</h1>
        {!round || !open ? (
          <div class="utrecht-alert utrecht-alert--warning" role="status">
            <p class="utrecht-paragraph">
              {round
                ? `Aanleveren kan van ${formatDutchDateTime(round.deliveryOpensAt)} tot en met ${formatDutchDateTime(round.deliveryClosesAt)}.`
                : 'Er is geen aanleverronde ingesteld.'}
            </p>
          </div>
        ) : (
          <>
            <p class="utrecht-paragraph">
              Kies de bestanden (Wmo, Wmo kosten, SBW, Jeugd) of één ZIP-bestand. U krijgt direct een
              ontvangstbewijs; de technische controle volgt binnen enkele seconden. Bestanden van ten hoogste{' '}
              {Math.round(deps.config.files.maxUploadBytes / 1024 ** 2)} MB.
            </p>
            {isPilot && round.pilotTargetAt && (
              <p class="utrecht-paragraph" data-testid="pilot-target">
                Streefdatum voor pilotdeelnemers: {formatDutchDateTime(round.pilotTargetAt)}. Levert u vóór
                deze datum aan, dan heeft u het op-orde rapport op tijd om nog te verbeteren.
              </p>
            )}
            <ErrorSummary errors={errors} />
            <form
              method="post"
              action="/aanleveren"
              enctype="multipart/form-data"
              novalidate
              class="ggk-form"
              aria-label="Aanleveren"
            >
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="halfjaar">
                  Halfjaar
                </label>
                <select class="utrecht-select utrecht-select--html-select" id="halfjaar" name="halfjaar">
                  {halfYearsOf(round).map((h) => (
                    <option value={h} key={h}>
                      {halfYearLabel(h)}
                    </option>
                  ))}
                </select>
              </div>
              {members.length > 0 && (
                <div class="utrecht-form-field">
                  <label class="utrecht-form-label" for="gemeentecode">
                    Gemeente waarvoor u aanlevert
                  </label>
                  <select
                    class="utrecht-select utrecht-select--html-select"
                    id="gemeentecode"
                    name="gemeentecode"
                  >
                    {members.map((m) => (
                      <option value={m.gemeentecode} key={m.gemeentecode}>
                        {m.gemeente_name} ({m.gemeentecode})
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="bestanden">
                  Bestanden
                </label>
                <input
                  class="utrecht-textbox"
                  type="file"
                  id="bestanden"
                  name="bestanden"
                  multiple
                  accept=".csv,.txt,.zip"
                />
              </div>
              <div>
                <Button>Aanleveren</Button>
              </div>
            </form>
          </>
        )}
      </Layout>,
    );
  };

  app.get('/aanleveren', { config: UPLOADERS }, async (request, reply) => renderUpload(request, reply, 200));

  app.post('/aanleveren', { config: { ...UPLOADERS, csrf: 'in-handler' } }, async (request, reply) => {
    try {
      const receipt = await receiveUpload(request, deps, {
        channel: 'portal',
        csrfToken: request.session!.csrfToken,
      });
      request.log.info(
        { deliveryId: receipt.deliveryId, receipt: receipt.receiptNumber },
        'delivery received',
      );
      return reply.redirect(`/aanleveringen/${receipt.deliveryId}`, 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return renderUpload(request, reply, error.code === 'auth.csrf' ? 403 : 400, [
        { field: 'bestanden', message: error.message },
      ]);
    }
  });

  app.get('/aanleveringen', { config: READERS }, async (request, reply) => {
    const ctx = pageContext(request, reply, deps);
    const round = await findCurrentRound(deps.db, deps.now());
    const organisationId = actingOrganisationOf(request.principal);
    const deliveries =
      round && organisationId ? await listDeliveriesOfOrganisation(deps.db, organisationId, round.id) : [];
    const gemeenteIds = [...new Set(deliveries.map((d) => d.gemeente_id))];
    const inForce = round ? await listFilesInForce(deps.db, gemeenteIds, round.id) : [];
    const gemeenteNames = new Map(deliveries.map((d) => [d.gemeente_id, d.gemeente_name]));
    return sendPage(
      reply,
      200,
      <Layout title="Aanleveringen" ctx={ctx}>
        <h1 class="utrecht-heading-1">Aanleveringen</h1>
        {round && gemeenteIds.length > 0 && (
          <section aria-labelledby="geldig-titel">
            <h2 class="utrecht-heading-2" id="geldig-titel">
              Geldende aanleveringen
            </h2>
            <p class="utrecht-paragraph">
              Per gemeente, halfjaar en bestandstype geldt de nieuwste technisch goedgekeurde aanlevering. Een
              afgekeurde herlevering vervangt haar niet.
            </p>
            <div class="ggk-table-wrapper">
              <table class="utrecht-table" data-testid="in-force">
                <caption class="utrecht-table__caption">Geldende bestanden per gemeente en halfjaar</caption>
                <thead class="utrecht-table__header">
                  <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="col">
                      Gemeente
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Halfjaar
                    </th>
                    {FILE_TYPES.map(([, label]) => (
                      <th class="utrecht-table__header-cell" scope="col" key={label}>
                        {label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody class="utrecht-table__body">
                  {gemeenteIds.flatMap((gemeenteId) =>
                    halfYearsOf(round).map((halfYear) => (
                      <tr class="utrecht-table__row" key={`${gemeenteId}-${halfYear}`}>
                        <th class="utrecht-table__header-cell" scope="row">
                          {gemeenteNames.get(gemeenteId)}
                        </th>
                        <td class="utrecht-table__cell">{halfYearLabel(halfYear)}</td>
                        {FILE_TYPES.map(([type, label]) => {
                          const hit = inForce.find(
                            (r) =>
                              r.gemeente_id === gemeenteId && r.period === halfYear && r.file_type === type,
                          );
                          return (
                            <td class="utrecht-table__cell" key={label}>
                              {hit ? (
                                <a
                                  class="utrecht-link utrecht-link--html-a"
                                  href={`/aanleveringen/${hit.delivery_id}`}
                                >
                                  {hit.receipt_number}
                                </a>
                              ) : (
                                'nog niet'
                              )}
                            </td>
                          );
                        })}
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </div>
          </section>
        )}
        <h2 class="utrecht-heading-2">Alle aanleveringen</h2>
        {deliveries.length === 0 ? (
          <p class="utrecht-paragraph">Uw organisatie heeft in deze ronde nog niets aangeleverd.</p>
        ) : (
          <div class="ggk-table-wrapper">
            <table class="utrecht-table" data-testid="deliveries">
              <caption class="utrecht-table__caption">Aanleveringen in {round?.name}, nieuwste eerst</caption>
              <thead class="utrecht-table__header">
                <tr class="utrecht-table__row">
                  <th class="utrecht-table__header-cell" scope="col">
                    Ontvangstbewijs
                  </th>
                  <th class="utrecht-table__header-cell" scope="col">
                    Ontvangen
                  </th>
                  <th class="utrecht-table__header-cell" scope="col">
                    Gemeente
                  </th>
                  <th class="utrecht-table__header-cell" scope="col">
                    Halfjaar
                  </th>
                  <th class="utrecht-table__header-cell" scope="col">
                    Stand
                  </th>
                </tr>
              </thead>
              <tbody class="utrecht-table__body">
                {deliveries.map((d) => (
                  <tr class="utrecht-table__row" key={d.id}>
                    <th class="utrecht-table__header-cell" scope="row">
                      <a class="utrecht-link utrecht-link--html-a" href={`/aanleveringen/${d.id}`}>
                        {d.receipt_number}
                      </a>
                    </th>
                    <td class="utrecht-table__cell">{formatDutchDateTime(d.received_at)}</td>
                    <td class="utrecht-table__cell">{d.gemeente_name}</td>
                    <td class="utrecht-table__cell">{halfYearLabel(d.half_year)}</td>
                    <td class="utrecht-table__cell">{STATE_LABELS[d.state]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Layout>,
    );
  });

  for (const format of ['json', 'csv'] as const) {
    app.get<{ Params: { id: string } }>(
      `/aanleveringen/:id/rapport.${format}`,
      { config: READERS },
      async (request, reply) => {
        const delivery = await findVisibleDelivery(request, deps, request.params.id);
        if (!delivery) return reply.callNotFound();
        const kind = format === 'json' ? 'technical_report_json' : 'technical_report_csv';
        const erased = erasedReason(delivery);
        if (erased) {
          await recordReportDownload(request, deps, delivery.id, kind, 'rapport verwijderd');
          return reply.status(410).type('text/plain; charset=utf-8').send(erased);
        }
        if (!delivery.report) {
          await recordReportDownload(request, deps, delivery.id, kind, 'rapport nog niet klaar');
          return reply
            .status(409)
            .type('text/plain; charset=utf-8')
            .send('Het technisch rapport is nog niet klaar. Probeer het over enkele seconden opnieuw.');
        }
        await recordReportDownload(request, deps, delivery.id, kind);
        const name = `technisch-rapport-${delivery.receipt_number}.${format}`;
        reply
          .header('content-disposition', `attachment; filename="${name}"`)
          .header('cache-control', 'no-store');
        return format === 'json'
          ? reply.type('application/json; charset=utf-8').send(JSON.stringify(delivery.report, null, 2))
          : reply.type('text/csv; charset=utf-8').send(reportToCsv(delivery.report as Report));
      },
    );
  }

  app.get<{ Params: { id: string } }>('/aanleveringen/:id', { config: READERS }, async (request, reply) => {
    const delivery = await findVisibleDelivery(request, deps, request.params.id);
    if (!delivery) return reply.callNotFound();
    const ctx = pageContext(request, reply, deps);
    const files = await listDeliveryFiles(deps.db, delivery.id);
    const report = delivery.report as Report | null;
    const contentReport = await findContentReport(deps.db, delivery.id);
    const showContentReport =
      contentReport !== undefined &&
      (contentReport.state === 'placed' || staffRolesOf(request.principal).length > 0);
    if (report) await recordReportDownload(request, deps, delivery.id, 'technical_report_html');
    const downloads = await listDownloadsOfDelivery(deps.db, delivery.id);
    reply.header('cache-control', 'no-store');
    return sendPage(
      reply,
      200,
      <Layout title={`Aanlevering ${delivery.receipt_number}`} ctx={ctx}>
        <h1 class="utrecht-heading-1">Aanlevering {delivery.receipt_number}</h1>
        <h2 class="utrecht-heading-2">Ontvangstbewijs</h2>
        <dl class="ggk-round-facts" data-testid="receipt">
          <dt>Nummer</dt>
          <dd>{delivery.receipt_number}</dd>
          <dt>Ontvangen</dt>
          <dd>{formatDutchDateTime(delivery.received_at)}</dd>
          <dt>Gemeente</dt>
          <dd>
            {delivery.gemeente_name} ({delivery.gemeentecode})
          </dd>
          <dt>Halfjaar</dt>
          <dd>{halfYearLabel(delivery.half_year)}</dd>
          <dt>Aangeleverd door</dt>
          <dd>{delivery.organisation_name}</dd>
          <dt>Stand</dt>
          <dd data-testid="delivery-state">{STATE_LABELS[delivery.state]}</dd>
        </dl>
        <h2 class="utrecht-heading-2">Bestanden</h2>
        {files.length === 0 && (
          <p class="utrecht-paragraph" data-testid="no-stored-files">
            Van deze aanlevering is geen bestand bewaard (voorbeeldgegevens van de demo).
          </p>
        )}
        <ul class="utrecht-unordered-list">
          {files.map((f) => (
            <li class="utrecht-unordered-list__item" key={f.id}>
              {f.name}, {formatBytes(f.bytes)}, SHA-256{' '}
              <code class="utrecht-code ggk-checksum">{f.sha256}</code>
            </li>
          ))}
        </ul>
        <h2 class="utrecht-heading-2">Verloop</h2>
        <ol class="utrecht-ordered-list" data-testid="timeline">
          <li class="utrecht-ordered-list__item">
            Ontvangen en versleuteld opgeslagen: {formatDutchDateTime(delivery.received_at)}
          </li>
          {delivery.checked_at ? (
            <li class="utrecht-ordered-list__item">
              Technische controle afgerond ({STATE_LABELS[delivery.state].toLowerCase()}):{' '}
              {formatDutchDateTime(delivery.checked_at)}
            </li>
          ) : (
            <li class="utrecht-ordered-list__item">
              Technische controle: uiterlijk {formatDutchDateTime(delivery.technical_notice_due_at)} (3
              werkdagen; meestal binnen seconden)
            </li>
          )}
          {delivery.content_report_due_at && (
            <li class="utrecht-ordered-list__item">
              Op-orde rapport: uiterlijk {formatDutchDateTime(delivery.content_report_due_at)} (2 werkdagen na
              goedkeuring)
              {contentReport?.placedAt ? `; geplaatst ${formatDutchDateTime(contentReport.placedAt)}` : ''}
            </li>
          )}
        </ol>
        {showContentReport && (
          <p class="utrecht-paragraph" data-testid="content-report-link">
            <a class="utrecht-link utrecht-link--html-a" href={`/aanleveringen/${delivery.id}/op-orde`}>
              {ctx.t('reports.link')}
            </a>
          </p>
        )}
        {report ? (
          <>
            <p class="utrecht-paragraph">
              Download het rapport als{' '}
              <a
                class="utrecht-link utrecht-link--html-a"
                href={`/aanleveringen/${delivery.id}/rapport.json`}
                download
              >
                JSON
              </a>{' '}
              of als{' '}
              <a
                class="utrecht-link utrecht-link--html-a"
                href={`/aanleveringen/${delivery.id}/rapport.csv`}
                download
              >
                CSV van de bevindingen
              </a>
              .
            </p>
            <ReportSection report={report} />
            <h2 class="utrecht-heading-2">Opgehaald</h2>
            <ul class="utrecht-unordered-list" data-testid="downloads">
              {downloads.slice(0, 20).map((d, i) => (
                <li class="utrecht-unordered-list__item" key={i}>
                  {formatDutchDateTime(d.downloaded_at)}: {d.user_name ?? 'API-token'},{' '}
                  {DOWNLOAD_LABELS[d.kind]}
                  {d.outcome === 'error' ? ` (mislukt: ${d.error ?? ''})` : ''}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p class="utrecht-paragraph">
            De technische controle loopt; dit duurt meestal enkele seconden.{' '}
            <a class="utrecht-link utrecht-link--html-a" href={`/aanleveringen/${delivery.id}`}>
              Pagina vernieuwen
            </a>
          </p>
        )}
      </Layout>,
    );
  });
}
