// t(key, params): the text of a key in one language with its {placeholders} filled. The parameters
// are typed from the Dutch text: a message with {count} needs { count }, one without takes none.
import { CATALOGUES, type DutchCatalogue, type MessageKey } from './catalogue.ts';
import { interpolate, type Locale, type PlaceholdersOf } from './define.ts';
import { formatDateTime } from './format.ts';
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

/**
 * A finding of the technical report in the visitor's language: Dutch shows the report's own message;
 * other languages the text for its code (the line, column and value are shown next to it).
 */
export function findingMessage(locale: Locale, finding: { code: string; message: string }): string {
  if (locale === 'nl') return finding.message;
  return lookup(locale, `finding.${finding.code}`) ?? finding.message;
}
