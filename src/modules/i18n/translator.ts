// t(key, params): the text of a key in one language with its {placeholders} filled. The parameters
// are typed from the Dutch text: a message with {count} needs { count }, one without takes none.
import { CATALOGUES, type DutchCatalogue, type MessageKey } from './catalogue.ts';
import { interpolate, type Locale, type PlaceholdersOf } from './define.ts';
import { formatDate, formatDateTime } from './format.ts';
import {
  errorText,
  isErrorCode,
  type ErrorCode,
  type ErrorParamsArg,
} from '../../platform/errors/app-error.ts';

export type MessageParams<K extends MessageKey> = [PlaceholdersOf<DutchCatalogue[K]>] extends [never]
  ? []
  : [params: Record<PlaceholdersOf<DutchCatalogue[K]>, string | number>];

export type Translate = <K extends MessageKey>(key: K, ...params: MessageParams<K>) => string;

export function translator(locale: Locale): Translate {
  const texts = CATALOGUES[locale];
  return (key, ...params) => interpolate(texts[key] ?? CATALOGUES.nl[key] ?? key, params[0]);
}

/** For keys chosen at run time (e.g. a finding code): the text, or undefined when there is none. */
export function lookup(locale: Locale, key: string, params?: Record<string, unknown>): string | undefined {
  const text = Object.hasOwn(CATALOGUES[locale], key) ? CATALOGUES[locale][key] : undefined;
  return text === undefined ? undefined : interpolate(text, params);
}

export function hasKey(key: string): key is MessageKey {
  return Object.hasOwn(CATALOGUES.nl, key);
}

type ErrorLike = { code: string; message: string; details?: Readonly<Record<string, unknown>> | undefined };

/**
 * A refusal in the visitor's language: Dutch is the error's own message (the catalogue's Dutch text,
 * filled when it was thrown); other languages the catalogue's text for its code (or for its
 * details.reason), with parameters from the error's details and dates written for the language. An
 * error that gathers several problems (details.problems) shows each of them.
 */
export function errorMessage(locale: Locale, error: ErrorLike): string {
  if (locale === 'nl' || !isErrorCode(error.code)) return error.message;
  return errorText(locale, error.code, error.details, (instant) => formatDateTime(locale, instant));
}

/** The text of a code in a language, for answers built without a thrown error (problem+json). */
export function codeMessage<C extends ErrorCode>(
  locale: Locale,
  code: C,
  ...params: ErrorParamsArg<C>
): string {
  return errorText(locale, code, params[0], (instant) => formatDateTime(locale, instant));
}

/** A finding as stored in a report: the contract's keys and the extension's variant and params. */
export interface FindingLike {
  code: string;
  message: string;
  column?: string | undefined;
  variant?: string | undefined;
  params?: Readonly<Record<string, string>> | undefined;
}

/**
 * A finding of the technical report in the visitor's language. Dutch shows the report's own message
 * (the contract's, made by the engine from the same facts). Other languages: the template of its code
 * and variant filled with its parameters (dates and amounts written for the language), so the allowed
 * codes, values and dates are kept; a finding without parameters (a report stored before the
 * extension) shows the code's general text. The row's value is shown next to it by the caller.
 */
export function findingMessage(locale: Locale, finding: FindingLike): string {
  if (locale === 'nl') return finding.message;
  if (finding.params !== undefined) {
    const template = finding.variant === undefined ? finding.code : `${finding.code}.${finding.variant}`;
    const params: Record<string, string> = { column: finding.column ?? '' };
    for (const [name, value] of Object.entries(finding.params))
      params[name] = formatParam(locale, name, value);
    const text = lookup(locale, `finding.detail.${template}`, params);
    if (text !== undefined) return text;
  }
  return lookup(locale, `finding.${finding.code}`) ?? finding.message;
}

/** Dates (names ending in "date", ISO) and amounts (ending in "amount", "1234.56") for the language. */
function formatParam(locale: Locale, name: string, value: string): string {
  if (/date$/i.test(name) && /^\d{4}-\d{2}-\d{2}$/.test(value))
    return formatDate(locale, new Date(`${value}T12:00:00Z`));
  if (/amount$/i.test(name) && /^-?\d+\.\d{2}$/.test(value)) {
    const amount = Number(value);
    return locale === 'en'
      ? amount.toLocaleString('en-GB', { style: 'currency', currency: 'EUR' })
      : `€ ${amount.toLocaleString('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  }
  return value;
}
