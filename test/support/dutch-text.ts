// Finds Dutch in what an English visitor reads: the visible text of a page (and the attributes a
// screen reader or a tooltip shows), checked two ways:
// (a) a Dutch catalogue text of three words or more whose English differs, found verbatim;
// (b) a text run with two or more different Dutch function words (de, het, een, van, ...).
// Used by the English crawl (test/integration/english-pages.int.test.ts) and its e-mail check.
import { CATALOGUES } from '../../src/modules/i18n/index.ts';

/** Elements that do not end a run of text: a sentence with a link or <strong> in it stays one run. */
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'cite',
  'code',
  'data',
  'dfn',
  'em',
  'i',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'wbr',
]);

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  '#39': "'",
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#')
      return String.fromCodePoint(
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10),
      );
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const ATTRIBUTES = ['aria-label', 'title', 'alt', 'placeholder', 'aria-description', 'aria-roledescription'];

/**
 * The runs of text a visitor (or a screen reader) meets on a page, in order: text between block
 * boundaries (inline elements do not split a run), then the values of aria-label, title, alt and
 * placeholder, the value of buttons (input type=submit/button/reset) and the texts a page hands
 * its script in data-texts.
 */
export function visibleTextRuns(html: string): string[] {
  const cleaned = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!doctype[^>]*>/gi, '')
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, ' ')
    .replace(/<style\b[\s\S]*?<\/style\s*>/gi, ' ')
    .replace(/<template\b[\s\S]*?<\/template\s*>/gi, ' ');
  const runs: string[] = [];
  const extra: string[] = [];
  let current = '';
  const flush = () => {
    const text = decodeEntities(current).replace(/\s+/g, ' ').trim();
    if (text) runs.push(text);
    current = '';
  };
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  let at = 0;
  for (const m of cleaned.matchAll(tag)) {
    current += cleaned.slice(at, m.index);
    at = m.index + m[0].length;
    const name = m[2]!.toLowerCase();
    const attributes = m[3] ?? '';
    for (const a of attributes.matchAll(/([a-zA-Z-:]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
      const attribute = a[1]!.toLowerCase();
      const value = a[3] ?? a[4] ?? '';
      if (ATTRIBUTES.includes(attribute)) extra.push(value);
      // Texts handed to the page's script (the upload page's data-texts): shown by JavaScript.
      if (attribute === 'data-texts') {
        try {
          const texts = JSON.parse(decodeEntities(value)) as Record<string, unknown>;
          for (const v of Object.values(texts)) if (typeof v === 'string') extra.push(v);
        } catch {
          extra.push(value);
        }
      }
      if (
        attribute === 'value' &&
        name === 'input' &&
        /\btype\s*=\s*["']?(submit|button|reset)\b/i.test(attributes)
      )
        extra.push(value);
    }
    if (!INLINE.has(name)) flush();
    else current += ' ';
  }
  current += cleaned.slice(at);
  flush();
  for (const e of extra) {
    const text = decodeEntities(e).replace(/\s+/g, ' ').trim();
    if (text) runs.push(text);
  }
  return runs;
}

export const DUTCH_FUNCTION_WORDS = [
  'de',
  'het',
  'een',
  'van',
  'niet',
  'uw',
  'voor',
  'naar',
  'bij',
  'wordt',
  'zijn',
  'kunt',
  'deze',
  'geen',
  'met',
  'of',
] as const;
const FUNCTION_WORDS = new Set<string>(DUTCH_FUNCTION_WORDS);

/** The different Dutch function words in a text, as whole lowercase words. */
export function dutchFunctionWords(text: string): string[] {
  const words = text.split(/[^\p{L}\p{N}'’-]+/u).filter((w) => FUNCTION_WORDS.has(w));
  return [...new Set(words)];
}

/** A Dutch catalogue text as the fixed pieces between its placeholders, markup removed. */
function literalPieces(text: string): string[] {
  return text
    .replace(/<[^>]+>/g, ' ')
    .split(/\{[A-Za-z0-9_]+\}/)
    .map((p) => decodeEntities(p).replace(/\s+/g, ' ').trim())
    .filter((p) => p.split(' ').filter((w) => /\p{L}/u.test(w)).length >= 3);
}

/**
 * The Dutch catalogue texts that must not appear on an English page: each piece (between
 * placeholders) of three words or more of a text whose English differs and does not contain it,
 * with the keys it comes from.
 */
export const DUTCH_CATALOGUE_PIECES: ReadonlyMap<string, string[]> = (() => {
  const pieces = new Map<string, string[]>();
  for (const [key, nl] of Object.entries(CATALOGUES.nl)) {
    const en = CATALOGUES.en[key as keyof typeof CATALOGUES.en] ?? '';
    if (en === nl) continue;
    const english = en.replace(/\s+/g, ' ');
    for (const piece of literalPieces(nl))
      if (!english.includes(piece)) pieces.set(piece, [...(pieces.get(piece) ?? []), key]);
  }
  return pieces;
})();

/** A short text that is also an English catalogue text (e.g. "Status", "E-mail"). */
const ENGLISH_TEXTS = new Set(Object.values(CATALOGUES.en).map((v) => v.replace(/\s+/g, ' ').trim()));
function isEnglishToo(text: string) {
  return ENGLISH_TEXTS.has(text);
}

/** A date written the Dutch way: a day and a Dutch month name ("12 maart 2018", "1 mei"). */
const DUTCH_DATE =
  /\b\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\b/;

/** Short Dutch catalogue texts (one or two words: a menu item, a button) whose English differs. */
export const SHORT_DUTCH_TEXTS: ReadonlyMap<string, string> = (() => {
  const texts = new Map<string, string>();
  for (const [key, nl] of Object.entries(CATALOGUES.nl)) {
    const en = CATALOGUES.en[key as keyof typeof CATALOGUES.en] ?? '';
    const text = nl.replace(/\s+/g, ' ').trim();
    if (en.trim() === text || /[{<]/.test(text) || text.split(' ').length > 2) continue;
    if (!texts.has(text)) texts.set(text, key);
  }
  return texts;
})();

export interface DutchFinding {
  kind: 'catalogue' | 'function-words' | 'dutch-date' | 'short-catalogue';
  text: string;
  detail: string;
}

/**
 * Dutch in the given runs of text: catalogue pieces found verbatim in the joined text, and runs with
 * two or more Dutch function words once the allowed names (proper nouns, file names) are removed.
 */
export function findDutch(runs: string[], allowed: Array<string | RegExp>): DutchFinding[] {
  const strip = (text: string) => {
    let out = text;
    for (const a of allowed) out = typeof a === 'string' ? out.split(a).join(' ') : out.replace(a, ' ');
    return out;
  };
  const findings: DutchFinding[] = [];
  const stripped = runs.map(strip);
  const joined = stripped.join(' \n ').replace(/[ \t]+/g, ' ');
  for (const [piece, keys] of DUTCH_CATALOGUE_PIECES) {
    if (!joined.includes(piece)) continue;
    const run = runs.find((r) => r.replace(/\s+/g, ' ').includes(piece)) ?? piece;
    const shown =
      keys.length > 3 ? `${keys.slice(0, 3).join(', ')} and ${keys.length - 3} more` : keys.join(', ');
    findings.push({ kind: 'catalogue', text: run, detail: `"${piece}" from ${shown}` });
  }
  for (const [i, run] of stripped.entries()) {
    const words = dutchFunctionWords(run);
    if (words.length >= 2) findings.push({ kind: 'function-words', text: runs[i]!, detail: words.join(',') });
    const short = SHORT_DUTCH_TEXTS.get(run.trim());
    if (short && !isEnglishToo(run.trim()))
      findings.push({ kind: 'short-catalogue', text: runs[i]!, detail: short });
    const date = DUTCH_DATE.exec(run);
    if (date) findings.push({ kind: 'dutch-date', text: runs[i]!, detail: date[0] });
  }
  return findings;
}
