// The plausibility warnings of an op-orde report in the reader's language. A warning is stored with
// its Dutch text (as CBS reads it, and for reports stored before warnings had parameters) and with
// what it says as parameters, so the page, the PDF and the CSV can render it from the catalogue in
// any language. The Dutch text itself is rendered from the catalogue too: one source per language.
import { formatNumber, translator, type Locale } from '../i18n/index.ts';

type Against = 'redelivery' | 'previous-half-year';
type Measure = 'records' | 'realised';

/** What a warning says; `kind` picks the catalogue text `reports.warning.<kind>`. */
export type WarningParams =
  | {
      kind: 'new' | 'gone';
      /** Code and label of the category ("02 Begeleiding"). */
      name: string;
      against: Against;
      receipt: string;
      period: string;
      measure: Measure;
    }
  | {
      kind: 'increase' | 'decrease';
      name: string;
      against: Against;
      receipt: string;
      period: string;
      measure: Measure;
      /** The change in percent, without sign. */
      percent: number;
      threshold: number;
    }
  | { kind: 'manyRecords' | 'openOld'; count: number; total: number }
  | { kind: 'costsWithoutPersons' | 'personsWithoutCosts'; name: string; period: string; receipt: string }
  /** A stated total (Wmo kosten 99, Jeugd TOT) that is not the sum of its categories; amounts in cents. */
  | { kind: 'totalMismatch'; name: string; measure: 'budgeted' | 'realised'; stated: number; sum: number }
  /** Budgeted and realised of a category differ by more than `factor` (spec 5.2); amounts in cents. */
  | { kind: 'costRatio'; name: string; budgeted: number; realised: number; factor: number };

/** Cents as euros in the reader's language ("€ 1.234,56" / "€1,234.56"). */
export function eurosText(locale: Locale, cents: number): string {
  return (cents / 100).toLocaleString(locale === 'en' ? 'en-GB' : 'nl-NL', {
    style: 'currency',
    currency: 'EUR',
  });
}

/** "7,5%" / "7.5%": a share (0..1) rounded to one decimal. */
export function shareText(locale: Locale, share: number): string {
  const text = (Math.round(share * 1000) / 10).toString();
  return `${locale === 'en' ? text : text.replace('.', ',')}%`;
}

function percentText(locale: Locale, value: number): string {
  const text = String(Math.abs(value));
  return `${locale === 'en' ? text : text.replace('.', ',')}%`;
}

/** The text of warning parameters in one language. */
export function warningText(locale: Locale, p: WarningParams): string {
  const t = translator(locale);
  // Dutch keeps the plain numbers its reports have always had; English groups thousands.
  const number = (n: number) => (locale === 'nl' ? String(n) : formatNumber(locale, n));
  switch (p.kind) {
    case 'new':
    case 'gone':
    case 'increase':
    case 'decrease': {
      const what =
        p.against === 'redelivery'
          ? t('reports.warning.what.redelivery', { receipt: p.receipt })
          : t('reports.warning.what.previousHalfYear', { receipt: p.receipt, period: p.period });
      const noun = t(
        p.measure === 'records' ? 'reports.warning.noun.records' : 'reports.warning.noun.realised',
      );
      if (!('percent' in p))
        return p.kind === 'new'
          ? t('reports.warning.new', { name: p.name, what })
          : t('reports.warning.gone', { name: p.name, what, noun });
      return t(p.kind === 'increase' ? 'reports.warning.increase' : 'reports.warning.decrease', {
        name: p.name,
        what,
        noun,
        percent: percentText(locale, p.percent),
        threshold: p.threshold,
      });
    }
    case 'manyRecords':
    case 'openOld':
      return t(p.kind === 'manyRecords' ? 'reports.warning.manyRecords' : 'reports.warning.openOld', {
        share: shareText(locale, p.count / p.total),
        count: number(p.count),
        total: number(p.total),
      });
    case 'costsWithoutPersons':
    case 'personsWithoutCosts':
      return t(
        p.kind === 'costsWithoutPersons'
          ? 'reports.warning.costsWithoutPersons'
          : 'reports.warning.personsWithoutCosts',
        { name: p.name, period: p.period, receipt: p.receipt },
      );
    case 'totalMismatch':
      return t('reports.warning.totalMismatch', {
        name: p.name,
        noun: t(p.measure === 'budgeted' ? 'reports.warning.noun.budgeted' : 'reports.warning.noun.realised'),
        stated: eurosText(locale, p.stated),
        sum: eurosText(locale, p.sum),
      });
    case 'costRatio':
      return t('reports.warning.costRatio', {
        name: p.name,
        budgeted: eurosText(locale, p.budgeted),
        realised: eurosText(locale, p.realised),
        factor: locale === 'en' ? String(p.factor) : String(p.factor).replace('.', ','),
      });
  }
}

/**
 * A stored warning in the reader's language: from its parameters when it has them; a report stored
 * before warnings had parameters shows its Dutch text in every language.
 */
export function warningMessage(
  locale: Locale,
  warning: { message: string; params?: WarningParams | undefined },
): string {
  return warning.params ? warningText(locale, warning.params) : warning.message;
}

/** A piece of a text; `lang` when it is not in the reader's language (BCP 47). */
export interface TextPart {
  text: string;
  lang?: 'nl';
}

// Stands in for the name while the rest of the text is rendered; no catalogue text contains it.
const NAME_SLOT = '\u0000';

/**
 * A stored warning in the reader's language as parts, each Dutch piece marked so on an English page
 * or PDF (WCAG 3.1.2: a screen reader then pronounces it in Dutch): the category's name, which is
 * CBS's own Dutch label ("02 Begeleiding"), or the whole text of a warning stored without
 * parameters. Joined, the parts are warningMessage's text.
 */
export function warningParts(
  locale: Locale,
  warning: { message: string; params?: WarningParams | undefined },
): TextPart[] {
  const { params } = warning;
  if (!params) return [locale === 'nl' ? { text: warning.message } : { text: warning.message, lang: 'nl' }];
  if (locale === 'nl' || !('name' in params)) return [{ text: warningText(locale, params) }];
  const parts: TextPart[] = [];
  warningText(locale, { ...params, name: NAME_SLOT })
    .split(NAME_SLOT)
    .forEach((text, i) => {
      if (i > 0) parts.push({ text: params.name, lang: 'nl' });
      if (text !== '') parts.push({ text });
    });
  return parts;
}
