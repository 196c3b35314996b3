// The op-orde report's life: produced by a job after approval (idempotent: a second run finds the
// report and stops), placed at once or held when CBS holds the round or gemeente, placed with a
// link-only mail to the organisation's aanleveraars and rapportontvangers, and deleted on withdrawal.
import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors/app-error.ts';
import { SYSTEM_ACTOR, recordAudit, type AuditActor } from '../audit/index.ts';
import type { Db, Schema } from '../database-schema.ts';
import {
  findDelivery,
  listDeliveryFiles,
  listReportRecipients,
  type DeliveryFileStore,
} from '../deliveries/index.ts';
import { enqueueMail } from '../notifications/index.ts';
import { bilingualMail } from '../i18n/index.ts';
import { findRoundById } from '../periods/index.ts';
import { eraseCbsContentReports, isCbsReportOnly, releaseHeldCbsReports } from '../handover/index.ts';
import {
  DEFAULT_ZIP_LIMITS,
  FILE_TYPES,
  fileOutcome,
  isZip,
  openZip,
  type ByteSource,
  type Report,
  type Spec,
} from '../validation/index.ts';
import { computeCostFigures, costFileLayout, type CostFigures } from './cost-figures.ts';
import {
  CONTENT_REPORT_VERSION,
  buildCostSection,
  buildWmoSection,
  previousHalfYear,
  restrictContentReport,
  type ContentReport,
  type CostFileType,
  type PreviousFigures,
  type ReportSection,
} from './report-content.ts';
import {
  deleteContentReportRows,
  findContentReportRow,
  findOpenHoldCovering,
  findReportOfDeliveryInForce,
  findRoundAndGemeenteOfDelivery,
  insertContentReport,
  insertHold,
  listHeldReports,
  lockDeliveryState,
  placeContentReport,
  releaseHoldRow,
  replaceContentReportContents,
} from './report-repository.ts';
import { computeWmoFigures, type WmoFigures } from './wmo-figures.ts';
import * as reportRepository from './report-repository.ts';

export interface ContentReportDependencies {
  db: Kysely<Schema>;
  store: Pick<DeliveryFileStore, 'openByteSource'>;
  findSpec: (id: string) => Spec | undefined;
  baseUrl: string;
  now: () => Date;
  changeThresholdPercent: number;
}

export interface StoredContentReport {
  deliveryId: string;
  state: 'held' | 'placed';
  contents: ContentReport;
  generatedAt: Date;
  placedAt: Date | null;
}

export async function findContentReport(
  db: Db,
  deliveryId: string,
): Promise<StoredContentReport | undefined> {
  const row = await findContentReportRow(db, deliveryId);
  if (!row) return undefined;
  return {
    deliveryId: row.delivery_id,
    state: row.state,
    contents: row.contents as ContentReport,
    generatedAt: row.generated_at,
    placedAt: row.placed_at,
  };
}

/**
 * Withdrawal: deletes the derived contents of these deliveries' op-orde reports for good (and destroys
 * the key of CBS's own report of them), in the caller's transaction. Returns how many reports were deleted.
 */
export async function deleteReportContents(db: Db, deliveryIds: string[], now: Date): Promise<number> {
  const deleted = await deleteContentReportRows(db, deliveryIds);
  // CBS's own report of these deliveries goes with ggk's: its key is destroyed.
  const cbsErased = await eraseCbsContentReports(db, deliveryIds, now);
  if (deleted > 0 || cbsErased > 0)
    await recordAudit(db, {
      actor: SYSTEM_ACTOR,
      organisationId: null,
      action: 'content_report.deleted',
      subjectIds: deliveryIds,
      details: { reports: deleted, cbs_reports: cbsErased },
      at: now,
    });
  return deleted;
}

/**
 * Withdrawal of a part: the op-orde report of a delivery that keeps files describes only those (the
 * withdrawn files' sections and what was taken from them go), and CBS's own report of it, made from
 * all its files, is erased (its key destroyed), in the caller's transaction.
 */
