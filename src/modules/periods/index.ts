export {
  checkRound,
  halfYearsOf,
  isCbsFormDayOpen,
  isDeliveryOpen,
  isWithdrawalOpen,
  phaseOf,
  pickCurrentRound,
  type CbsWithdrawalForm,
  type Round,
  type RoundPhase,
  type RoundWindows,
} from './round-rules.ts';
export {
  addParticipant,
  changeCbsReportOnly,
  countParticipants,
  createRound,
  findCurrentRound,
  findRoundByHalfYear,
  findRoundById,
  listParticipants,
  listRounds,
  type NewRound,
} from './round-service.ts';
export { findParticipatingOrganisations } from './round-service.ts';
export type { ParticipantRow } from './round-repository.ts';
export {
  addWorkingDays,
  dutchPublicHolidays,
  easterSunday,
  isPublicHoliday,
  isWorkingDay,
  workingDaysBetween,
  type PublicHoliday,
} from './working-days.ts';
export {
  formatHalfYear,
  halfYearBounds,
  parseHalfYear,
  previousHalfYear,
  type HalfYear,
} from './half-year.ts';
export {
  checkRoundContacts,
  contactsMailText,
  findCurrentContacts,
  findRoundContacts,
  setRoundContacts,
  type RoundContacts,
  type RoundContactsInput,
} from './round-contacts.ts';
