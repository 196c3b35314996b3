// Withdrawal: a gemeente withdraws its consent for a round, and its delivered data are deleted for
// good. In the portal by the gemeente's intrekker, inside the round's withdrawal window, after typing
// the gemeente's name; a delegerende gemeente (files delivered by a samenwerkingsverband) uses the CBS
// form instead, which a cbs user registers here with the same effect. Idempotent: a second request
// for the same gemeente and round finds the first and changes nothing.
import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors/app-error.ts';
import { Problems } from '../../platform/errors/problems.ts';
import { isUuid } from '../../platform/errors/ids.ts';
import { amsterdamDate, formatDutchDate } from '../../platform/time/amsterdam-time.ts';
import { recordAudit } from '../audit/index.ts';
import type { Db, Schema } from '../database-schema.ts';
import {
  destroyStoredFiles,
  eraseDeliveries,
  listDeliveriesOfGemeenteInRound,
  listFilesOfDeliveries,
  type ErasedDelivery,
  type FileDestroyer,
  type GemeenteDeliveryRow,
  type ReportContentEraser,
} from '../deliveries/index.ts';
import { enqueueMail } from '../notifications/index.ts';
import { bilingualMail, formatDateTime, translator } from '../i18n/index.ts';
import { deleteReportContents } from '../reports/index.ts';
import {
  findGemeenteByCode,
  findOrganisationById,
  listCollaborationsOfGemeente,
  type OrganisationRow,
} from '../organisations/index.ts';
import {
  findCurrentRound,
  findParticipatingOrganisations,
  findRoundById,
  isWithdrawalOpen,
  type Round,
} from '../periods/index.ts';
import {
  findWithdrawal,
  insertWithdrawal,
  listWithdrawalRecipients,
  lockGemeente,
  type WithdrawalRow,
} from './withdrawal-repository.ts';

export interface WithdrawalFile {
  name: string;
  bytes: number;
  sha256: string;
}

export interface WithdrawalOverview {
  round: Round | undefined;
  gemeente: OrganisationRow;
  windowText: string;
  windowOpen: boolean;
  /** Names of the samenwerkingsverbanden that deliver (or delivered) for this gemeente in the round. */
  delegatedTo: string[];
  deliveries: Array<GemeenteDeliveryRow & { files: WithdrawalFile[] }>;
  withdrawal: WithdrawalRow | undefined;
  /**
   * Why the portal refuses a withdrawal now, or undefined when it may go ahead: an AppError
   * `withdrawal.refused` with a Dutch message and details.reason for the other languages.
   */
  refusal: AppError | undefined;
}

function withdrawalWindowText(round: Round): string {
  return `${formatDutchDate(round.withdrawalOpensAt)} tot en met ${formatDutchDate(round.withdrawalClosesAt)}`;
}

function delegatedRefusal(gemeente: OrganisationRow, delegatedTo: string[], round: Round): string {
  return (
    `${gemeente.name} levert (deels) aan via ${delegatedTo.join(' en ')}. Een delegerende gemeente kan niet in het portaal intrekken: ` +
    `gebruik het intrekkingsformulier van CBS, in dezelfde intrekkingsperiode (${withdrawalWindowText(round)}). CBS verwerkt het formulier in ggk, met hetzelfde gevolg.`
  );
}

async function overviewOf(db: Db, gemeente: OrganisationRow, round: Round | undefined, now: Date) {
  if (!round) {
    return {
      round,
      gemeente,
      windowText: '',
      windowOpen: false,
      delegatedTo: [] as string[],
      deliveries: [] as WithdrawalOverview['deliveries'],
      withdrawal: undefined,
    };
  }
  const deliveries = await listDeliveriesOfGemeenteInRound(db, gemeente.id, round.id);
  const files = await listFilesOfDeliveries(
    db,
    deliveries.map((d) => d.id),
  );
  const delivering = new Map(
    deliveries
      .filter((d) => d.organisation_kind === 'samenwerkingsverband')
      .map((d) => [d.organisation_id, d.organisation_name]),
  );
  const members = await listCollaborationsOfGemeente(db, gemeente.id, amsterdamDate(now));
  const participating = new Set(
    await findParticipatingOrganisations(
      db,
      round.id,
      members.map((m) => m.id),
    ),
  );
  for (const m of members) if (participating.has(m.id)) delivering.set(m.id, m.name);
  return {
    round,
    gemeente,
    windowText: withdrawalWindowText(round),
    windowOpen: isWithdrawalOpen(round, now),
    delegatedTo: [...new Set(delivering.values())].sort(),
    deliveries: deliveries.map((d) => ({
      ...d,
      files: files
        .filter((f) => f.delivery_id === d.id)
        .map((f) => ({ name: f.name, bytes: f.bytes, sha256: f.sha256 })),
    })),
    withdrawal: await findWithdrawal(db, round.id, gemeente.id),
  };
}