export async function restrictReportContents(
  db: Db,
  deliveryId: string,
  isWithdrawn: (fileName: string) => boolean,
  now: Date,
): Promise<void> {
  const row = await findContentReportRow(db, deliveryId);
  if (row) {
    const contents = row.contents as ContentReport;
    await replaceContentReportContents(db, deliveryId, restrictContentReport(contents, isWithdrawn));
  }
  const cbsErased = await eraseCbsContentReports(db, [deliveryId], now);
  if (row || cbsErased > 0)
    await recordAudit(db, {
      actor: SYSTEM_ACTOR,
      organisationId: null,
      action: 'content_report.deleted',
      subjectIds: [deliveryId],
      details: { restricted_to_remaining_files: true, reports: row ? 1 : 0, cbs_reports: cbsErased },
      at: now,
    });
}

/** The spec's amountRatio rule of a file type (Wmo kosten: K-02b, factor 3), for the op-orde warning. */
function amountRatioOf(spec: Spec, fileType: string): { id: string; factor: number } | null {
  const rule = spec.fileTypes.find((t) => t.type === fileType)?.rules.find((r) => r.kind === 'amountRatio');
  return rule?.kind === 'amountRatio' ? { id: rule.id, factor: rule.factor } : null;
}

function labelsOf(spec: Spec, fileType: string, field: string): Record<string, string> {
  const specField = spec.fileTypes.find((t) => t.type === fileType)?.fields.find((f) => f.name === field);
  if (!specField || specField.type !== 'code') return {};
  return Object.fromEntries((spec.codeLists[specField.codeList]?.codes ?? []).map((c) => [c.code, c.label]));
}

/** Every data file of the delivery by its name in the technical report (ZIP entries as "x.zip/y.csv"). */
async function openDataFiles(
  deps: ContentReportDependencies,
  deliveryId: string,
): Promise<Map<string, ByteSource>> {
  const out = new Map<string, ByteSource>();
  for (const f of await listDeliveryFiles(deps.db, deliveryId)) {
    const ref = { fileId: f.stored_file_id, wrappedKey: f.wrapped_key!, bytes: f.bytes };
    // A CSV is streamed whole (its tag checked at the end, a failure fails the job): its four
    // bytes need no verification pass of their own (issue 21).
    const source = deps.store.openByteSource(ref, f.name, { sniff: true });
    if (isZip(await source.read(0, 4))) {
      for (const entry of (await openZip(source, DEFAULT_ZIP_LIMITS)).entries) out.set(entry.name, entry);
    } else {
      // A plain CSV goes only to the figures (computeWmoFigures, computeCostFigures), whose
      // CsvScanner copies what it keeps: each decrypted chunk is freed as soon as the next is read
      // (issue 21: the op-orde report's peak memory at 1M rows). A ZIP's entries keep the plain source.
      out.set(f.name, deps.store.openByteSource(ref, f.name, { sniff: true, releaseChunks: true }));
    }
  }
  return out;
}

/** The section of that data file (a delivery may hold one per gemeente code of a type and period). */
function sectionOf(
  contents: unknown,
  fileType: string,
  period: string,
  name: string,
): ReportSection | undefined {
  const sections = (contents as ContentReport).sections.filter(
    (s) => s.fileType === fileType && s.period === period,
  );
  return sections.find((s) => s.fileName === name) ?? (sections.length === 1 ? sections[0] : undefined);
}

/**
 * The figures of the file in force before this one for the same gemeente, type, period and **file
 * code** (decision 0028: a merged gemeente's files for its predecessors are compared each with its
 * own, never with the whole area's or another predecessor's).
 */
async function previousFigures<F>(
  db: Db,
  input: {
    gemeenteId: string;
    gemeentecode: string;
    ownCode: string;
    fileType: string;
    period: string;
    before?: Date;
    excludeDeliveryId: string;
  },
): Promise<PreviousFigures<F> | null> {
  const found = await findReportOfDeliveryInForce(db, input);
  const section = found && sectionOf(found.contents, input.fileType, input.period, found.name);
  return found && section
    ? { receiptNumber: found.receipt_number, halfYear: input.period, figures: section.figures as F }
    : null;
}

