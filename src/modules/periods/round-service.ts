// Rounds: create one under the rules of round-rules.ts, enrol participants, find the current one.
import { AppError } from '../../platform/errors/app-error.ts';
import { amsterdamDate } from '../../platform/time/amsterdam-time.ts';
import type { MunicipalClassification } from '../classification/index.ts';
import type { Db } from '../database-schema.ts';
import { findOrganisationById } from '../organisations/index.ts';
import {
  countParticipants,
  findRoundByHalfYear,
  findRoundById,
  insertRound,
  listParticipants,
  listRounds,
  updateCbsReportOnly,
  upsertParticipant,
} from './round-repository.ts';
import { checkRound, pickCurrentRound, type CbsWithdrawalForm, type Round } from './round-rules.ts';
import * as roundRepository from './round-repository.ts';

/** A new round; without `cbsForm` days, CBS accepts its withdrawal form in the intrekkingsperiode. */
export type NewRound = Omit<Round, 'id' | 'cbsForm'> & { cbsForm?: Partial<CbsWithdrawalForm> | undefined };

export async function createRound(db: Db, input: NewRound): Promise<Round> {
  const problems = checkRound(input);
  if (problems.length > 0) {
    throw AppError.gather(problems);
  }
  if (await findRoundByHalfYear(db, input.halfYear)) {
    throw new AppError('round.duplicate', {
      halfYear: input.halfYear,
    });
  }
  return insertRound(db, { ...input, name: input.name.trim(), cbsForm: input.cbsForm ?? {} });
}

/**
 * Enrols an organisation in a round (again: updates its pilot flag). A gemeente must exist in the
 * municipal classification on the day the round opens.
 */
export async function addParticipant(
  db: Db,
  classification: MunicipalClassification,
  input: {
    roundId: string;
    organisationId: string;
    isPilot: boolean;
    /**
     * The day whose indeling the gemeente must be in (YYYY-MM-DD); the round's opening day when
     * absent. The demo's round opened today asks for its half year's, which ggk may hold alone.
     */
    classificationDay?: string;
  },
): Promise<void> {
  const round = await findRoundById(db, input.roundId);
  if (!round) throw new AppError('round.not_found');
  const organisation = await findOrganisationById(db, input.organisationId);
  if (!organisation) throw new AppError('organisation.not_found');
  if (organisation.kind === 'gemeente') {
    const day = input.classificationDay ?? amsterdamDate(round.deliveryOpensAt);
    if (!classification.isGemeente(organisation.gemeentecode!, day)) {
      throw new AppError('round.gemeente_not_in_classification', {
        name: organisation.name,
        gemeentecode: organisation.gemeentecode ?? '',
        day,
      });
    }
  }
  await upsertParticipant(db, {
    round_id: round.id,
    organisation_id: organisation.id,
    is_pilot: input.isPilot,
  });
}

export async function findCurrentRound(db: Db, now: Date): Promise<Round | undefined> {
  return pickCurrentRound(await listRounds(db), now);
}

export { countParticipants, findRoundByHalfYear, findRoundById, listParticipants, listRounds };

/**
 * The round's choice to show its gemeenten only CBS's op-orde rapport (handover.setCbsReportOnly decides
 * and audits it); the previous value and the round's name, or undefined when the round does not exist.
 */
export async function changeCbsReportOnly(
  db: Db,
  roundId: string,
  only: boolean,
): Promise<{ previous: boolean; name: string } | undefined> {
  return updateCbsReportOnly(db, roundId, only);
}

// Reads (and a few writes) other modules, http/ and main/ use as they are: the module's surface is
// its services, so what the repository returns may change without them noticing.

export function findParticipatingOrganisations(
  ...args: Parameters<typeof roundRepository.findParticipatingOrganisations>
): ReturnType<typeof roundRepository.findParticipatingOrganisations> {
  return roundRepository.findParticipatingOrganisations(...args);
}