/** What the intrekker sees before confirming: the round, the window, and exactly what would be deleted. */
export async function describeWithdrawal(
  db: Db,
  input: { organisationId: string; now: Date },
): Promise<WithdrawalOverview> {
  const organisation = await findOrganisationById(db, input.organisationId);
  if (!organisation)
    throw new AppError('withdrawal.organisation_unknown', 'Uw organisatie is niet bekend in ggk.');
  const round = await findCurrentRound(db, input.now);
  const overview = await overviewOf(db, organisation, round, input.now);
  return { ...overview, refusal: portalRefusal(overview) };
}

function portalRefusal(o: Omit<WithdrawalOverview, 'refusal'>): AppError | undefined {
  const refused = (message: string, details: Record<string, unknown>) =>
    new AppError('withdrawal.refused', message, details);
  if (o.gemeente.kind !== 'gemeente') {
    return refused(
      `Een samenwerkingsverband trekt geen aanleveringen in. Intrekken doet de gemeente zelf: een delegerende gemeente via het intrekkingsformulier van CBS.`,
      { reason: 'collaboration' },
    );
  }
  if (!o.round)
    return refused('Er is geen aanleverronde ingesteld; er is niets om in te trekken.', {
      reason: 'no_round',
    });
  if (o.withdrawal) return undefined;
  const window = {
    round: o.round.name,
    opens: o.round.withdrawalOpensAt,
    closes: o.round.withdrawalClosesAt,
  };
  if (o.delegatedTo.length > 0) {
    return refused(delegatedRefusal(o.gemeente, o.delegatedTo, o.round), {
      reason: 'delegated',
      gemeente: o.gemeente.name,
      collaborations: o.delegatedTo.join(', '),
      ...window,
    });
  }
  if (!o.windowOpen) {
    return refused(
      `Intrekken kan alleen in de intrekkingsperiode van ${o.round.name}: ${o.windowText}. Er is niets gewijzigd.`,
      { reason: 'window_closed', ...window },
    );
  }
  if (o.deliveries.length === 0)
    return refused(
      `${o.gemeente.name} heeft in ${o.round.name} niets aangeleverd; er is niets om in te trekken.`,
      { reason: 'nothing_delivered', gemeente: o.gemeente.name, round: o.round.name },
    );
  return undefined;
}

export interface WithdrawalOutcome {
  withdrawalId: string;
  /** False when the gemeente's delivery was already withdrawn: nothing was changed. */
  performed: boolean;
  erased: ErasedDelivery[];
  filesDestroyed: number;
}

interface PerformInput {
  round: Round;
  gemeente: OrganisationRow;
  channel: 'portal' | 'cbs_form';
  requestedBy: string;
  reason: string | null;
  formReceivedOn: string | null;
  formReference: string | null;
  now: Date;
  baseUrl: string;
  eraseReportContents?: ReportContentEraser | undefined;
}