/** The job: computes, stores and places (or holds) the op-orde report of one approved delivery. */
export async function generateContentReport(
  deps: ContentReportDependencies,
  deliveryId: string,
): Promise<'placed' | 'held' | 'skipped'> {
  const delivery = await findDelivery(deps.db, deliveryId);
  if (!delivery || delivery.state !== 'approved' || !delivery.report) return 'skipped';
  if (await findContentReportRow(deps.db, deliveryId)) return 'skipped';
  const round = await findRoundById(deps.db, delivery.round_id);
  const spec = round && deps.findSpec(round.specVersion);
  if (!spec) throw new Error(`the spec of round ${delivery.round_id} is not available`);

  const files = await openDataFiles(deps, deliveryId);
  const contents = await buildContents(deps.db, spec, delivery, files, deps.changeThresholdPercent);
  const sections = contents.sections;

  return deps.db.transaction().execute(async (trx) => {
    // A delivery withdrawn meanwhile gets no report.
    if ((await lockDeliveryState(trx, deliveryId)) !== 'approved') return 'skipped';
    const now = deps.now();
    const held = (await findOpenHoldCovering(trx, delivery.round_id, delivery.gemeente_id)) !== undefined;
    const inserted = await insertContentReport(trx, {
      delivery_id: deliveryId,
      state: held ? 'held' : 'placed',
      contents: JSON.stringify(contents),
      generated_at: now,
      placed_at: held ? null : now,
    });
    if (!inserted) return 'skipped';
    if (!held) await notifyPlaced(trx, deps.baseUrl, deliveryId, now);
    await recordAudit(trx, {
      actor: SYSTEM_ACTOR,
      organisationId: delivery.organisation_id,
      action: held ? 'content_report.held' : 'content_report.placed',
      subjectIds: [deliveryId],
      details: { receiptNumber: delivery.receipt_number, files: sections.length },
      at: now,
    });
    return held ? 'held' : 'placed';
  });
}

