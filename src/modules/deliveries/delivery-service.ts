// Delivering: who may deliver what (window, half year, gemeente), registering a stored upload with
// its receipt and check job in one transaction, and the technical check as a job.
import { createHash } from 'node:crypto';
import { AppError } from '../../platform/errors/app-error.ts';
import { amsterdamDate, amsterdamInstant, formatDutchDateTime } from '../../platform/time/amsterdam-time.ts';
import type { MunicipalClassification } from '../classification/index.ts';
import type { Kysely } from 'kysely';
import type { Db, DownloadKind, Schema } from '../database-schema.ts';
import { enqueueMail } from '../notifications/index.ts';
import { bilingualMail, lookup, translator } from '../i18n/index.ts';
import { recordAudit, SYSTEM_ACTOR } from '../audit/index.ts';
import { createNodeSha256 } from '../../platform/files/file-byte-source.ts';
import {
  COLLABORATION_DOMAINS,
  DOMAIN_FILE_TYPES,
  canCollaborationDeliverFor,
  listCollaborationMembershipsOfGemeente,
  collaborationDomainsFor,
  findGemeenteByCode,
  findOrganisationById,
  type CollaborationDomain,
} from '../organisations/index.ts';
import {
  addWorkingDays,
  findCurrentRound,
  findParticipatingOrganisations,
  findRoundById,
  halfYearBounds,
  halfYearsOf,
  isDeliveryOpen,
  type Round,
} from '../periods/index.ts';
import {
  fileOutcome,
  identifyFileTypes,
  uploadOutcome,
  validateUpload,
  type ByteSource,
  type FilePartRunner,
  type FileReport,
  type Report,
  type FileType,
  type Spec,
} from '../validation/index.ts';
import {
  findDelivery,
  listPendingUploadsOfHost,
  claimFileContents,
  countStaleFileKeyWraps,
  listStaleFileKeyWraps,
  replaceFileKeyWrap,
  claimIdempotencyKey,
  findClaimHolders,
  findIdempotencyKey,
  releaseFileClaims,
  insertDeliveryFiles,
  downloadInsert,
  insertReportFiles,
  listDeliveryFiles,
  lockGemeenteVerdicts,
  setReportFileStatus,
  lockDelivery,
  insertNumberedDelivery,
  startChecking,
  storeCheckResult,
  type DeliveryRow,
} from './delivery-repository.ts';
import * as deliveryRepository from './delivery-repository.ts';

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
  /**
   * `sniff`: the first read of at most a few bytes from offset 0 (telling a ZIP) comes without the
   * whole-file verification pass; later reads verify first, a stream checks the tag at its end.
   * `onFailure` hears every error the source's reads throw. `releaseChunks`: the reader copies what it
   * keeps, so each streamed chunk is freed once the next is asked for (the op-orde figures).
   */
  openByteSource(
    file: { fileId: string; wrappedKey: string; bytes: number },
    name: string,
    options?: { sniff?: boolean; releaseChunks?: boolean; onFailure?: (error: unknown) => void },
  ): ByteSource;
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
  if (!round) throw new AppError('delivery.no_round');
  if (!isDeliveryOpen(round, input.now)) {
    throw new AppError('delivery.window_closed', {
      reason: input.now < round.deliveryOpensAt ? 'not_yet_open' : 'closed',
      opens: round.deliveryOpensAt,
      closes: round.deliveryClosesAt,
    });
  }
  const halfYear = input.halfYear ?? round.halfYear;
  if (!halfYearsOf(round).includes(halfYear)) {
    throw new AppError('delivery.bad_half_year', { allowed: halfYearsOf(round), halfYear });
  }
  const organisation = await findOrganisationById(db, input.organisationId);
  if (!organisation) throw new AppError('delivery.organisation_unknown');
  if ((await findParticipatingOrganisations(db, round.id, [organisation.id])).length === 0) {
    throw new AppError('delivery.not_participating', { organisation: organisation.name, round: round.name });
  }
  if (organisation.kind === 'gemeente') {
    if (input.gemeentecode && input.gemeentecode !== organisation.gemeentecode) {
      throw new AppError('delivery.other_gemeente', {
        organisation: organisation.name,
        own: organisation.gemeentecode ?? '',
        gemeentecode: input.gemeentecode,
      });
    }
    return {
      round,
      organisationId: organisation.id,
      gemeente: { id: organisation.id, gemeentecode: organisation.gemeentecode!, name: organisation.name },
      halfYear,
    };
  }
  if (!input.gemeentecode) {
    throw new AppError('delivery.gemeente_required');
  }
  const gemeente = await findGemeenteByCode(db, input.gemeentecode);
  // Membership is dated: the gemeente must be a member at the end of the half year delivered, not
  // on the day of the upload (a member that left since still delivers its past; one that joined
  // since does not deliver a half year from before it joined).
  const day = halfYearBounds(halfYear).end;
  if (!gemeente || !(await canCollaborationDeliverFor(db, organisation.id, gemeente.id, day))) {
    throw new AppError('delivery.not_member', {
      gemeentecode: input.gemeentecode,
      organisation: organisation.name,
    });
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
  /** True when an earlier request with the same Idempotency-Key made this delivery (a retry). */
  replayed?: boolean;
  deliveryId: string;
  receiptNumber: string;
  receivedAt: Date;
  gemeentecode: string;
  gemeenteName: string;
  halfYear: string;
  files: Array<{ name: string; bytes: number; sha256: string }>;
}

