// Seeds an empty database with the demo world of demo-data.ts, in one transaction: either all of it
// is there afterwards or none. A database that already has organisations is left alone.
import type { MunicipalClassification } from '../modules/classification/index.ts';
import type { Db } from '../modules/database-schema.ts';
import {
  addCollaborationMember,
  countOrganisations,
  createCollaboration,
  createGemeenten,
  findCollaborationByName,
  findGemeenteByCode,
  setLegalSubject,
} from '../modules/organisations/index.ts';
import { upsertStaffLegalSubject } from '../modules/auth/index.ts';
import { addParticipant, createRound, setRoundContacts, type Round } from '../modules/periods/index.ts';
import { recordDeliveryWithoutFiles } from '../modules/deliveries/index.ts';
import { DEFAULT_CHANGE_THRESHOLD_PERCENT, seedContentReport } from '../modules/reports/index.ts';
import { createBytesSource, validateUpload, type ByteSource } from '../modules/validation/index.ts';
import { planDelivery } from '../modules/validation/generate/index.ts';
import { findSpec, specIdForHalfYear } from './spec-catalogue.ts';
import {
  bindSubject,
  confirmEmailOf,
  createUser,
  findUserByEmail,
  grantRole,
} from '../modules/users/index.ts';
import { lockTransaction } from '../platform/db/database.ts';
import { amsterdamInstant } from '../platform/time/amsterdam-time.ts';
import type { Kysely } from 'kysely';
import type { Schema } from '../modules/database-schema.ts';
import {
  DEMO_CLASSIFICATION_DATE,
  DEMO_COLLABORATIONS,
  DEMO_DELIVERIES,
  DEMO_PILOT_GEMEENTEN,
  DEMO_ROUND,
  DEMO_STAFF_LEGAL_SUBJECTS,
  DEMO_USERS,
  demoLegalSubjectOf,
  DEMO_CONTACTS,
  demoOpenRound,
  type DemoDelivery,
  demoSubjectOf,
} from './demo-data.ts';

export type SeedOutcome = 'seeded' | 'already-seeded';

export async function seedDemo(
  db: Kysely<Schema>,
  classification: MunicipalClassification,
  options: {
    deliveries?: boolean;
    /** The approved demo deliveries get their op-orde report (default true; tests ask for them). */
    reports?: boolean;
    /** Also a round open on `today` (default true; tests leave it out unless they ask). */
    openRound?: boolean;
    today?: Date;
  } = {},
): Promise<SeedOutcome> {
  return db.transaction().execute(async (trx) => {
    // Two processes starting at once on an empty database must not both seed it.
    await lockTransaction(trx, 0x67676b01);
    if ((await countOrganisations(trx)) > 0) return 'already-seeded';
    const today = options.today ?? new Date();
    const deliveries = (options.deliveries ?? true) && { reports: options.reports ?? true, today };
    await seedInto(trx, classification, deliveries);
    if (options.openRound ?? true) await seedOpenRound(trx, classification, deliveries, today);
    return 'seeded';
  });
}

/** Whether the demo deliveries are made, and then whether they get op-orde reports (up to today). */
type DeliveryOptions = false | { reports: boolean; today: Date };