/** The contents of a delivery's op-orde report, made from its approved files (the job's, the demo's). */
async function buildContents(
  db: Db,
  spec: Spec,
  delivery: NonNullable<Awaited<ReturnType<typeof findDelivery>>>,
  files: Map<string, ByteSource>,
  thresholdPercent: number,
): Promise<ContentReport> {
  const report = delivery.report as Report;
  const approved = report.files.filter(
    (f) => fileOutcome(f) === 'approved' && f.type !== null && f.period !== null,
  );
  const sections: ReportSection[] = [];
  const base = {
    gemeenteId: delivery.gemeente_id,
    ownCode: delivery.gemeentecode,
    excludeDeliveryId: delivery.id,
  };
  // The code each section's file is about, to match a Wmo kosten file with the Wmo file of its code.
  const codeOf = new Map<ReportSection, string>();
  // Wmo first: a Wmo kosten file in the same delivery is matched against it.
  const order: readonly string[] = FILE_TYPES;
  approved.sort((a, b) => order.indexOf(a.type!) - order.indexOf(b.type!) || a.name.localeCompare(b.name));
  for (const file of approved) {
    const source = files.get(file.name);
    if (!source) throw new Error(`file ${file.name} of delivery ${delivery.id} is not in its files`);
    const period = file.period!;
    const previous = previousHalfYear(period);
    const gemeentecode = file.gemeentecode ?? delivery.gemeentecode;
    const lookup = { ...base, gemeentecode };
    if (file.type === 'wmo') {
      sections.push(
        buildWmoSection({
          fileName: file.name,
          period,
          figures: await computeWmoFigures(source, { halfYear: period }),
          labels: {
            productcategorie: labelsOf(spec, 'wmo', 'productcategorie'),
            leveringsvorm: labelsOf(spec, 'wmo', 'leveringsvorm'),
            reden: labelsOf(spec, 'wmo', 'reden_beeindiging'),
          },
          redelivery: await previousFigures<WmoFigures>(db, {
            ...lookup,
            fileType: 'wmo',
            period,
            before: delivery.received_at,
          }),
          previousHalfYear: await previousFigures<WmoFigures>(db, {
            ...lookup,
            fileType: 'wmo',
            period: previous,
          }),
          thresholdPercent,
        }),
      );
      codeOf.set(sections.at(-1)!, gemeentecode);
      continue;
    }
    const fileType = file.type as CostFileType;
    const layout = costFileLayout(spec, fileType);
    const sameDeliveryWmo = sections.find(
      (s) => s.fileType === 'wmo' && s.period === period && codeOf.get(s) === gemeentecode,
    );
    const wmo: PreviousFigures<WmoFigures> | null =
      fileType !== 'wmo-kosten'
        ? null
        : sameDeliveryWmo
          ? {
              receiptNumber: delivery.receipt_number,
              halfYear: period,
              figures: sameDeliveryWmo.figures as WmoFigures,
            }
          : await previousFigures<WmoFigures>(db, { ...lookup, fileType: 'wmo', period });
    sections.push(
      buildCostSection({
        fileType,
        fileName: file.name,
        period,
        figures: await computeCostFigures(source, layout),
        labels: {
          category: labelsOf(spec, fileType, layout.categoryColumn),
          leveringsvorm: labelsOf(spec, fileType, 'leveringsvorm'),
        },
        redelivery: await previousFigures<CostFigures>(db, {
          ...lookup,
          fileType,
          period,
          before: delivery.received_at,
        }),
        previousHalfYear: await previousFigures<CostFigures>(db, {
          ...lookup,
          fileType,
          period: previous,
        }),
        wmo,
        thresholdPercent,
        ratio: amountRatioOf(spec, fileType),
      }),
    );
  }
  return {
    version: CONTENT_REPORT_VERSION,
    receiptNumber: delivery.receipt_number,
    gemeentecode: delivery.gemeentecode,
    gemeenteName: delivery.gemeente_name,
    changeThresholdPercent: thresholdPercent,
    sections,
  };
}

/**
 * The op-orde report of a demo delivery (main/seed-demo.ts), from the files the seed generated and
 * judged (they are not kept): placed at `placedAt`, without the mail, as if the job had run then.
 */
export async function seedContentReport(
  db: Db,
  input: {
    deliveryId: string;
    spec: Spec;
    files: Map<string, ByteSource>;
    placedAt: Date;
    thresholdPercent: number;
  },
): Promise<void> {
  const delivery = await findDelivery(db, input.deliveryId);
  if (!delivery || delivery.state !== 'approved' || !delivery.report) return;
  const contents = await buildContents(db, input.spec, delivery, input.files, input.thresholdPercent);
  await insertContentReport(db, {
    delivery_id: delivery.id,
    state: 'placed',
    contents: JSON.stringify(contents),
    generated_at: input.placedAt,
    placed_at: input.placedAt,
  });
}

/** Queues the link-only mail that the report is placed, for each aanleveraar and rapportontvanger. */
async function notifyPlaced(db: Db, baseUrl: string, deliveryId: string, now: Date): Promise<void> {
  const delivery = (await findDelivery(db, deliveryId))!;
  // A round where CBS shows only its own report: the gemeente cannot open ggk's, so no mail about it
  // (CBS's report has its own mail).
  if (await isCbsReportOnly(db, delivery.round_id)) return;
  for (const recipient of await listReportRecipients(db, delivery.organisation_id, delivery.uploaded_by)) {
    await enqueueMail(db, {
      recipient: recipient.email,
      kind: 'content_report_ready',
      at: now,
      dedupeKey: `content_report_ready:${deliveryId}:${recipient.user_id}`,
      ...bilingualMail('mail.contentReport.subject', 'mail.contentReport.body', () => ({
        name: recipient.name,
        receipt: delivery.receipt_number,
        gemeente: delivery.gemeente_name,
        halfYear: delivery.half_year,
        link: `${baseUrl}/aanleveringen/${deliveryId}/op-orde`,
      })),
    });
  }
}