const DOMAIN_LABELS: Record<CollaborationDomain, string> = {
  jeugd: 'Jeugd',
  wmo: 'Wmo',
  'beschermd-wonen': 'Beschermd wonen',
};

/** How registration reads the stored files: the store, and the spec of the round. */
export interface StoredFileTypes {
  store: Pick<DeliveryFileStore, 'openByteSource'>;
  findSpec: (id: string) => Spec | undefined;
}

/**
 * A samenwerkingsverband delivers only the file types of the domains in which the gemeente is its
 * member in the half year delivered (issue 15, finding 4): a Jeugd collaboration no Wmo file. Each
 * stored file, and each CSV in a ZIP, is typed by the check's own rule (name and header line) before
 * anything is registered; a file of another domain refuses the whole upload. A file whose type
 * cannot be told is left to the check, which rejects it.
 */
async function refuseOutsideDomain(
  db: Db,
  reader: StoredFileTypes,
  target: DeliveryTarget,
  files: ReadonlyArray<{ name: string; stored: StoredFileRef }>,
  stored: Promise<unknown>,
): Promise<void> {
  if (target.organisationId === target.gemeente.id)
    return refuseDelegatedDomain(db, reader, target, files, stored);
  const spec = reader.findSpec(target.round.specVersion);
  if (!spec) throw new Error(`the spec of round ${target.round.id} is not available`);
  const domains = await collaborationDomainsFor(
    db,
    target.organisationId,
    target.gemeente.id,
    halfYearBounds(target.halfYear).end,
  );
  const allowed = new Set<FileType>(domains.flatMap((d) => DOMAIN_FILE_TYPES[d]));
  // The files are read under their ids, where they appear once durable.
  await stored;
  const sources = files.map((f) =>
    reader.store.openByteSource(
      { fileId: f.stored.fileId, wrappedKey: f.stored.wrappedKey, bytes: f.stored.bytes },
      f.name,
      { sniff: true },
    ),
  );
  const outside = (await identifyFileTypes(sources, { spec })).find(
    (f) => f.type !== null && !allowed.has(f.type),
  );
  if (!outside) return;
  const labelOf = (type: FileType) => spec.fileTypes.find((t) => t.type === type)?.label ?? type;
  const organisation = await findOrganisationById(db, target.organisationId);
  if (!organisation) throw new AppError('delivery.organisation_unknown');
  const refused = {
    name: outside.name,
    type: labelOf(outside.type!),
    organisation: organisation.name,
    gemeente: target.gemeente.name,
    halfYear: target.halfYear,
  };
  throw allowed.size === 0
    ? new AppError('delivery.outside_domain', { reason: 'no_domain', ...refused })
    : new AppError('delivery.outside_domain', {
        ...refused,
        domains: domains.map((d) => DOMAIN_LABELS[d]),
        allowed: [...allowed].map(labelOf).join(', '),
      });
}

