// The rules of a round, pure: its windows must be in order, the extra half year is the one just
// before, and at any instant a round is in exactly one phase.
import { AppError } from '../../platform/errors/app-error.ts';
import { previousHalfYear } from './half-year.ts';

export interface RoundWindows {
  deliveryOpensAt: Date;
  deliveryClosesAt: Date;
  pilotTargetAt: Date | null;
  withdrawalOpensAt: Date;
  withdrawalClosesAt: Date;
}

export interface Round extends RoundWindows {
  id: string;
  name: string;
  halfYear: string;
  previousHalfYear: string | null;
  specVersion: string;
}

export type RoundPhase = 'upcoming' | 'delivery_open' | 'between' | 'withdrawal_open' | 'closed';

const halfYearPattern = /^[1-9]\d{3}H[12]$/;

/** Every problem with a new round's data, as AppErrors; empty when the round is valid. */
export function checkRound(
  input: {
    name: string;
    halfYear: string;
    previousHalfYear: string | null;
    specVersion: string;
  } & RoundWindows,
): AppError[] {
  const problems: AppError[] = [];
  if (input.name.trim() === '') problems.push(new AppError('round.name_required', 'Geef de ronde een naam.'));
  if (!halfYearPattern.test(input.halfYear)) {
    problems.push(
      new AppError(
        'round.bad_half_year',
        `"${input.halfYear}" is geen halfjaar; schrijf bijvoorbeeld 2017H2.`,
        { halfYear: input.halfYear },
      ),
    );
  } else if (input.previousHalfYear !== null && input.previousHalfYear !== previousHalfYear(input.halfYear)) {
    problems.push(
      new AppError(
        'round.bad_previous_half_year',
        `Naast ${input.halfYear} kan alleen het halfjaar ervoor (${previousHalfYear(input.halfYear)}) worden (her)geleverd, niet ${input.previousHalfYear}.`,
        {
          halfYear: input.halfYear,
          expected: previousHalfYear(input.halfYear),
          given: input.previousHalfYear,
        },
      ),
    );
  }
  if (input.specVersion.trim() === '') {
    problems.push(
      new AppError('round.spec_required', 'Kies de specificatieversie die voor deze ronde geldt.'),
    );
  }
  if (input.deliveryClosesAt <= input.deliveryOpensAt) {
    problems.push(new AppError('round.window_order', 'De aanleverperiode moet sluiten na de opening.'));
  }
  if (input.withdrawalClosesAt <= input.withdrawalOpensAt) {
    problems.push(
      new AppError('round.withdrawal_window_order', 'De intrekkingsperiode moet sluiten na de opening.'),
    );
  }
  if (input.withdrawalOpensAt < input.deliveryClosesAt) {
    problems.push(
      new AppError(
        'round.withdrawal_before_close',
        'De intrekkingsperiode begint pas als de aanleverperiode gesloten is.',
      ),
    );
  }
  if (
    input.pilotTargetAt !== null &&
    (input.pilotTargetAt < input.deliveryOpensAt || input.pilotTargetAt > input.deliveryClosesAt)
  ) {
    problems.push(
      new AppError(
        'round.pilot_target_outside',
        'De streefdatum voor pilotdeelnemers moet binnen de aanleverperiode liggen.',
      ),
    );
  }
  return problems;
}

export function phaseOf(round: RoundWindows, now: Date): RoundPhase {
  if (now < round.deliveryOpensAt) return 'upcoming';
  if (now <= round.deliveryClosesAt) return 'delivery_open';
  if (now < round.withdrawalOpensAt) return 'between';
  if (now <= round.withdrawalClosesAt) return 'withdrawal_open';
  return 'closed';
}

export function isDeliveryOpen(round: RoundWindows, now: Date): boolean {
  return phaseOf(round, now) === 'delivery_open';
}

export function isWithdrawalOpen(round: RoundWindows, now: Date): boolean {
  return phaseOf(round, now) === 'withdrawal_open';
}

/** The half years a round takes, newest first. */
export function halfYearsOf(round: Pick<Round, 'halfYear' | 'previousHalfYear'>): string[] {
  return round.previousHalfYear ? [round.halfYear, round.previousHalfYear] : [round.halfYear];
}

/**
 * The round to show as "current" at `now`: one whose delivery or withdrawal window is open, else the
 * next one to open, else the one that closed last.
 */
export function pickCurrentRound<R extends Round>(rounds: readonly R[], now: Date): R | undefined {
  const active = rounds.filter((r) =>
    ['delivery_open', 'between', 'withdrawal_open'].includes(phaseOf(r, now)),
  );
  if (active.length > 0) return active.sort((a, b) => +a.deliveryOpensAt - +b.deliveryOpensAt)[0];
  const upcoming = rounds.filter((r) => phaseOf(r, now) === 'upcoming');
  if (upcoming.length > 0) return upcoming.sort((a, b) => +a.deliveryOpensAt - +b.deliveryOpensAt)[0];
  return [...rounds].sort((a, b) => +b.withdrawalClosesAt - +a.withdrawalClosesAt)[0];
}
