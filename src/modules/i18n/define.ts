// The languages of the portal and the shape of a message area: every area file defines its Dutch
// texts and, with exactly the same keys, its English ones. A key missing in English (or an extra one)
// is a type error; catalogue.test.ts also checks that both languages use the same {placeholders}.
export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'nl';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export interface MessageArea<N extends Record<string, string>> {
  nl: N;
  en: { [K in keyof N]: string };
}

/** One area of the catalogue (a page or a module): Dutch first, English with the same keys. */
export function defineMessages<const N extends Record<string, string>>(area: MessageArea<N>): MessageArea<N> {
  return area;
}

/** The names of the {placeholders} in a message text, as a type. */
export type PlaceholdersOf<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | PlaceholdersOf<Rest>
  : never;

/** The names of the {placeholders} in a message text. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!).sort();
}

/** Fills {name} placeholders; a placeholder without a value stays visible rather than vanishing. */
export function interpolate(text: string, params: Record<string, unknown> | undefined): string {
  if (!params) return text;
  return text.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}