async function perform(trx: Db, deliveries: GemeenteDeliveryRow[], input: PerformInput) {
  const toErase = deliveries.filter((d) => d.state !== 'withdrawn');
  const files = await listFilesOfDeliveries(
    trx,
    toErase.map((d) => d.id),
  );
  const { id: withdrawalId } = await insertWithdrawal(trx, {
    round_id: input.round.id,
    gemeente_id: input.gemeente.id,
    channel: input.channel,
    requested_by: input.requestedBy,
    reason: input.reason,
    form_received_on: input.formReceivedOn,
    form_reference: input.formReference,
    withdrawn_at: input.now,
    deleted: toErase.map((d) => ({
      delivery_id: d.id,
      receipt_number: d.receipt_number,
      delivered_by: d.organisation_id,
      files: files
        .filter((f) => f.delivery_id === d.id)
        .map((f) => ({ id: f.id, name: f.name, bytes: f.bytes, sha256: f.sha256 })),
    })),
  });
  const erased = await eraseDeliveries(
    trx,
    toErase,
    { kind: 'withdrawn', withdrawalId },
    input.now,
    input.eraseReportContents ?? ((db, ids) => deleteReportContents(db, ids, input.now)),
  );
  const organisations = [...new Set([input.gemeente.id, ...toErase.map((d) => d.organisation_id)])];
  for (const recipient of await listWithdrawalRecipients(trx, organisations, input.requestedBy)) {
    await enqueueMail(trx, {
      recipient: recipient.email,
      kind: 'withdrawal_confirmed',
      dedupeKey: `withdrawal:${withdrawalId}:${recipient.user_id}`,
      ...bilingualMail('mail.withdrawal.subject', 'mail.withdrawal.body', (locale) => {
        const t = translator(locale);
        return {
          name: recipient.name,
          gemeente: input.gemeente.name,
          round: input.round.name,
          channel: t(`mail.withdrawal.channel.${input.channel}`),
          when: formatDateTime(locale, input.now),
          count: erased.length,
          deliveries: t(erased.length === 1 ? 'mail.withdrawal.delivery' : 'mail.withdrawal.deliveries'),
          link: `${input.baseUrl}/intrekken`,
        };
      }),
    });
  }
  for (const d of erased) {
    await recordAudit(trx, {
      actor: { kind: 'user', userId: input.requestedBy },
      organisationId: d.organisationId,
      action: 'delivery.withdrawn',
      subjectIds: [d.id, withdrawalId, input.gemeente.id, input.round.id],
      details: {
        receipt_number: d.receiptNumber,
        file_ids: d.files.map((f) => f.id),
        sha256: d.files.map((f) => f.sha256),
        bytes: d.files.map((f) => f.bytes),
      },
      at: input.now,
    });
  }
  await recordAudit(trx, {
    actor: { kind: 'user', userId: input.requestedBy },
    organisationId: input.gemeente.id,
    action: 'withdrawal.registered',
    subjectIds: [withdrawalId, input.gemeente.id, input.round.id, ...erased.map((d) => d.id)],
    details: {
      channel: input.channel,
      gemeentecode: input.gemeente.gemeentecode,
      deliveries: erased.length,
      files: erased.reduce((n, d) => n + d.files.length, 0),
      reason_given: input.reason !== null,
      form_received_on: input.formReceivedOn,
      form_reference: input.formReference,
    },
    at: input.now,
  });
  return { withdrawalId, erased };
}

async function finish(
  store: FileDestroyer,
  result: { withdrawalId: string; erased: ErasedDelivery[]; performed: boolean },
): Promise<WithdrawalOutcome> {
  if (!result.performed) return { ...result, filesDestroyed: 0 };
  const { destroyed } = await destroyStoredFiles(store, result.erased);
  return { ...result, filesDestroyed: destroyed };
}

function cleanReason(reason: string | undefined): string | null {
  const text = (reason ?? '').trim();
  if (text.length > 1000)
    throw new AppError('withdrawal.reason_too_long', 'De reden is te lang: gebruik ten hoogste 1000 tekens.');
  return text === '' ? null : text;
}

/** The intrekker's withdrawal in the portal. */
export async function withdrawInPortal(
  db: Kysely<Schema>,
  store: FileDestroyer,
  input: {
    userId: string;
    organisationId: string;
    confirmName: string;
    reason?: string | undefined;
    now: Date;
    baseUrl: string;
    eraseReportContents?: ReportContentEraser | undefined;
  },
): Promise<WithdrawalOutcome> {
  const reason = cleanReason(input.reason);
  const result = await db.transaction().execute(async (trx) => {
    const organisation = await findOrganisationById(trx, input.organisationId);
    if (!organisation)
      throw new AppError('withdrawal.organisation_unknown', 'Uw organisatie is niet bekend in ggk.');
    await lockGemeente(trx, organisation.id);
    const round = await findCurrentRound(trx, input.now);
    const overview = await overviewOf(trx, organisation, round, input.now);
    if (overview.withdrawal) return { withdrawalId: overview.withdrawal.id, erased: [], performed: false };
    const refusal = portalRefusal(overview);
    if (refusal) throw refusal;
    if (input.confirmName.trim().toLocaleLowerCase('nl') !== organisation.name.toLocaleLowerCase('nl')) {
      throw new AppError(
        'withdrawal.confirmation_mismatch',
        `Typ ter bevestiging de naam van uw gemeente precies zoals hierboven: ${organisation.name}. Er is niets ingetrokken.`,
        { field: 'bevestiging', name: organisation.name },
      );
    }
    const deliveries = await listDeliveriesOfGemeenteInRound(trx, organisation.id, round!.id, { lock: true });
    const done = await perform(trx, deliveries, {
      round: round!,
      gemeente: organisation,
      channel: 'portal',
      requestedBy: input.userId,
      reason,
      formReceivedOn: null,
      formReference: null,
      now: input.now,
      baseUrl: input.baseUrl,
      eraseReportContents: input.eraseReportContents,
    });
    return { ...done, performed: true };
  });
  return finish(store, result);
}

