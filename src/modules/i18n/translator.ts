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
