// t(key, params): the text of a key in one language with its {placeholders} filled. The parameters
// are typed from the Dutch text: a message with {count} needs { count }, one without takes none.
import { CATALOGUES, type DutchCatalogue, type MessageKey } from './catalogue.ts';
import { interpolate, type Locale, type PlaceholdersOf } from './define.ts';

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

/** A refusal in the visitor's language: Dutch keeps the module's message, else the catalogue's text. */
export function errorMessage(
  locale: Locale,
  error: { code: string; message: string; details?: Record<string, unknown> },
): string {
  if (locale === 'nl') return error.message;
  return lookup(locale, `error.${error.code}`, error.details) ?? error.message;
}

/**
 * A finding of the technical report in the visitor's language: Dutch shows the report's own message;
 * other languages the text for its code (the line, column and value are shown next to it).
 */
export function findingMessage(locale: Locale, finding: { code: string; message: string }): string {
  if (locale === 'nl') return finding.message;
  return lookup(locale, `finding.${finding.code}`) ?? finding.message;
}
