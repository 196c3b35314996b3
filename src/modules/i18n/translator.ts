// t(key, params): the text of a key in one language with its {placeholders} filled. The parameters
// are typed from the Dutch text: a message with {count} needs { count }, one without takes none.
import { CATALOGUES, type DutchCatalogue, type MessageKey } from './catalogue.ts';
import { interpolate, type Locale, type PlaceholdersOf } from './define.ts';
import { formatDateTime } from './format.ts';

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

type ErrorLike = { code: string; message: string; details?: Record<string, unknown> };

/**
 * A refusal in the visitor's language: Dutch keeps the module's message, else the catalogue's text
 * `error.<code>`, with parameters from the error's details (dates formatted for the language). When
 * the details carry a `reason` (a closed code) and `error.<code>.<reason>` exists, that more specific
 * text wins. An error that gathers several problems (details.problems: [{ code, message, details }])
 * shows each of them.
 */
export function errorMessage(locale: Locale, error: ErrorLike): string {
  if (locale === 'nl') return error.message;
  const details = error.details ?? {};
  const problems = details.problems;
  if (Array.isArray(problems) && problems.length > 0 && problems.every(isErrorLike)) {
    return problems.map((p) => errorMessage(locale, p)).join(' ');
  }
  const params = Object.fromEntries(
    Object.entries(details).map(([name, value]) => [
      name,
      value instanceof Date ? formatDateTime(locale, value) : value,
    ]),
  );
  const reason = typeof details.reason === 'string' ? details.reason : undefined;
  return (
    (reason === undefined ? undefined : lookup(locale, `error.${error.code}.${reason}`, params)) ??
    lookup(locale, `error.${error.code}`, params) ??
    error.message
  );
}

function isErrorLike(value: unknown): value is ErrorLike {
  const v = value as Partial<ErrorLike> | null;
  return typeof v === 'object' && v !== null && typeof v.code === 'string' && typeof v.message === 'string';
}

/**
 * A finding of the technical report in the visitor's language: Dutch shows the report's own message;
 * other languages the text for its code (the line, column and value are shown next to it).
 */
export function findingMessage(locale: Locale, finding: { code: string; message: string }): string {
  if (locale === 'nl') return finding.message;
  return lookup(locale, `finding.${finding.code}`) ?? finding.message;
}