/**
 * A gemeente that delegated a domain to a samenwerkingsverband taking part in the round (member at the
 * end of the half year delivered) does not deliver that domain's files itself: the collaboration does,
 * and two deliveries for one cell would leave it unclear which counts. The upload is refused naming
 * the collaboration, before a receipt exists. Only when such a membership exists are the files typed.
 */
async function refuseDelegatedDomain(
  db: Db,
  reader: StoredFileTypes,
  target: DeliveryTarget,
  files: ReadonlyArray<{ name: string; stored: StoredFileRef }>,
  stored: Promise<unknown>,
): Promise<void> {
  const day = halfYearBounds(target.halfYear).end;
  const delegatedTo = new Map<FileType, { id: string; name: string; domain: CollaborationDomain }>();
  // The memberships of every domain in one query, the participants among them in one more only when
  // there are any (issue 21: this ran 3 to 6 queries on every upload of a gemeente).
  const memberships = await listCollaborationMembershipsOfGemeente(db, target.gemeente.id, day);
  const participating = new Set(
    await findParticipatingOrganisations(db, target.round.id, [...new Set(memberships.map((m) => m.id))]),
  );
  for (const domain of COLLABORATION_DOMAINS) {
    const collaboration = memberships.find((m) => m.domain === domain && participating.has(m.id));
    if (collaboration)
      for (const type of DOMAIN_FILE_TYPES[domain])
        delegatedTo.set(type, { id: collaboration.id, name: collaboration.name, domain });
  }
  if (delegatedTo.size === 0) return;
  const spec = reader.findSpec(target.round.specVersion);
  if (!spec) throw new Error(`the spec of round ${target.round.id} is not available`);
  await stored;
  const sources = files.map((f) =>
    reader.store.openByteSource(
      { fileId: f.stored.fileId, wrappedKey: f.stored.wrappedKey, bytes: f.stored.bytes },
      f.name,
      { sniff: true },
    ),
  );
  const delegated = (await identifyFileTypes(sources, { spec })).find(
    (f) => f.type !== null && delegatedTo.has(f.type),
  );
  if (!delegated) return;
  const collaboration = delegatedTo.get(delegated.type!)!;
  const label = spec.fileTypes.find((t) => t.type === delegated.type)?.label ?? delegated.type!;
  throw new AppError('delivery.delegated_domain', {
    name: delegated.name,
    type: label,
    gemeente: target.gemeente.name,
    halfYear: target.halfYear,
    domain: DOMAIN_LABELS[collaboration.domain],
    collaboration: collaboration.name,
  });
}

/** An Idempotency-Key: at most 255 visible ASCII characters (the database checks the same). */
export const IDEMPOTENCY_KEY = /^[!-~]{1,255}$/;

/**
 * Thrown by registerDelivery when the Idempotency-Key already made a delivery with the same content:
 * the caller's transaction must roll back (nothing of this request stays) and the stored files of
 * this request be discarded; `receipt` is the first delivery's.
 */
export class IdempotentReplay extends Error {
  constructor(readonly receipt: Receipt) {
    super('idempotent replay');
  }
}

/** What makes two requests with one key the same delivery: gemeente, half year, the files in order. */
function fingerprintOf(
  target: DeliveryTarget,
  files: ReadonlyArray<{ name: string; stored: StoredFileRef }>,
) {
  return createHash('sha256')
    .update(
      JSON.stringify([target.gemeente.id, target.halfYear, files.map((f) => [f.name, f.stored.sha256])]),
    )
    .digest('hex');
}

