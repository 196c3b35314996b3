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

/**
 * The CBS withdrawal form of a round: the days (Amsterdam calendar dates, inclusive) on which CBS
 * accepts it, and where it is found and sent (null: not configured; the pages then only name it).
 */
export interface CbsWithdrawalForm {
  opensOn: string;
  closesOn: string;
  url: string | null;
  email: string | null;
}

export interface Round extends RoundWindows {
  id: string;
  name: string;
  halfYear: string;
  previousHalfYear: string | null;
  specVersion: string;
  cbsForm: CbsWithdrawalForm;
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
    cbsForm?: Partial<CbsWithdrawalForm> | undefined;
  } & RoundWindows,
): AppError[] {
  const problems: AppError[] = [];
  if (input.name.trim() === '') problems.push(new AppError('round.name_required'));
  if (!halfYearPattern.test(input.halfYear)) {
    problems.push(new AppError('round.bad_half_year', { halfYear: input.halfYear }));
  } else if (input.previousHalfYear !== null && input.previousHalfYear !== previousHalfYear(input.halfYear)) {
    problems.push(
      new AppError('round.bad_previous_half_year', {
        halfYear: input.halfYear,
        expected: previousHalfYear(input.halfYear),
        given: input.previousHalfYear,
      }),
    );
  }
  if (input.specVersion.trim() === '') {
    problems.push(new AppError('round.spec_required'));
  }
  if (input.deliveryClosesAt <= input.deliveryOpensAt) {
    problems.push(new AppError('round.window_order'));
  }
  if (input.withdrawalClosesAt <= input.withdrawalOpensAt) {
    problems.push(new AppError('round.withdrawal_window_order'));
  }
  if (input.withdrawalOpensAt < input.deliveryClosesAt) {
    problems.push(new AppError('round.withdrawal_before_close'));
  }
  if (
    input.pilotTargetAt !== null &&
    (input.pilotTargetAt < input.deliveryOpensAt || input.pilotTargetAt > input.deliveryClosesAt)
  ) {
    problems.push(new AppError('round.pilot_target_outside'));
  }
  problems.push(...checkCbsForm(input.cbsForm ?? {}));
  return problems;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function checkCbsForm(form: Partial<CbsWithdrawalForm>): AppError[] {
  const problems: AppError[] = [];
  const { opensOn, closesOn, url, email } = form;
  if ((opensOn === undefined) !== (closesOn === undefined)) {
    problems.push(
      new AppError(
        'round.cbs_form_window_incomplete',
        'Geef voor het intrekkingsformulier van CBS zowel de eerste als de laatste dag op.',
      ),
    );
  } else if (opensOn !== undefined && closesOn !== undefined) {
    const valid = (d: string) => isoDate.test(d) && !Number.isNaN(Date.parse(`${d}T12:00:00Z`));
    if (!valid(opensOn) || !valid(closesOn)) {
      problems.push(
        new AppError(
          'round.cbs_form_bad_date',
          'De dagen van het intrekkingsformulier van CBS zijn geen geldige datums (JJJJ-MM-DD).',
        ),
      );
    } else if (closesOn < opensOn) {
      problems.push(
        new AppError(
          'round.cbs_form_window_order',
          'De laatste dag voor het intrekkingsformulier van CBS ligt voor de eerste.',
        ),
      );
    }
  }
  if (url != null && !/^https:\/\/\S+$/.test(url)) {
    problems.push(
      new AppError(
        'round.cbs_form_bad_url',
        'Het adres van het intrekkingsformulier van CBS moet een https-adres zijn.',
      ),
    );
  }
  if (email != null && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
    problems.push(
      new AppError(
        'round.cbs_form_bad_email',
        'Het e-mailadres voor het intrekkingsformulier van CBS is geen geldig e-mailadres.',
      ),
    );
  }
  return problems;
}

/** Whether CBS accepts a form received on this Amsterdam calendar date (JJJJ-MM-DD). */
export function isCbsFormDayOpen(round: Pick<Round, 'cbsForm'>, receivedOn: string): boolean {
  return receivedOn >= round.cbsForm.opensOn && receivedOn <= round.cbsForm.closesOn;
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