async function seedInto(
  trx: Db,
  classification: MunicipalClassification,
  withDeliveries: DeliveryOptions,
): Promise<void> {
  const codes = classification.gemeentenOn(DEMO_CLASSIFICATION_DATE).map((g) => g.gemeentecode);
  const gemeenten = await createGemeenten(trx, classification, codes, DEMO_CLASSIFICATION_DATE);
  const idByCode = new Map(gemeenten.map((g) => [g.gemeentecode!, g.id]));
  for (const g of gemeenten) await setLegalSubject(trx, g.id, demoLegalSubjectOf(g.gemeentecode!));
  await upsertStaffLegalSubject(trx, 'operator', DEMO_STAFF_LEGAL_SUBJECTS.operator);
  await upsertStaffLegalSubject(trx, 'cbs', DEMO_STAFF_LEGAL_SUBJECTS.cbs);
  const gemeenteId = (code: string) => {
    const id = idByCode.get(code);
    if (!id) throw new Error(`demo data names gemeente ${code}, which is not in the classification`);
    return id;
  };

  const r = DEMO_ROUND;
  const round = await createRound(trx, {
    name: r.name,
    halfYear: r.halfYear,
    previousHalfYear: r.previousHalfYear,
    deliveryOpensAt: amsterdamInstant(...r.deliveryOpens),
    deliveryClosesAt: amsterdamInstant(...r.deliveryCloses),
    pilotTargetAt: amsterdamInstant(...r.pilotTarget),
    withdrawalOpensAt: amsterdamInstant(...r.withdrawalOpens),
    withdrawalClosesAt: amsterdamInstant(...r.withdrawalCloses),
    specVersion: r.specVersion,
    cbsForm: r.cbsForm,
  });
  await setRoundContacts(trx, { ...DEMO_CONTACTS, roundId: round.id, userId: null, now: new Date() });

  const pilots = new Set(DEMO_PILOT_GEMEENTEN);
  for (const g of gemeenten) {
    await addParticipant(trx, classification, {
      roundId: round.id,
      organisationId: g.id,
      isPilot: pilots.has(g.gemeentecode!),
    });
  }

  for (const c of DEMO_COLLABORATIONS) {
    const collaboration = await createCollaboration(trx, {
      name: c.name,
      leadGemeenteId: gemeenteId(c.lead),
    });
    for (const m of c.members) {
      await addCollaborationMember(trx, {
        collaborationId: collaboration.id,
        gemeenteId: gemeenteId(m.gemeentecode),
        domain: c.domain,
        validFrom: m.validFrom,
        validTo: m.validTo ?? null,
      });
    }
    await addParticipant(trx, classification, {
      roundId: round.id,
      organisationId: collaboration.id,
      isPilot: c.isPilot,
    });
  }

  const userIds = new Map<string, string>();
  for (const u of DEMO_USERS) {
    const user = await createUser(trx, { name: u.name, email: u.email });
    userIds.set(u.email, user.id);
    await bindSubject(trx, user.id, demoSubjectOf(u.email));
    await confirmEmailOf(trx, user.id, new Date());
    for (const grant of u.roles) {
      let organisationId: string | null = null;
      if (grant.organisation && 'gemeentecode' in grant.organisation) {
        organisationId = (await findGemeenteByCode(trx, grant.organisation.gemeentecode))?.id ?? null;
      } else if (grant.organisation) {
        organisationId = (await findCollaborationByName(trx, grant.organisation.collaboration))?.id ?? null;
      }
      await grantRole(trx, { userId: user.id, role: grant.role, organisationId });
    }
  }
  if (withDeliveries) await seedDeliveries(trx, classification, round, userIds, withDeliveries);
}

/**
 * The round open today (demoOpenRound): every gemeente of its opening day takes part (those formed
 * after 2018 are added as organisations), the collaborations too, and the demo deliveries are made
 * again in it, on the same days counted from its opening.
 */
async function seedOpenRound(
  trx: Db,
  classification: MunicipalClassification,
  withDeliveries: DeliveryOptions,
  today: Date,
): Promise<void> {
  const r = demoOpenRound(today, Math.max(...classification.years()));
  const codes = classification.gemeentenOn(r.classificationDay).map((g) => g.gemeentecode);
  const missing: string[] = [];
  for (const code of codes) if (!(await findGemeenteByCode(trx, code))) missing.push(code);
  for (const g of await createGemeenten(trx, classification, missing, r.classificationDay))
    await setLegalSubject(trx, g.id, demoLegalSubjectOf(g.gemeentecode!));
  const round = await createRound(trx, {
    name: r.name,
    halfYear: r.halfYear,
    previousHalfYear: r.previousHalfYear,
    deliveryOpensAt: amsterdamInstant(...r.deliveryOpens),
    deliveryClosesAt: amsterdamInstant(...r.deliveryCloses),
    pilotTargetAt: amsterdamInstant(...r.pilotTarget),
    withdrawalOpensAt: amsterdamInstant(...r.withdrawalOpens),
    withdrawalClosesAt: amsterdamInstant(...r.withdrawalCloses),
    // The spec `ggk validate --period <its half year>` would choose, so both judge alike.
    specVersion: specIdForHalfYear(r.halfYear),
    cbsForm: r.cbsForm,
  });
  await setRoundContacts(trx, { ...DEMO_CONTACTS, roundId: round.id, userId: null, now: new Date() });
  // Taking part follows the indeling of the half year asked for (by default addParticipant checks the
  // opening day's, which ggk may not hold yet for a round opened today).
  const pilots = new Set(DEMO_PILOT_GEMEENTEN);
  const enrol = (organisationId: string, isPilot: boolean) =>
    addParticipant(trx, classification, {
      roundId: round.id,
      organisationId,
      isPilot,
      classificationDay: r.classificationDay,
    });
  for (const code of codes) {
    const g = await findGemeenteByCode(trx, code);
    if (g) await enrol(g.id, pilots.has(code));
  }
  for (const c of DEMO_COLLABORATIONS) {
    const collaboration = await findCollaborationByName(trx, c.name);
    if (collaboration) await enrol(collaboration.id, c.isPilot);
  }
  if (!withDeliveries) return;
  const userIds = new Map<string, string>();
  for (const u of DEMO_USERS) {
    const user = await findUserByEmail(trx, u.email);
    if (user) userIds.set(u.email, user.id);
  }
  const halfYears: Record<string, string> = {
    [DEMO_ROUND.halfYear]: r.halfYear,
    [DEMO_ROUND.previousHalfYear]: r.previousHalfYear,
  };
  const now = today.getTime();
  const deliveries = DEMO_DELIVERIES.map((d) => ({
    ...d,
    halfYear: halfYears[d.halfYear] ?? r.halfYear,
    received: [r.shift(d.received[0]), d.received[1]] as const,
  })).filter((d) => amsterdamInstant(...d.received).getTime() <= now);
  await seedDeliveries(trx, classification, round, userIds, withDeliveries, deliveries);
}

