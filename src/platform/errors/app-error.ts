// The one error type that code throws on purpose: a refusal with a code from the catalogue
// (catalogue.ts) and that code's typed parameters. Its `message` is the Dutch text, for logs and
// Dutch pages; other languages word it through modules/i18n's errorMessage. The HTTP status is the
// catalogue's, never chosen at the throw site.
import { formatDutchDateTime } from '../time/amsterdam-time.ts';
import { ERRORS, type ErrorCode, type ErrorText } from './catalogue.ts';

export { ERRORS, type ErrorCode } from './catalogue.ts';

/** A placeholder's value: dates and lists are written for each language (lists end in "of"/"or"). */
export type ErrorValue = string | number | Date | readonly string[];

type PlaceholdersOf<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | PlaceholdersOf<Rest>
  : never;
type Fill<S extends string> = { [K in PlaceholdersOf<S>]: ErrorValue };
type Entry<C extends ErrorCode> = (typeof ERRORS)[C];
type ReasonParams<C extends ErrorCode> =
  Entry<C> extends { reasons: infer R extends Record<string, ErrorText> }
    ? { [K in keyof R & string]: { reason: K } & Fill<R[K]['nl']> }[keyof R & string]
    : never;
/** What every refusal may carry besides its text's parameters: the form field it is about. */
interface Common {
  field?: string;
}

/** The parameters of a code: its text's placeholders, or a reason and that reason's placeholders. */
export type ErrorParams<C extends ErrorCode> = (
  ({ reason?: undefined } & Fill<Entry<C>['nl']>) | ReasonParams<C>
) &
  Common;

/** The reasons a code has more specific texts for. */
export type ReasonOf<C extends ErrorCode> = Entry<C> extends { reasons: infer R } ? keyof R & string : never;

/**
 * Required when the code's text has placeholders. For the whole union (a code TypeScript could not
 * infer, such as a misspelt one) they are optional, so that tsc names the code ("Argument of type
 * '"token.bad_expiryy"' is not assignable to parameter of type ErrorCode") instead of saying
 * "Expected 2 arguments".
 */
export type ErrorParamsArg<C extends ErrorCode> = [ErrorCode] extends [C]
  ? [params?: ErrorParams<C>]
  : Record<string, never> extends ErrorParams<C>
    ? [params?: ErrorParams<C>]
    : [params: ErrorParams<C>];

export type Locale = 'nl' | 'en';

/** A refusal gathered into another one (Problems): its code, Dutch message and parameters. */
export interface GatheredProblem {
  code: ErrorCode;
  message: string;
  details: Readonly<Record<string, unknown>> | undefined;
}

export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  /** The parameters the refusal was thrown with (and `problems` for a gathered one). */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: C, ...params: ErrorParamsArg<C>) {
    const details = params[0] as Record<string, unknown> | undefined;
    super(errorText('nl', code, details, formatDutchDateTime));
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  /** The HTTP status of this refusal, from the catalogue. */
  get status(): number {
    return ERRORS[this.code].status;
  }

  /** Several refusals of one form as one: the first one's code, each listed in details.problems. */
  static gather(list: readonly AppError[]): AppError {
    const [first] = list;
    if (first === undefined) throw new Error('AppError.gather() without a refusal');
    const problems: GatheredProblem[] = list.map((p) => ({
      code: p.code,
      message: p.message,
      details: p.details,
    }));
    const Gathered = AppError as unknown as new (code: ErrorCode, params: object) => AppError;
    return new Gathered(first.code, { problems });
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERRORS, code);
}

/** The HTTP status of a code. */
export function statusOf(code: ErrorCode): number {
  return ERRORS[code].status;
}

/**
 * A code's text in one language with its parameters filled: the reason's text when the parameters
 * name a reason that has one, else the code's own. `formatDate` writes dates for the language. A
 * gathered refusal (params.problems) is its problems' messages, joined.
 */
export function errorText(
  locale: Locale,
  code: ErrorCode,
  params: Readonly<Record<string, unknown>> | undefined,
  formatDate: (instant: Date) => string,
): string {
  const problems = params?.problems;
  if (Array.isArray(problems) && problems.length > 0 && problems.every(isGatheredProblem)) {
    return problems.map((p) => errorText(locale, p.code, p.details, formatDate)).join(' ');
  }
  const entry: { nl: string; en: string; reasons?: Record<string, ErrorText> } = ERRORS[code];
  const reason = typeof params?.reason === 'string' ? params.reason : undefined;
  const text = (reason !== undefined && entry.reasons?.[reason]) || entry;
  return text[locale].replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
    if (!params || !Object.hasOwn(params, name)) return whole;
    return valueText(locale, params[name], formatDate);
  });
}

function valueText(locale: Locale, value: unknown, formatDate: (instant: Date) => string): string {
  if (value instanceof Date) return formatDate(value);
  if (Array.isArray(value)) {
    const items = value.map(String);
    if (items.length < 2) return items.join('');
    return `${items.slice(0, -1).join(', ')} ${locale === 'nl' ? 'of' : 'or'} ${items.at(-1)}`;
  }
  return String(value);
}

export function isGatheredProblem(value: unknown): value is GatheredProblem {
  const v = value as Partial<GatheredProblem> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.code === 'string' &&
    isErrorCode(v.code) &&
    typeof v.message === 'string'
  );
}