async function receiptOf(db: Db, deliveryId: string): Promise<Receipt> {
  const delivery = (await findDelivery(db, deliveryId))!;
  const files = await listDeliveryFiles(db, deliveryId);
  return {
    deliveryId,
    receiptNumber: delivery.receipt_number,
    receivedAt: delivery.received_at,
    gemeentecode: delivery.gemeentecode,
    gemeenteName: delivery.gemeente_name,
    halfYear: delivery.half_year,
    files: files.map((f) => ({ name: f.name, bytes: f.bytes, sha256: f.sha256 })),
  };
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
    /** Reads the stored files' types: a collaboration delivers only those of its domains. */
    fileTypes: StoredFileTypes;
    /** The API client's Idempotency-Key: a retry with it gets the first delivery's receipt. */
    idempotencyKey?: string | undefined;
    /**
     * Resolves once every file is durable under its id (EncryptedStore.writeSealed): the queries
     * run while the files are fsynced, and this returns (so the caller commits) only after it.
     */
    stored?: Promise<unknown> | undefined;
    channel: 'portal' | 'api';
    uploadedBy: string | null;
    apiTokenId: string | null;
    now: Date;
  },
): Promise<Receipt> {
  if (input.files.length === 0) throw new AppError('delivery.no_files');
  const stored = input.stored ?? Promise.resolve();
  await refuseOutsideDomain(db, input.fileTypes, input.target, input.files, stored);
  const delivery = await insertNumberedDelivery(db, Number(amsterdamDate(input.now).slice(0, 4)), {
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
  const receiptNumber = delivery.receipt_number;
  // One delivery per organisation and Idempotency-Key, held by the database: a concurrent request with
  // the same key waits here until the first commits, then finds the key taken and answers with the
  // first receipt (its own transaction, with this delivery, rolls back).
  if (input.idempotencyKey !== undefined) {
    const fingerprint = fingerprintOf(input.target, input.files);
    const claimed = await claimIdempotencyKey(db, {
      organisation_id: input.target.organisationId,
      idempotency_key: input.idempotencyKey,
      fingerprint,
      delivery_id: delivery.id,
    });
    if (!claimed) {
      const earlier = (await findIdempotencyKey(db, input.target.organisationId, input.idempotencyKey))!;
      if (earlier.fingerprint !== fingerprint) throw new AppError('delivery.idempotency_key_reused');
      throw new IdempotentReplay({ ...(await receiptOf(db, earlier.delivery_id)), replayed: true });
    }
  }
  // The duplicate rule lives in the database: a content being checked or approved for this gemeente
  // and half year is claimed; a concurrent identical upload waits here and then finds it taken.
  const taken = await claimFileContents(db, {
    gemeenteId: input.target.gemeente.id,
    halfYear: input.target.halfYear,
    deliveryId: delivery.id,
    files: input.files.map((f) => ({ sha256: f.stored.sha256, name: f.name })),
  });
  if (taken.length > 0) {
    const holders = await findClaimHolders(db, {
      gemeenteId: input.target.gemeente.id,
      halfYear: input.target.halfYear,
      sha256s: taken,
    });
    const e = holders[0];
    const mine = input.files.find((f) => f.stored.sha256 === (e?.sha256 ?? taken[0]))!;
    const checking = e?.state === 'received' || e?.state === 'checking';
    const where = { name: mine.name, gemeente: input.target.gemeente.name, halfYear: input.target.halfYear };
    throw e === undefined
      ? new AppError('delivery.duplicate_file', { reason: 'in_progress', ...where })
      : new AppError('delivery.duplicate_file', {
          reason: checking ? 'checking' : 'in_force',
          ...where,
          receivedAt: e.received_at,
          receiptNumber: e.receipt_number,
        });
  }
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
  // A receipt only for durable files: the caller's commit, and so the receipt, follow this.
  await stored;
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

/**
 * The duplicate rule for the data files inside a ZIP (issue 18). A bare file is claimed by its content
 * when it is registered (delivered_file_claims), but a ZIP's entries are known only once the check has
 * read them: each approved entry is claimed here, in the transaction that stores the verdicts, so the
 * database decides between concurrent checks as it does between concurrent uploads. An entry whose
 * content another delivery holds for this gemeente and half year (approved, or still being checked) is
 * rejected with file.already_delivered; the other files keep their own verdicts. A later bare file
 * identical to an approved entry meets the entry's claim at registration and is refused there.
 */
async function refuseEntriesAlreadyDelivered(
  trx: Db,
  input: { delivery: DeliveryRow; report: Report; isEntry: (name: string) => boolean },
): Promise<Report> {
  const { delivery, report } = input;
  const entries = report.files.filter((f) => input.isEntry(f.name) && fileOutcome(f) === 'approved');
  if (entries.length === 0) return report;
  const taken = await claimFileContents(trx, {
    gemeenteId: delivery.gemeente_id,
    halfYear: delivery.half_year,
    deliveryId: delivery.id,
    files: entries.map((f) => ({ sha256: f.sha256, name: f.name })),
  });
  if (taken.length === 0) return report;
  const holders = (
    await findClaimHolders(trx, {
      gemeenteId: delivery.gemeente_id,
      halfYear: delivery.half_year,
      sha256s: taken,
    })
  ).filter((h) => h.delivery_id !== delivery.id);
  if (holders.length === 0) return report;
  const files = report.files.map((f): FileReport => {
    const holder = entries.includes(f) ? holders.find((h) => h.sha256 === f.sha256) : undefined;
    if (!holder) return f;
    const checking = holder.state === 'received' || holder.state === 'checking';
    const earlier = `“${holder.name}” op ${formatDutchDateTime(holder.received_at)} (ontvangstbewijs ${holder.receipt_number})`;
    const message = checking
      ? `“${f.name}” is al aangeleverd voor ${delivery.gemeente_name}, ${delivery.half_year}, en wordt nog gecontroleerd: ${earlier}. Dit bestand telt niet opnieuw mee; de andere bestanden van deze aanlevering houden hun eigen oordeel.`
      : `“${f.name}” is al goedgekeurd en van kracht voor ${delivery.gemeente_name}, ${delivery.half_year}: ${earlier}. Dit bestand telt niet opnieuw mee; de andere bestanden van deze aanlevering houden hun eigen oordeel.`;
    return {
      ...f,
      status: 'rejected',
      outcome: 'rejected',
      counts: { ...f.counts, 'file.already_delivered': (f.counts['file.already_delivered'] ?? 0) + 1 },
      findings: [
        ...f.findings,
        { code: 'file.already_delivered', severity: 'error', message, value: holder.receipt_number },
      ],
    };
  });
  return withRefusals(report, files);
}

/** A report's outcome again after some files were refused: approved, partially approved or rejected. */
function withRefusals(report: Report, files: FileReport[]): Report {
  const approved = files.filter((f) => fileOutcome(f) === 'approved').length;
  return {
    ...report,
    // The contract's status: rejected when any finding is an error, and a refusal is one.
    status: 'rejected',
    outcome: approved === files.length ? 'approved' : approved === 0 ? 'rejected' : 'partially_approved',
    files,
  };
}

/**
 * Whole area or per predecessor, not both (decision 0028): for one type and half year a merged
 * gemeente's files in force are either one file under its own code (its whole area) or files under
 * its predecessors' codes. An approved file that would stand next to one of the other kind is
 * refused with file.area_overlap naming that file and its receipt: the later one, so a file in force
 * stays in force (withdraw it first to change over); in one upload, the whole-area file gives way to
 * the predecessors' files. Runs under lockGemeenteVerdicts, so two concurrent checks cannot both pass.
 */
async function refuseAreaOverlap(trx: Db, input: { delivery: DeliveryRow; report: Report }): Promise<Report> {
  const { delivery, report } = input;
  const own = delivery.gemeentecode;
  const approved = report.files.filter(
    (f) => fileOutcome(f) === 'approved' && f.type !== null && f.period !== null && f.gemeentecode !== null,
  );
  const isOwn = (code: string | null) => code === null || code === own;
  // Only a predecessor's file, or a whole-area file of a half year before the formation (it names the
  // predecessors it covers), can meet one of the other kind.
  if (!approved.some((f) => !isOwn(f.gemeentecode) || (f.counts['gemeente.predecessors'] ?? 0) > 0))
    return report;
  await lockGemeenteVerdicts(trx, delivery.gemeente_id);
  const inForce = await listFilesInForce(trx, [delivery.gemeente_id], delivery.round_id);
  const typeName = (type: string) => lookup('nl', `common.fileType.${type}`) ?? type;
  const refusals = new Map<FileReport, string>();
  const values = new Map<FileReport, string>();
  for (const f of approved) {
    const other = inForce.find(
      (x) =>
        x.file_type === f.type && x.period === f.period && isOwn(x.gemeentecode) !== isOwn(f.gemeentecode),
    );
    const sameUpload = isOwn(f.gemeentecode)
      ? approved.filter((x) => x.type === f.type && x.period === f.period && !isOwn(x.gemeentecode))
      : [];
    if (!other && sameUpload.length === 0) continue;
    const subject = `${typeName(f.type!)} ${f.period} van ${delivery.gemeente_name}`;
    const rule =
      'Lever per type en halfjaar óf één bestand voor het hele gebied óf één bestand per voorganger aan, niet beide';
    if (other) {
      const earlier = `“${other.name}” (ontvangstbewijs ${other.receipt_number}, ${formatDutchDateTime(other.received_at)})`;
      refusals.set(
        f,
        isOwn(f.gemeentecode)
          ? `“${f.name}” is een bestand voor het hele gebied, maar voor ${subject} is al een bestand voor voorganger ${other.gemeentecode} van kracht: ${earlier}. ${rule}; trek eerst de bestanden per voorganger in om over te stappen.`
          : `“${f.name}” is een bestand voor voorganger ${f.gemeentecode}, maar voor ${subject} is al een bestand voor het hele gebied van kracht: ${earlier}. ${rule}; trek eerst dat bestand in om over te stappen.`,
      );
      values.set(f, other.receipt_number);
    } else {
      refusals.set(
        f,
        `“${f.name}” is een bestand voor het hele gebied, maar deze aanlevering bevat voor ${subject} ook ${sameUpload.map((x) => `“${x.name}” (voorganger ${x.gemeentecode})`).join(', ')}. ${rule}; de bestanden per voorganger tellen, dit bestand niet.`,
      );
      values.set(f, delivery.receipt_number);
    }
  }
  if (refusals.size === 0) return report;
  return withRefusals(
    report,
    report.files.map((f): FileReport => {
      const message = refusals.get(f);
      if (!message) return f;
      return {
        ...f,
        status: 'rejected',
        outcome: 'rejected',
        counts: { ...f.counts, 'file.area_overlap': (f.counts['file.area_overlap'] ?? 0) + 1 },
        findings: [
          ...f.findings,
          { code: 'file.area_overlap', severity: 'error', message, value: values.get(f)! },
        ],
      };
    }),
  );
}

export interface CheckDependencies {
  db: Kysely<Schema>;
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
  /**
   * Checks a large file in parts on the process's worker threads (modules/validation-threads): one
   * runner per process, so concurrent checks share its threads and never run more parts than cores.
   */
  parts?: FilePartRunner;
}

/**
 * The technical check of one delivery, as a job: idempotent (a delivery already judged is left
 * alone), so a worker that died mid-check can simply run it again.
 */
export async function checkDelivery(
  deps: CheckDependencies,
  deliveryId: string,
): Promise<'approved' | 'rejected' | 'skipped'> {
  if (!(await startChecking(deps.db, deliveryId))) return 'skipped';
  const [delivery, files] = await Promise.all([
    findDelivery(deps.db, deliveryId).then((d) => d!),
    listDeliveryFiles(deps.db, deliveryId),
  ]);
  const round = await findRoundById(deps.db, delivery.round_id);
  const spec = round && deps.findSpec(round.specVersion);
  if (!spec) throw new Error(`the spec of round ${delivery.round_id} is not available`);
  // Each file is read whole, in order, once (twice with the duplicate pass): the ZIP sniff needs no
  // verification pass of its own (sniff), and a failure of our own storage (a changed or missing
  // file: FileIntegrityError, StoredFileNotFoundError) fails the job instead of becoming the
  // engine's 'unreadable file' finding: the gemeente's delivery is not rejected for our fault.
  const failures: unknown[] = [];
  const sources = files.map((f) =>
    deps.store.openByteSource(
      { fileId: f.stored_file_id, wrappedKey: f.wrapped_key!, bytes: f.bytes },
      f.name,
      { sniff: true, onFailure: (error) => failures.push(error) },
    ),
  );
  // Judged on the day it was received, so a re-run gives the same report.
  const engineReport: Report = await validateUpload(sources, {
    ...(deps.parts ? { parts: deps.parts } : {}),
    // node:crypto, not the engine's own TypeScript SHA-256 (which is there for the browser): at 1M Wmo
    // rows ~0.5 CPU-s less per check.
    createHasher: createNodeSha256,
    spec,
    classification: deps.classification,
    gemeente: delivery.gemeentecode,
    period: delivery.half_year,
    today: amsterdamDate(delivery.received_at),
  });
  if (failures.length > 0) throw failures[0];
  const checkedAt = deps.now();
  const storedOf = (name: string) =>
    files.find((f) => f.name === name) ?? files.find((f) => name.startsWith(`${f.name}/`));
  return deps.db.transaction().execute(async (trx) => {
    const row = await lockDelivery(trx, deliveryId);
    if (!row || row.state !== 'checking') return 'skipped';
    const report = await refuseAreaOverlap(trx, {
      delivery,
      report: await refuseEntriesAlreadyDelivered(trx, {
        delivery,
        report: engineReport,
        isEntry: (name) => {
          const stored = storedOf(name);
          return stored !== undefined && stored.name !== name;
        },
      }),
    });
    // Per-file verdicts: the delivery counts (is 'approved') when any of its files is approved; its
    // outcome says whether all were. Approved files are in force whatever befell the others.
    const outcome = uploadOutcome(report);
    const state = outcome === 'rejected' ? 'rejected' : 'approved';
    await storeCheckResult(trx, deliveryId, {
      state,
      outcome,
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
        status: fileOutcome(f),
        delivery_file_id: storedOf(f.name)?.id ?? null,
        sha256: f.sha256,
        bytes: f.bytes,
        gemeentecode: f.gemeentecode,
      })),
    );
    // A stored file none of whose data files was approved may be delivered again.
    const refused = files.filter((stored) => {
      const judged = report.files.filter((f) => storedOf(f.name)?.id === stored.id);
      return judged.every((f) => fileOutcome(f) === 'rejected');
    });
    await releaseFileClaims(
      trx,
      [deliveryId],
      refused.map((f) => f.sha256),
    );
    if (state === 'approved') await deps.enqueueContentReport?.(trx, deliveryId);
    for (const recipient of await listReportRecipients(trx, delivery.organisation_id, delivery.uploaded_by)) {
      await enqueueMail(trx, {
        recipient: recipient.email,
        kind: 'report_ready',
        dedupeKey: `report_ready:${deliveryId}:${recipient.user_id}`,
        at: checkedAt,
        ...bilingualMail('mail.reportReady.subject', 'mail.reportReady.body', (locale) => ({
          name: recipient.name,
          receipt: delivery.receipt_number,
          state: translator(locale)(`mail.state.${outcome}`),
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
        outcome,
        files_approved: report.files.filter((f) => fileOutcome(f) === 'approved').length,
        files_rejected: report.files.filter((f) => fileOutcome(f) === 'rejected').length,
      },
      at: checkedAt,
    });
    return state;
  });
}

/**
 * Records a download of a technical or op-orde report (or a failed attempt) and its audit entry,
 * together. The entry names the delivery's organisation, so its gebruikersbeheerder also sees staff
 * downloads. One statement (the download's insert as a WITH of the audit append), so one round trip
 * and no transaction around it: every view of a delivery page records one (issue 21).
 */
export async function recordReportDownload(
  db: Db,
  input: {
    delivery: { id: string; organisation_id: string; receipt_number: string };
    kind: DownloadKind;
    userId: string | null;
    apiTokenId: string | null;
    actingOrganisationId: string | null;
    error: string | null;
    now: Date;
  },
): Promise<void> {
  const { delivery } = input;
  await recordAudit(
    db,
    {
      actor: input.userId
        ? { kind: 'user', userId: input.userId }
        : input.apiTokenId
          ? { kind: 'api_token', tokenId: input.apiTokenId }
          : SYSTEM_ACTOR,
      organisationId: delivery.organisation_id,
      action: input.kind.startsWith('content_report')
        ? 'content_report.downloaded'
        : 'technical_report.downloaded',
      subjectIds: [delivery.id],
      details: {
        kind: input.kind,
        outcome: input.error ? 'error' : 'success',
        receipt_number: delivery.receipt_number,
      },
      at: input.now,
    },
    {
      alongside: downloadInsert(db, {
        downloaded_at: input.now,
        delivery_id: delivery.id,
        kind: input.kind,
        user_id: input.userId,
        api_token_id: input.apiTokenId,
        organisation_id: input.actingOrganisationId,
        outcome: input.error ? 'error' : 'success',
        error: input.error,
      }),
    },
  );
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

/** CBS's verdict on a data file (handover) is final: what counts ("in force") follows it. */
export async function applyCbsVerdict(
  db: Db,
  deliveryId: string,
  name: string,
  verdict: 'approved' | 'rejected',
): Promise<void> {
  await setReportFileStatus(db, deliveryId, name, verdict);
}

/** Delivered files' data keys for `ggk keys rotate` (main/key-rotation.ts): the wraps of delivery_files, which this module owns. */
export const deliveryFileKeyWraps = {
  table: 'delivery_files',
  listStale: listStaleFileKeyWraps,
  replace: replaceFileKeyWrap,
  countStale: countStaleFileKeyWraps,
};

// Reads (and a few writes) other modules, http/ and main/ use as they are: the module's surface is
// its services, so what the repository returns may change without them noticing.

export function listDeliveriesForGemeenteByOthers(
  ...args: Parameters<typeof deliveryRepository.listDeliveriesForGemeenteByOthers>
): ReturnType<typeof deliveryRepository.listDeliveriesForGemeenteByOthers> {
  return deliveryRepository.listDeliveriesForGemeenteByOthers(...args);
}

export function listDeliveriesOfOrganisation(
  ...args: Parameters<typeof deliveryRepository.listDeliveriesOfOrganisation>
): ReturnType<typeof deliveryRepository.listDeliveriesOfOrganisation> {
  return deliveryRepository.listDeliveriesOfOrganisation(...args);
}

export function listFilesInForce(
  ...args: Parameters<typeof deliveryRepository.listFilesInForce>
): ReturnType<typeof deliveryRepository.listFilesInForce> {
  return deliveryRepository.listFilesInForce(...args);
}

export function searchDeliveries(
  ...args: Parameters<typeof deliveryRepository.searchDeliveries>
): ReturnType<typeof deliveryRepository.searchDeliveries> {
  return deliveryRepository.searchDeliveries(...args);
}

export function shownDeliveryState(
  ...args: Parameters<typeof deliveryRepository.shownDeliveryState>
): ReturnType<typeof deliveryRepository.shownDeliveryState> {
  return deliveryRepository.shownDeliveryState(...args);
}

export function findErasure(
  ...args: Parameters<typeof deliveryRepository.findErasure>
): ReturnType<typeof deliveryRepository.findErasure> {
  return deliveryRepository.findErasure(...args);
}

export function findFilesErasureAndContentReport(
  ...args: Parameters<typeof deliveryRepository.findFilesErasureAndContentReport>
): ReturnType<typeof deliveryRepository.findFilesErasureAndContentReport> {
  return deliveryRepository.findFilesErasureAndContentReport(...args);
}

export function listDownloadsOfDelivery(
  ...args: Parameters<typeof deliveryRepository.listDownloadsOfDelivery>
): ReturnType<typeof deliveryRepository.listDownloadsOfDelivery> {
  return deliveryRepository.listDownloadsOfDelivery(...args);
}

export function deletePendingUploads(
  ...args: Parameters<typeof deliveryRepository.deletePendingUploads>
): ReturnType<typeof deliveryRepository.deletePendingUploads> {
  return deliveryRepository.deletePendingUploads(...args);
}

export function insertPendingUpload(
  ...args: Parameters<typeof deliveryRepository.insertPendingUpload>
): ReturnType<typeof deliveryRepository.insertPendingUpload> {
  return deliveryRepository.insertPendingUpload(...args);
}

export function listReportRecipients(
  ...args: Parameters<typeof deliveryRepository.listReportRecipients>
): ReturnType<typeof deliveryRepository.listReportRecipients> {
  return deliveryRepository.listReportRecipients(...args);
}

export function listDeliveriesOfGemeenteInRound(
  ...args: Parameters<typeof deliveryRepository.listDeliveriesOfGemeenteInRound>
): ReturnType<typeof deliveryRepository.listDeliveriesOfGemeenteInRound> {
  return deliveryRepository.listDeliveriesOfGemeenteInRound(...args);
}

export function listFilesOfDeliveries(
  ...args: Parameters<typeof deliveryRepository.listFilesOfDeliveries>
): ReturnType<typeof deliveryRepository.listFilesOfDeliveries> {
  return deliveryRepository.listFilesOfDeliveries(...args);
}

export function listStoredFileTypes(
  ...args: Parameters<typeof deliveryRepository.listStoredFileTypes>
): ReturnType<typeof deliveryRepository.listStoredFileTypes> {
  return deliveryRepository.listStoredFileTypes(...args);
}
