// The CBS municipal classification (gemeentelijke indeling) per 1 January of a year. Which codes are
// gemeenten on a date D: those of the snapshot of D's year. Municipal mergers take effect on
// 1 January, so a yearly snapshot answers for every day of that year. A year without a snapshot is
// an explicit error, never a silent guess from another year. Pure: the snapshots are passed in.
import { AppError } from '../../platform/errors/app-error.ts';

export interface Gemeente {
  gemeentecode: string;
  naam: string;
  provincie: string;
}

export interface ClassificationSnapshot {
  year: number;
  gemeenten: readonly Gemeente[];
}

/**
 * One row of data/gemeenten-herindelingen.csv: on `ingangsdatum` the area of `voorganger` went to
 * `opvolger`, wholly or in part (a split gemeente has a row per successor). Assumption [A], see
 * docs/decisions/0028-merged-gemeenten.md.
 */
export interface Reorganisation {
  ingangsdatum: string;
  voorganger: string;
  opvolger: string;
  geheel: boolean;
}

/** A gemeente of an earlier date whose area (wholly or partly) went to a later gemeente. */
export interface Predecessor extends Gemeente {
  /** The date its area went to the successor. */
  ingangsdatum: string;
  /** False when only part of its area went to this successor (a split). */
  geheel: boolean;
}

export interface MunicipalClassification {
  years(): number[];
  /**
   * The gemeenten of `date` whose area went, wholly or in part, to `code` after `date` (by the
   * reorganisations shipped with the classification, followed through later ones); [] when none.
   */
  predecessorsOf(code: string, date: string): readonly Predecessor[];
  /** The gemeenten `code` (a gemeente on `date`) went to after `date`, with whether wholly. */
  successorsOf(
    code: string,
    date: string,
  ): ReadonlyArray<{ gemeentecode: string; ingangsdatum: string; geheel: boolean }>;
  /** Every gemeente of the year of `date` (YYYY-MM-DD), sorted by code. */
  gemeentenOn(date: string): readonly Gemeente[];
  /** The gemeente with this code on `date`, or undefined. */
  findGemeente(code: string, date: string): Gemeente | undefined;
  isGemeente(code: string, date: string): boolean;
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function yearOf(date: string): number {
  const m = datePattern.exec(date);
  if (!m)
    throw new AppError('classification.bad_date', {
      value: date,
    });
  return Number(m[1]);
}

export function createClassification(
  snapshots: readonly ClassificationSnapshot[],
  reorganisations: readonly Reorganisation[] = [],
): MunicipalClassification {
  const byYear = new Map<number, { list: readonly Gemeente[]; byCode: Map<string, Gemeente> }>();
  for (const s of snapshots) {
    const sorted = [...s.gemeenten].sort((a, b) => a.gemeentecode.localeCompare(b.gemeentecode));
    byYear.set(s.year, { list: sorted, byCode: new Map(sorted.map((g) => [g.gemeentecode, g])) });
  }
  const snapshotFor = (date: string) => {
    const year = yearOf(date);
    const snapshot = byYear.get(year);
    if (!snapshot) {
      throw new AppError('classification.year_unavailable', {
        year,
        available: [...byYear.keys()].sort().join(', '),
      });
    }
    return snapshot;
  };
  const predecessorsOf = (code: string, date: string, seen: ReadonlySet<string>): Predecessor[] => {
    yearOf(date);
    const found: Predecessor[] = [];
    for (const r of reorganisations) {
      if (r.opvolger !== code || r.ingangsdatum <= date || seen.has(r.voorganger)) continue;
      const gemeente = snapshotFor(date).byCode.get(r.voorganger);
      if (gemeente) found.push({ ...gemeente, ingangsdatum: r.ingangsdatum, geheel: r.geheel });
      // A predecessor formed after `date` itself: its own predecessors are the gemeenten of `date`.
      else found.push(...predecessorsOf(r.voorganger, date, new Set([...seen, r.voorganger])));
    }
    return found.sort((a, b) => a.gemeentecode.localeCompare(b.gemeentecode));
  };
  return {
    predecessorsOf: (code, date) => predecessorsOf(code, date, new Set([code])),
    successorsOf: (code, date) => {
      yearOf(date);
      return reorganisations
        .filter((r) => r.voorganger === code && r.ingangsdatum > date)
        .map((r) => ({ gemeentecode: r.opvolger, ingangsdatum: r.ingangsdatum, geheel: r.geheel }));
    },
    years: () => [...byYear.keys()].sort((a, b) => a - b),
    gemeentenOn: (date) => snapshotFor(date).list,
    findGemeente: (code, date) => snapshotFor(date).byCode.get(code),
    isGemeente: (code, date) => snapshotFor(date).byCode.has(code),
  };
}

/** Parses one `gemeenten-JJJJ.csv` (header `gemeentecode;naam;provincie`). */
export function parseClassificationCsv(text: string): Gemeente[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const [header, ...rows] = lines;
  if (header?.trim() !== 'gemeentecode;naam;provincie') {
    throw new Error(`Onverwachte kopregel in gemeentelijke indeling: ${header ?? '(leeg)'}`);
  }
  return rows.map((line, i) => {
    const [gemeentecode, naam, provincie] = line.split(';');
    if (!gemeentecode || !/^\d{4}$/.test(gemeentecode) || !naam || !provincie) {
      throw new Error(`Ongeldige regel ${i + 2} in gemeentelijke indeling: ${line}`);
    }
    return { gemeentecode, naam, provincie };
  });
}

/** Parses data/gemeenten-herindelingen.csv (header `ingangsdatum;voorganger;opvolger;deel`). */
export function parseReorganisationCsv(text: string): Reorganisation[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const [header, ...rows] = lines;
  if (header?.trim() !== 'ingangsdatum;voorganger;opvolger;deel') {
    throw new Error(`Onverwachte kopregel in herindelingen: ${header ?? '(leeg)'}`);
  }
  return rows.map((line, i) => {
    const [ingangsdatum, voorganger, opvolger, deel] = line.split(';');
    if (
      !ingangsdatum ||
      !datePattern.test(ingangsdatum) ||
      !voorganger ||
      !/^\d{4}$/.test(voorganger) ||
      !opvolger ||
      !/^\d{4}$/.test(opvolger) ||
      (deel !== 'geheel' && deel !== 'deel')
    ) {
      throw new Error(`Ongeldige regel ${i + 2} in herindelingen: ${line}`);
    }
    return { ingangsdatum, voorganger, opvolger, geheel: deel === 'geheel' };
  });
}