/** A cbs user registers a withdrawal that came in on the CBS form: same effect as in the portal. */
export async function registerFormWithdrawal(
  db: Kysely<Schema>,
  store: FileDestroyer,
  input: {
    cbsUserId: string;
    gemeentecode: string;
    roundId: string;
    receivedOn: string;
    reference: string;
    reason?: string | undefined;
    now: Date;
    baseUrl: string;
    eraseReportContents?: ReportContentEraser | undefined;
  },
): Promise<WithdrawalOutcome & { gemeenteName: string }> {
  // Every field is checked before the form is refused (in the order of the form), so CBS sees all
  // that is wrong at once. Looking the gemeente and the round up changes nothing.
  const problems = new Problems();
  const code = input.gemeentecode.trim();
  const gemeente = /^\d{4}$/.test(code) ? await findGemeenteByCode(db, code) : undefined;
  if (!gemeente)
    problems.add(
      new AppError(
        'withdrawal.gemeente_unknown',
        `Gemeentecode "${code}" is geen gemeente in ggk. Gebruik de viercijferige CBS-code, bijvoorbeeld 0363.`,
        { field: 'gemeentecode', gemeentecode: code },
      ),
    );
  const round = isUuid(input.roundId) ? await findRoundById(db, input.roundId) : undefined;
  if (!round)
    problems.add(
      new AppError('withdrawal.round_unknown', 'Kies de ronde waarvoor het formulier geldt.', {
        field: 'ronde',
      }),
    );
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(input.receivedOn) ||
    Number.isNaN(Date.parse(`${input.receivedOn}T12:00:00Z`))
  ) {
    problems.add(
      new AppError('withdrawal.date_invalid', 'Vul de datum in waarop CBS het formulier heeft ontvangen.', {
        field: 'ontvangen',
      }),
    );
  } else if (input.receivedOn > amsterdamDate(input.now)) {
    problems.add(
      new AppError('withdrawal.date_future', 'De datum van ontvangst ligt in de toekomst.', {
        field: 'ontvangen',
      }),
    );
  } else if (
    round &&
    (input.receivedOn < amsterdamDate(round.withdrawalOpensAt) ||
      input.receivedOn > amsterdamDate(round.withdrawalClosesAt))
  ) {
    problems.add(
      new AppError(
        'withdrawal.form_outside_window',
        `Het formulier is ontvangen buiten de intrekkingsperiode van ${round.name} (${withdrawalWindowText(round)}). Een intrekking kan dan niet meer worden verwerkt; er is niets gewijzigd.`,
        {
          field: 'ontvangen',
          round: round.name,
          opens: round.withdrawalOpensAt,
          closes: round.withdrawalClosesAt,
        },
      ),
    );
  }
  const reference = input.reference.trim();
  if (reference === '')
    problems.add(
      new AppError('withdrawal.reference_required', 'Vul het kenmerk van het formulier in.', {
        field: 'kenmerk',
      }),
    );
  if (reference.length > 100)
    problems.add(
      new AppError('withdrawal.reference_too_long', 'Het kenmerk is te lang: ten hoogste 100 tekens.', {
        field: 'kenmerk',
      }),
    );
  const reason = problems.check(() => cleanReason(input.reason));
  if (problems.found || !gemeente || !round || reason === undefined) throw problems.error();
  const result = await db.transaction().execute(async (trx) => {
    await lockGemeente(trx, gemeente.id);
    const existing = await findWithdrawal(trx, round.id, gemeente.id);
    if (existing) return { withdrawalId: existing.id, erased: [], performed: false };
    const deliveries = await listDeliveriesOfGemeenteInRound(trx, gemeente.id, round.id, { lock: true });
    if (deliveries.length === 0)
      throw new AppError(
        'withdrawal.nothing_delivered',
        `Er is voor ${gemeente.name} in ${round.name} niets aangeleverd; er is niets om in te trekken.`,
        { gemeente: gemeente.name, round: round.name },
      );
    const done = await perform(trx, deliveries, {
      round,
      gemeente,
      channel: 'cbs_form',
      requestedBy: input.cbsUserId,
      reason,
      formReceivedOn: input.receivedOn,
      formReference: reference,
      now: input.now,
      baseUrl: input.baseUrl,
      eraseReportContents: input.eraseReportContents,
    });
    return { ...done, performed: true };
  });
  return { ...(await finish(store, result)), gemeenteName: gemeente.name };
}

export { listWithdrawals, type WithdrawalRow } from './withdrawal-repository.ts';
