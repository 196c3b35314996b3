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

export interface MunicipalClassification {
  years(): number[];
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
    throw new AppError('classification.bad_date', `Ongeldige datum "${date}"; verwacht JJJJ-MM-DD.`, {
      value: date,
    });
  return Number(m[1]);
}

export function createClassification(snapshots: readonly ClassificationSnapshot[]): MunicipalClassification {
  const byYear = new Map<number, { list: readonly Gemeente[]; byCode: Map<string, Gemeente> }>();
  for (const s of snapshots) {
    const sorted = [...s.gemeenten].sort((a, b) => a.gemeentecode.localeCompare(b.gemeentecode));
    byYear.set(s.year, { list: sorted, byCode: new Map(sorted.map((g) => [g.gemeentecode, g])) });
  }
  const snapshotFor = (date: string) => {
    const year = yearOf(date);
    const snapshot = byYear.get(year);
    if (!snapshot) {
      throw new AppError(
        'classification.year_unavailable',
        `Er is geen gemeentelijke indeling voor ${year} beschikbaar (wel voor ${[...byYear.keys()].sort().join(', ')}).`,
        { year, available: [...byYear.keys()].sort().join(', ') },
      );
    }
    return snapshot;
  };
  return {
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