/**
 * The demo deliveries: each file generated and judged by the real validator, none of them stored. An
 * approved one gets its op-orde report from those files, placed an hour after its check (if that is
 * not after today), so the report pages, the monitor's report states and service levels show.
 */
async function seedDeliveries(
  trx: Db,
  classification: MunicipalClassification,
  round: Round,
  userIds: Map<string, string>,
  options: { reports: boolean; today: Date },
  deliveries: readonly DemoDelivery[] = DEMO_DELIVERIES,
): Promise<void> {
  const spec = findSpec(round.specVersion);
  if (!spec) throw new Error(`the spec ${round.specVersion} of the demo round is not available`);
  for (const [i, d] of deliveries.entries()) {
    const gemeente = await findGemeenteByCode(trx, d.gemeentecode);
    const organisation =
      'gemeentecode' in d.by ? gemeente : await findCollaborationByName(trx, d.by.collaboration);
    const uploadedBy = userIds.get(d.uploader);
    if (!gemeente || !organisation || !uploadedBy)
      throw new Error(`demo delivery ${i} names an unknown party`);
    const receivedAt = amsterdamInstant(...d.received);
    let check;
    let sources: ByteSource[] = [];
    if (d.files.length > 0) {
      sources = d.files.map((f) => {
        const plan = planDelivery({
          spec,
          type: f.type,
          gemeente: d.gemeentecode,
          period: d.halfYear,
          rows: 120,
          seed: `demo-${i}-${f.type}`,
          ...(f.defect ? { defects: [{ code: f.defect, amount: 3 }] } : {}),
        });
        return createBytesSource(plan.fileName, Buffer.concat([...plan.chunks()]));
      });
      const report = await validateUpload(sources, {
        spec,
        classification,
        gemeente: d.gemeentecode,
        period: d.halfYear,
        today: d.received[0],
      });
      check = { report, checkedAt: new Date(receivedAt.getTime() + 40_000) };
    }
    const { id } = await recordDeliveryWithoutFiles(trx, {
      roundId: round.id,
      organisationId: organisation.id,
      gemeenteId: gemeente.id,
      halfYear: d.halfYear,
      receiptNumber: `DEMO-${d.received[0].slice(0, 4)}-${String(i + 1).padStart(6, '0')}`,
      uploadedBy,
      receivedAt,
      ...(check ? { check } : {}),
      contentReport: options.reports,
    });
    const placedAt = check && new Date(check.checkedAt.getTime() + 60 * 60_000);
    if (options.reports && placedAt && placedAt <= options.today)
      await seedContentReport(trx, {
        deliveryId: id,
        spec,
        files: new Map(sources.map((source) => [source.name, source])),
        placedAt,
        thresholdPercent: DEFAULT_CHANGE_THRESHOLD_PERCENT,
      });
  }
}