/** CBS holds the reports of a round (gemeenteId null) or of one gemeente in it. */
export async function holdContentReports(
  db: Db,
  input: { roundId: string; gemeenteId: string | null; actor: AuditActor; now: Date },
): Promise<{ holdId: string }> {
  const hold = await insertHold(db, {
    round_id: input.roundId,
    gemeente_id: input.gemeenteId,
    held_by: input.actor.kind === 'user' ? input.actor.userId : null,
    held_at: input.now,
  });
  if (!hold) throw new AppError('report.already_held', { reason: input.gemeenteId ? 'gemeente' : 'round' });
  await recordAudit(db, {
    actor: input.actor,
    organisationId: input.gemeenteId,
    action: 'content_report.held',
    subjectIds: [hold.id, input.roundId, ...(input.gemeenteId ? [input.gemeenteId] : [])],
    details: { scope: input.gemeenteId ? 'gemeente' : 'round' },
    at: input.now,
  });
  return { holdId: hold.id };
}

/**
 * Releases a hold: every held report it covered that no other open hold still covers is placed, and
 * its recipients are notified, in the caller's transaction. Returns the placed deliveries.
 */
export async function releaseContentReportHold(
  db: Db,
  input: { holdId: string; actor: AuditActor; now: Date; baseUrl: string },
): Promise<{ placed: string[]; cbsPlaced: string[]; roundId: string; gemeenteId: string | null }> {
  const hold = await releaseHoldRow(db, {
    id: input.holdId,
    releasedBy: input.actor.kind === 'user' ? input.actor.userId : null,
    now: input.now,
  });
  if (!hold) throw new AppError('report.hold_unknown');
  const placed: string[] = [];
  for (const report of await listHeldReports(db, { roundId: hold.round_id, gemeenteId: hold.gemeente_id })) {
    if (await findOpenHoldCovering(db, report.round_id, report.gemeente_id)) continue;
    if (await placeContentReport(db, report.delivery_id, input.now)) {
      await notifyPlaced(db, input.baseUrl, report.delivery_id, input.now);
      await recordAudit(db, {
        actor: input.actor,
        organisationId: report.organisation_id,
        action: 'content_report.placed',
        subjectIds: [report.delivery_id, hold.id],
        details: { receiptNumber: report.receipt_number },
        at: input.now,
      });
      placed.push(report.delivery_id);
    }
  }
  // CBS's own op-orde rapporten follow the same hold.
  const cbsPlaced = await releaseHeldCbsReports(db, {
    roundId: hold.round_id,
    gemeenteId: hold.gemeente_id,
    holdId: hold.id,
    actor: input.actor,
    now: input.now,
    baseUrl: input.baseUrl,
  });
  await recordAudit(db, {
    actor: input.actor,
    organisationId: hold.gemeente_id,
    action: 'content_report.released',
    subjectIds: [hold.id, hold.round_id, ...placed, ...cbsPlaced],
    details: { placed: placed.length, cbs_placed: cbsPlaced.length },
    at: input.now,
  });
  return { placed, cbsPlaced, roundId: hold.round_id, gemeenteId: hold.gemeente_id };
}

export { findRoundAndGemeenteOfDelivery, listHeldReports };

// Reads (and a few writes) other modules, http/ and main/ use as they are: the module's surface is
// its services, so what the repository returns may change without them noticing.

export function listHolds(
  ...args: Parameters<typeof reportRepository.listHolds>
): ReturnType<typeof reportRepository.listHolds> {
  return reportRepository.listHolds(...args);
}

export function listHeldDeliveryIds(
  ...args: Parameters<typeof reportRepository.listHeldDeliveryIds>
): ReturnType<typeof reportRepository.listHeldDeliveryIds> {
  return reportRepository.listHeldDeliveryIds(...args);
}
