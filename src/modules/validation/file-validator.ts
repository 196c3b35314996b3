// Validates one data file against a compiled spec while its bytes stream past: identifies the file
// (name and header), then checks every record on the bytes. Holds no rows: per file it keeps only the
// findings (capped), the counts, and the hash sets for duplicate lines and keys.
import { detail, isoDay, plainAmount, type FindingDetail } from './finding-details.ts';
import type { MunicipalClassification, Predecessor } from '../classification/index.ts';
import type { ByteSource } from '../../platform/bytes/byte-source.ts';
import {
  AMOUNT_ALTERNATIVE_SEPARATOR,
  AMOUNT_INVALID,
  AMOUNT_NEGATIVE,
  AMOUNT_OK,
  DATE_BAD_FORMAT,
  checkAmount,
  codeKeyOfText,
  countUtf8Chars,
  hasBinaryBytes,
  isAllDigits,
  isValidUtf8,
  parseCompactDate,
  parseCompactDateWords,
  checkBsnWords,
  BSN_BAD_FORMAT,
  BSN_VALID,
  parsePeriodBytes,
  parseDashedDate,
  readAmountCents,
  readDigits,
} from './byte-checks.ts';
import { indexOfByteFast, ROW_BASE, simdScanner, type SimdScanner } from './simd-scan.ts';
import {
  ROW_BATCH,
  ROW_BATCH_CAPACITY,
  ROW_BATCH_COUNT,
  ROW_BATCH_WORDS,
  ROW_MAX_REQUIRES,
  ROW_MAX_SAMES,
  ROW_MAX_TESTS,
  ROW_PERIOD_FIRST,
  ROW_PERIOD_LAST,
  ROW_REQUIRE_COUNT,
  ROW_REQUIRES,
  ROW_SAME_COUNT,
  ROW_SAMES,
  ROW_TEST_COUNT,
  ROW_TESTS,
  ROW_CODES,
  ROW_COLUMN_WORDS,
  ROW_DATES,
  ROW_FILLED,
  ROW_FLAG_GEMEENTE,
  ROW_FLAG_REQUIRED,
  ROW_GEMEENTE_WORD,
  ROW_KEY_COLUMNS,
  ROW_KEY_COUNT,
  ROW_KEY_HI,
  ROW_KEY_LO,
  ROW_MAX_COLUMNS,
  ROW_MAX_FIELDS,
  ROW_MAX_KEY_COLUMNS,
  ROW_REGION_BYTES,
  ROW_SEEN,
  ROW_TABLE,
} from './row-check.ts';
import { CsvScanner, RECORD_OK, RECORD_TOO_LONG, type CsvRecord } from './csv-scanner.ts';
import { FindingList, maskBsn, type FindingListPart } from './finding-list.ts';
import type { Hasher } from '../../platform/bytes/sha256-hasher.ts';
import {
  normalizeColumnName,
  type CompiledField,
  type CompiledFileType,
  type CompiledSpec,
} from './spec-compiler.ts';
import type { FileReport } from './validation-report.ts';
import type { FileType, FindingCode, Severity } from './validation-spec.ts';
import {
  DUPLICATE_LINE,
  DuplicateDetector,
  groupKeys,
  startsExact,
  type GroupedKeys,
} from './duplicate-detector.ts';
import { CODE_UNKNOWN, CODE_VALID, CodeTable } from './code-table.ts';
import { ZipDataError, ZipLimitError } from './zip/index.ts';

export interface FileValidationContext {
  compiled: CompiledSpec;
  classification: MunicipalClassification;
  /** The delivering municipality (4 digits), when known. */
  gemeente?: string;
  /** The delivered half year ("2017H2"), when known. */
  period?: string;
  /** The date the upload is judged on, as yyyymmdd. */
  today: number;
  createHasher: (sizeHint: number) => Hasher;
  onBytes?: (bytes: number) => void;
  /** Per file type, the code fields whose distinct codes upload rules need (see ValidatedFile). */
  collect?: ReadonlyMap<string, readonly string[]>;
}

/** A file's report, and the distinct valid codes of the fields ctx.collect asked for (field -> codes). */
export interface ValidatedFile {
  report: FileReport;
  codes: Map<string, string[]>;
}

/** What the file name says, when it follows the naming convention. */
interface NameInfo {
  type: CompiledFileType | null;
  token: string;
  gemeente: string;
  period: string;
}

/** Rule kinds as numbers; every compiled rule has one object shape, so the row loop stays monomorphic. */
const RULE_DATE_ORDER = 1;
const RULE_PERIOD_OVERLAP = 2;
const RULE_NOT_FUTURE = 3;
const RULE_REQUIRES = 4;
const RULE_ONE_OF = 5;
const RULE_SAME_VALUE = 6;
const RULE_NOT_BEFORE = 7;
const RULE_NOT_BEFORE_PERIOD = 8;
const RULE_AMOUNT_RATIO = 9;

interface CompiledRule {
  kind: number;
  severity: Severity;
  /** Start fields (dateOrder, periodOverlap), limits (notFuture: field index or TODAY), fields (oneOf). */
  first: number[];
  /** End fields (periodOverlap). */
  second: number[];
  field: number;
  other: number;
  column: string;
  otherColumn: string;
  columns: string[];
  /** sameValue: the header column of `field`, whether it is a date, and the first value seen. */
  headerColumn: number;
  isDate: boolean;
  firstDate: number;
  firstBytes: Uint8Array | null;
  firstLine: number;
  /** requires: only when `field` is a date in the delivered half year; amountRatio: the factor. */
  inPeriod: boolean;
  factor: number;
  /**
   * Slots of `dates` for checkRules, where a missing field (-1) reads the always-0 slot past the
   * fields: `field`, `other`, the first two of `first` and the first of `second`. Saves checkRules
   * the index guards and firstDate's loop for the lists of one or two fields every spec rule has.
   */
  fieldSlot: number;
  otherSlot: number;
  first0: number;
  first1: number;
  second0: number;
  second1: number;
}

const KIND_IGNORED = 0;
const KIND_DATE = 1;
const KIND_DIGITS = 2;
const KIND_BSN = 3;
const KIND_CODE = 4;
const KIND_TEXT = 5;
const KIND_AMOUNT = 6;
const KIND_PERIOD = 7;
const ROLE_NONE = 0;
const ROLE_GEMEENTE = 1;
const ROLE_PERIODE = 2;

/**
 * What to check in one header column, flattened from the spec into one object shape for all field
 * types: the row loop reads these for every field of every row, and mixed shapes would make each
 * property read slow (megamorphic).
 */
interface ColumnPlan {
  kind: number;
  index: number;
  name: string;
  required: boolean;
  role: number;
  length: number;
  maxLength: number;
  minDate: number;
  integerDigits: number;
  decimals: number;
  negative: Severity | null;
  /** Amount: keep the value in cents for a rule (amountRatio). */
  keepAmount: boolean;
  /** BSN: the test-number range, refused (testMax 0: none). */
  testMin: number;
  testMax: number;
  /** Text: severity of a value that is not all digits, null when any text is fine. */
  nonNumeric: Severity | null;
  codes: CodeTable;
  /** Marks the slots of the codes seen in this column (by codes.lastSlot), when an upload rule needs them. */
  seen: Uint8Array | null;
  severities: {
    required: Severity;
    format: Severity;
    date: Severity;
    amount: Severity;
    code: Severity;
    elfproef: Severity;
    bsnTest: Severity;
    dateFormat: Severity;
  };
  /** For messages only; null for an ignored column. */
  field: CompiledField | null;
}

const NO_CODES = new CodeTable([]);

/** A header column the spec does not know: skipped. */
const IGNORED_PLAN: ColumnPlan = {
  kind: KIND_IGNORED,
  index: -1,
  name: '',
  required: false,
  role: ROLE_NONE,
  length: -1,
  maxLength: -1,
  minDate: 0,
  integerDigits: 0,
  decimals: 0,
  negative: null,
  keepAmount: false,
  testMin: 0,
  testMax: 0,
  nonNumeric: null,
  codes: NO_CODES,
  seen: null,
  severities: {
    required: 'error',
    format: 'error',
    date: 'error',
    amount: 'error',
    code: 'error',
    elfproef: 'error',
    bsnTest: 'error',
    dateFormat: 'warning',
  },
  field: null,
};

/** Seeds of the 64-bit key hash (both passes), of an independent second key hash, and of the line hash. */
const KEY_SEED_1 = 0x811c9dc5;
const KEY_SEED_2 = 0x2545f491;
const SECOND_SEED_1 = 0x9747b28c;
const SECOND_SEED_2 = 0x61c88647;
const LINE_SEED_1 = 0x3c6ef372;
const LINE_SEED_2 = 0x1b873593;

/** For tests: skip the quick rule tests (maySomeRuleReport), so checkRules runs on every row. */
let ruleTestsOff = false;
export function disableRuleTests(off: boolean): void {
  ruleTestsOff = off;
}

/** For tests: check every row in JavaScript (checkFields), without the wasm row check (row-check.ts). */
let rowCheckOff = false;
export function disableRowCheck(off: boolean): void {
  rowCheckOff = off;
}

/** Row check tables of released validators (FileValidator.release), a few per thread. */
const spareRowImages: Int32Array[] = [];

function giveBackRowImage(image: Int32Array): void {
  if (spareRowImages.length < 4) spareRowImages.push(image);
}

/** The int32 word of the module's memory where the row check's region starts. */
const ROW_WORD = ROW_BASE / 4;

/** notAfter index meaning "today" rather than a field. */
const TODAY = -2;

const MAX_VALUE_CHARS = 60;

/** A word read big-endian (DataView's default) as the same four bytes read little-endian (wasm). */
function littleEndianWord(word: number): number {
  return (
    ((word & 0xff) << 24) | (((word >>> 8) & 0xff) << 16) | (((word >>> 16) & 0xff) << 8) | (word >>> 24)
  );
}
const BINARY_MESSAGE =
  'Het bestand bevat binaire gegevens (zoals NUL-tekens) en is geen tekstbestand. Lever een CSV-tekstbestand met puntkomma als scheidingsteken.';

/** For identifyFileType: the header never asks the classification (only records do). */
const NO_CLASSIFICATION: MunicipalClassification = {
  years: () => [],
  gemeentenOn: () => [],
  predecessorsOf: () => [],
  successorsOf: () => [],
  findGemeente: () => undefined,
  isGemeente: () => {
    throw new Error('identifyFileType reads no records');
  },
};

/**
 * The file type the check gives this file, from its name and header line only, by the check's own
 * rules (the header's columns win over the name; a header split by another separator still names
 * its type). Reads no further than the header line. Null when neither tells.
 */
export async function identifyFileType(source: ByteSource, compiled: CompiledSpec): Promise<FileType | null> {
  const validator = new FileValidator(source.name, source.size, {
    compiled,
    classification: NO_CLASSIFICATION,
    today: 0,
    createHasher: () => {
      throw new Error('identifyFileType hashes nothing');
    },
  });
  validator.stopAfterHeader();
  try {
    for await (const chunk of source.stream()) {
      validator.push(chunk);
      if (validator.isPastHeader()) break;
    }
    if (!validator.isPastHeader()) validator.finish();
  } catch (error) {
    validator.fail(error);
  }
  return validator.identifiedType();
}

export async function validateFile(source: ByteSource, ctx: FileValidationContext): Promise<ValidatedFile> {
  const validator = new FileValidator(source.name, source.size, ctx);
  const hasher = ctx.createHasher(source.size);
  let bytes = 0;
  try {
    for await (const chunk of source.stream()) {
      hasher.update(chunk);
      bytes += chunk.length;
      ctx.onBytes?.(chunk.length);
      validator.push(chunk);
    }
  } catch (error) {
    validator.fail(error);
    return { report: validator.toReport(await hasher.digest(), bytes), codes: validator.collectedCodes() };
  }
  return finishValidation(validator, source, hasher, bytes);
}

/** After the first pass over every byte: the end of the file, the duplicate pass, the report. */
export async function finishValidation(
  validator: FileValidator,
  source: ByteSource,
  hasher: Hasher,
  bytes: number,
  /** Told before a second pass starts (the memory of the first can go: FilePartRunner.release). */
  beforeSecondPass?: () => void,
): Promise<ValidatedFile> {
  try {
    validator.finish();
    if (validator.needsSecondPass()) {
      // Only when a key may repeat: read the source again to settle the duplicate candidates.
      beforeSecondPass?.();
      validator.startSecondPass();
      for await (const chunk of source.stream()) {
        if (validator.pushSecondPass(chunk)) break;
      }
      validator.finishSecondPass();
    }
  } catch (error) {
    validator.fail(error);
  }
  return { report: validator.toReport(await hasher.digest(), bytes), codes: validator.collectedCodes() };
}

/**
 * A part's rows to check for duplicates: key hash (2), line, row status, prefilter value; the layout
 * of the wasm rows()'s batch, which is copied as it is.
 */
const PART_KEY_STRIDE = ROW_BATCH_WORDS;

/** What checking one part of a file gives (FileValidator.partResult): plain data, for another thread. */
export interface FilePartResult {
  /** The part ended between two records (a cut inside a quoted field does not). */
  atBoundary: boolean;
  unreadable: boolean;
  /** crossPartState() after the part, and after the prefix replayed before it. */
  state: string;
  startState: string;
  /** The part asked the classification what its table did not hold. */
  missed: boolean;
  findings: FindingListPart;
  rows: { total: number; withErrors: number; withWarnings: number };
  badCountRows: number;
  /** Per header column, the code slots seen (collected code fields only). */
  seen: (Uint8Array | null)[];
  keys: Int32Array;
  /** The keys grouped by the duplicate detector's partitions (null without keys). */
  grouped: GroupedKeys | null;
  /** The length the duplicate detector is sized by, from the part's first row it keeps a key of. */
  firstLineBytes: number;
}

function lineBytesOf(r: CsvRecord): number {
  return Math.max(8, r.count > 0 ? r.ends[r.count - 1]! - r.starts[0]! + 2 : 64);
}

export class FileValidator {
  private findings = new FindingList();
  private readonly compiled: CompiledSpec;
  private readonly scanner: CsvScanner;
  private readonly nameInfo: NameInfo | null;
  private fileType: CompiledFileType | null = null;
  private unreadable = false;
  private headerOnly = false;
  private firstChunk = true;
  private headerSeen = false;
  private headerCount = 0;
  private columns: (CompiledField | undefined)[] = [];
  private keyColumns: number[] = [];
  private rules: CompiledRule[] = [];
  /**
   * The rules as branch-free tests (compileRuleTests): per test four slots of `dates` (a0, a1, b0, b1),
   * true when a = a0's date or else a1's is not 0 and lies before b = b0's or else b1's.
   */
  private ruleTests = new Int32Array(0);
  /** requires rules: per rule its field, the field it requires, and 1 when only within the period. */
  private requireTests = new Int32Array(0);
  /** sameValue rules on a date: their index in `rules`. */
  private sameDateTests = new Int32Array(0);
  /** Some rule has no test (maySomeRuleReport cannot rule it out): checkRules runs on every row. */
  private rulesUntested = false;
  private checkLines = false;
  private checkKeys = false;
  private lineSeverity: Severity = 'error';
  private keySeverity: Severity = 'warning';
  private keyHashHi = 0;
  private keyHashLo = 0;
  private keyNames = '';
  private plans: ColumnPlan[] = [];
  /** A DataView over the record buffer, for reading four bytes at once; renewed when the buffer changes. */
  private viewOf: Uint8Array | null = null;
  private view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
  private duplicates: DuplicateDetector | null = null;
  /** Part mode (beginPart): per row to check for duplicates, PART_KEY_STRIDE numbers (see recordPartKey). */
  private partKeys: Int32Array | null = null;
  private partKeyCount = 0;
  private partFirstLineBytes = 0;
  private duplicatePending = false;
  private pendingKeyHi = 0;
  private pendingKeyLo = 0;
  private pendingPrefilter = 0;
  private lineHashHi = 0;
  private lineHashLo = 0;
  private secondScanner: CsvScanner | null = null;
  private secondHeaderSeen = false;
  private secondPassComplete = false;
  /** Rows that went to the duplicate check with the wrong number of fields (keyed by their line). */
  private badCountRows = 0;
  private decoder = new TextDecoder('utf-8');
  private encodingFallback = false;
  private rowsTotal = 0;
  private rowsWithErrors = 0;
  private rowsWithWarnings = 0;
  private filled: Uint8Array = new Uint8Array(0);
  private dates: Int32Array = new Int32Array(0);
  /** Amounts in cents of the fields a rule compares; NaN when the value was not a valid amount. */
  private amounts = new Float64Array(0);
  /** The header is separated by another character than the spec's: the records are not checked. */
  private wrongDelimiter = false;
  private delimiterType: CompiledFileType | null = null;
  // Gemeente and period as the content shows them.
  private firstGemeente = -1;
  /** The code that passed every gemeente check: later rows with it skip the checks. */
  private gemeenteOk = -1;
  /** The four bytes of a clean gemeentecode field equal to gemeenteOk (big-endian), 0 until there is one. */
  private gemeenteOkWord = 0;
  /**
   * The SIMD module when its row check (row-check.ts) can check this file type's clean rows, else
   * null; rowImage is its region (table, key columns, code tables) as this file needs it, written
   * there whenever another validator of this thread used the region since (installRowCheck).
   */
  private rowCheck: SimdScanner | null = null;
  private rowImage: Int32Array | null = null;
  /** Header columns whose code slots the row check reports for the seen marks, and their marks. */
  private rowSeenColumns: number[] = [];
  private rowSeenMarks: Uint8Array[] = [];
  /** Per such column, where in the module's memory rows() marks the code slots it saw. */
  private rowSeenBytes: number[] = [];
  private readonly deliveringGemeente: number;
  private readonly knownGemeenten = new Map<number, boolean>();
  /** The spec lets a successor deliver the half years before its formation (spec `reorganisations`). */
  private readonly successorRule: boolean;
  /** The delivering gemeente's predecessors on the period's last day (their codes as numbers). */
  private delivererPredecessors = new Set<number>();
  private predecessorsReported = false;
  private firstPeriode = -1;
  private deliveredPeriod: number;
  private periodFirstDay = 0;
  private periodLastDay = 0;
  private nameMismatchReported = { gemeente: false, period: false };

  constructor(
    private readonly name: string,
    private readonly size: number,
    private readonly ctx: FileValidationContext,
  ) {
    this.compiled = ctx.compiled;
    this.scanner = new CsvScanner((r) => this.onRecord(r), {
      delimiter: this.compiled.delimiter,
      quote: this.compiled.quote,
      maxLineBytes: this.compiled.maxLineBytes,
    });
    this.deliveringGemeente = ctx.gemeente !== undefined ? Number(ctx.gemeente) : -1;
    this.successorRule = this.compiled.spec.reorganisations?.successorDeliversBeforeFormation === true;
    this.nameInfo = this.readName();
    const period = ctx.period ?? this.nameInfo?.period;
    this.deliveredPeriod = period !== undefined ? periodNumber(period) : -1;
    this.setPeriodBounds();
    this.checkName();
  }

  /**
   * The start-of-file check push() makes on the first chunk (binary bytes in its first 8 KiB), on the
   * source's first chunk, for a caller that then pushes that chunk in pieces (file-parts.ts).
   */
  checkFirstChunk(chunk: Uint8Array): void {
    if (this.unreadable || !this.firstChunk) return;
    this.firstChunk = false;
    if (hasBinaryBytes(chunk, 0, Math.min(chunk.length, 8192))) this.markUnreadable(BINARY_MESSAGE);
  }

  push(chunk: Uint8Array): void {
    if (this.unreadable) return;
    const binary =
      indexOfByteFast(chunk, 0, 0, chunk.length) >= 0 ||
      (this.firstChunk && hasBinaryBytes(chunk, 0, Math.min(chunk.length, 8192)));
    this.firstChunk = false;
    if (binary) {
      this.markUnreadable(BINARY_MESSAGE);
      return;
    }
    this.scanner.push(chunk);
  }

  finish(): void {
    if (this.unreadable) return;
    this.scanner.finish();
    // The last records may have shown the file to be binary.
    if (this.unreadable) return;
    if (!this.headerSeen) {
      this.findings.add(
        'file.empty',
        this.compiled.severity('file.empty'),
        undefined,
        undefined,
        'Het bestand is leeg. Lever een bestand met een kopregel en ten minste één record.',
        undefined,
        detail('file.empty', {}),
      );
    } else if (this.rowsTotal === 0) {
      this.findings.add(
        'file.empty',
        this.compiled.severity('file.empty'),
        undefined,
        undefined,
        'Het bestand bevat alleen een kopregel en geen records. Lever een bestand met ten minste één record.',
        undefined,
        detail('file.empty.header_only', {}),
      );
    }
  }

  /** The source could not be read to the end: a hostile ZIP entry or a read error. */
  fail(error: unknown): void {
    if (error instanceof ZipLimitError) {
      this.restartFindings();
      this.findings.add(
        'zip.unsafe',
        this.compiled.severity('zip.unsafe'),
        undefined,
        undefined,
        error.message,
      );
      this.unreadable = true;
      return;
    }
    if (error instanceof ZipDataError) {
      this.restartFindings();
      this.findings.add(
        'zip.invalid',
        this.compiled.severity('zip.invalid'),
        undefined,
        undefined,
        error.message,
      );
      this.unreadable = true;
      return;
    }
    this.markUnreadable('Het bestand kon niet tot het einde gelezen worden. Lever het bestand opnieuw aan.');
  }

  /** Records after the header are not read (identifyFileType). */
  stopAfterHeader(): void {
    this.headerOnly = true;
  }

  isPastHeader(): boolean {
    return this.headerSeen || this.unreadable;
  }

  /** The type from the header, else from the separator check, else from the name. */
  identifiedType(): FileType | null {
    return this.fileType?.type ?? this.delimiterType?.type ?? this.nameInfo?.type?.type ?? null;
  }

  toReport(sha256: string, bytes: number): FileReport {
    const contentGemeente = this.firstGemeente >= 0 ? String(this.firstGemeente).padStart(4, '0') : null;
    const contentPeriod = this.firstPeriode >= 0 ? periodText(this.firstPeriode) : null;
    this.reportPredecessors(contentGemeente ?? this.nameInfo?.gemeente ?? null);
    const f = this.findings;
    return {
      name: this.name,
      sha256,
      bytes,
      type: this.identifiedType(),
      // What the records say wins over the name, as the type from the header does.
      gemeentecode: contentGemeente ?? this.nameInfo?.gemeente ?? null,
      period: contentPeriod ?? this.nameInfo?.period ?? this.ctx.period ?? null,
      status: f.hasError ? 'rejected' : 'approved',
      rows: { total: this.rowsTotal, withErrors: this.rowsWithErrors, withWarnings: this.rowsWithWarnings },
      counts: f.counts,
      findings: f.findings,
      findingsTruncated: f.truncated,
    };
  }

  /** The distinct valid codes per collected field; a field absent from the header is absent here. */
  collectedCodes(): Map<string, string[]> {
    const codes = new Map<string, string[]>();
    if (this.unreadable) return codes;
    for (const plan of this.plans) {
      const seen = plan.seen;
      if (seen === null) continue;
      const list: string[] = [];
      for (let slot = 0; slot < seen.length; slot++) if (seen[slot] === 1) list.push(plan.codes.codeAt(slot));
      codes.set(plan.name, list.sort());
    }
    return codes;
  }

  // ----- name ----------------------------------------------------------------------------------

  private readName(): NameInfo | null {
    const base = this.name.slice(this.name.lastIndexOf('/') + 1);
    const m = this.compiled.namePattern.exec(base);
    const groups = this.compiled.spec.format.fileName.groups;
    if (!m) return null;
    const token = (m[groups.type] ?? '').toUpperCase();
    return {
      type: this.compiled.fileTypes.find((t) => t.nameToken.toUpperCase() === token) ?? null,
      token,
      gemeente: m[groups.gemeentecode] ?? '',
      period: `${m[groups.year] ?? ''}H${m[groups.half] ?? ''}`,
    };
  }

  private checkName(): void {
    const info = this.nameInfo;
    const f = this.findings;
    const sev = this.compiled.severity;
    if (!info) {
      const base = this.name.slice(this.name.lastIndexOf('/') + 1);
      f.add(
        'file.name_pattern',
        sev('file.name_pattern'),
        undefined,
        undefined,
        `De bestandsnaam "${base}" volgt de naamgeving niet. Verwacht <TYPE>_<GGGG>_<JJJJ>H<n>.csv met TYPE één van ${this.compiled.fileTypes.map((t) => t.nameToken).join(', ')}, bijvoorbeeld WMO_0363_2017H2.csv.`,
        undefined,
        () =>
          detail('file.name_pattern', {
            name: base,
            types: this.compiled.fileTypes.map((t) => t.nameToken).join(', '),
          }),
      );
      return;
    }
    if (
      this.ctx.gemeente !== undefined &&
      info.gemeente !== this.ctx.gemeente &&
      !this.delivererPredecessors.has(Number(info.gemeente))
    ) {
      f.add(
        'gemeente.mismatch',
        sev('gemeente.mismatch'),
        undefined,
        undefined,
        `De bestandsnaam noemt gemeente ${info.gemeente}, maar de aanleverende gemeente is ${this.ctx.gemeente}. Lever alleen bestanden van gemeente ${this.ctx.gemeente}.`,
        info.gemeente,
        detail('gemeente.mismatch.name', { gemeente: info.gemeente, delivering: this.ctx.gemeente }),
      );
    }
    if (this.ctx.period !== undefined && info.period !== this.ctx.period) {
      f.add(
        'period.mismatch',
        sev('period.mismatch'),
        undefined,
        undefined,
        `De bestandsnaam noemt periode ${info.period}, maar aangeleverd wordt periode ${this.ctx.period}. Lever een bestand voor ${this.ctx.period} of kies de juiste periode.`,
        info.period,
        detail('period.mismatch.name', { period: info.period, delivered: this.ctx.period }),
      );
    }
    if (this.isKnownGemeente(Number(info.gemeente)) === false) {
      f.add(
        'gemeente.unknown',
        sev('gemeente.unknown'),
        undefined,
        undefined,
        `Gemeentecode ${info.gemeente} in de bestandsnaam bestaat niet in de gemeentelijke indeling van ${this.periodLabel()}. Gebruik de CBS-gemeentecode van 4 cijfers die op de laatste dag van de periode gold.`,
        info.gemeente,
        () => detail('gemeente.unknown.name', { gemeente: info.gemeente, ...this.periodParams() }),
      );
    }
  }

  // ----- records -------------------------------------------------------------------------------

  private onRecord(r: CsvRecord): void {
    if (this.unreadable || (r.count === 0 && r.problem === RECORD_OK)) return;
    if (!this.headerSeen) {
      this.headerSeen = true;
      this.readHeader(r);
      return;
    }
    if (this.headerOnly) return;
    this.rowsTotal += 1;
    if (this.wrongDelimiter) return;
    const f = this.findings;
    f.rowHasError = false;
    f.rowHasWarning = false;
    this.duplicatePending = false;
    this.checkRow(r);
    const status = f.rowHasError ? 2 : f.rowHasWarning ? 1 : 0;
    if (status === 2) this.rowsWithErrors += 1;
    else if (status === 1) this.rowsWithWarnings += 1;
    if (this.duplicatePending) {
      if (this.partKeys !== null) {
        this.recordPartKey(r, status);
        return;
      }
      const duplicates = this.duplicates ?? this.createDuplicateDetector(lineBytesOf(r));
      // The prefilter value only when the detector keeps one (the filter way from the first row).
      const prefilter = this.pendingPrefilter !== 0 && duplicates.keepsPrefilter ? this.keyPrefilter(r) : 0;
      duplicates.add(this.pendingKeyHi, this.pendingKeyLo, r.line, status, prefilter);
    }
  }

  /** Sized from the first data line, so a large file's table rarely grows (growing doubles memory briefly). */
  private createDuplicateDetector(lineBytes: number): DuplicateDetector {
    this.duplicates = new DuplicateDetector(this.expectedRows(lineBytes), this.checkLines, this.checkKeys);
    return this.duplicates;
  }

  /** The rows a file of this size holds with lines of about `lineBytes`, as the detector is sized. */
  private expectedRows(lineBytes: number): number {
    return Math.min(Math.ceil(this.size / lineBytes) + 16, 1 << 24);
  }

  // ----- parts: a large file checked in parts on several threads (file-parts.ts) ------------------

  /** Whether the bytes pushed so far end between two records, with a data row read. */
  canSplitHere(): boolean {
    return !this.unreadable && this.rowsTotal > 0 && this.scanner.atRecordBoundary();
  }

  isUnreadable(): boolean {
    return this.unreadable;
  }

  /** The last day of the period the records are judged on (YYYY-MM-DD), null while unknown. */
  periodDay(): string | null {
    return this.periodLastDay === 0 ? null : isoDate(this.periodLastDay);
  }

  /**
   * Everything the checks of later records depend on that earlier records may set: a part checked
   * from this state gives what the whole file gives only while it equals the state before the part.
   */
  crossPartState(): string {
    return JSON.stringify([
      this.unreadable,
      this.headerSeen,
      this.headerCount,
      this.fileType?.type ?? null,
      this.wrongDelimiter,
      this.encodingFallback,
      this.firstGemeente,
      this.firstPeriode,
      this.deliveredPeriod,
      this.nameMismatchReported.gemeente,
      this.nameMismatchReported.period,
      this.rules.map((r) => [r.firstDate, r.firstLine, r.firstBytes === null ? null : [...r.firstBytes]]),
    ]);
  }

  /**
   * From here on this validator checks one part of the file, which starts at physical line `line` at a
   * record boundary: findings and counts start afresh, and rows to check for duplicates are kept as
   * keys (partResult) for the thread that holds the whole file's duplicate detector, in `storage` when
   * given (a buffer of an earlier part, see FilePartRunner.recycle: fresh memory costs ~4 ms per MB in
   * page faults here, more than checking the part's keys does) and it holds them, else in a new array.
   */
  beginPart(line: number, expectedRows = 1024, storage?: Int32Array): void {
    this.findings = new FindingList();
    this.rowsTotal = 0;
    this.rowsWithErrors = 0;
    this.rowsWithWarnings = 0;
    this.badCountRows = 0;
    this.duplicates = null;
    const want = Math.max(64, expectedRows) * PART_KEY_STRIDE;
    // An eighth more than asked, so that the next part of the same size fits in this one's storage
    // (memory never written costs nothing).
    this.partKeys =
      storage !== undefined && storage.length >= want ? storage : new Int32Array(want + (want >> 3));
    this.partKeyCount = 0;
    this.partFirstLineBytes = 0;
    for (const plan of this.plans) plan.seen?.fill(0);
    // The marks the wasm row check made in its memory belong to the rows before.
    const module = this.rowCheck;
    if (module !== null && module.rowOwner === this) this.installRowCheck(module);
    this.scanner.continueAtLine(line);
  }

  /**
   * Done with this validator (a part's, once its result is taken; never used again): its scanner's
   * offset arrays and its row check's table go to the next validator of this thread, instead of
   * ~640 KiB of fresh memory per part (see CsvScanner.release).
   */
  release(): void {
    this.scanner.release();
    if (this.rowImage !== null) giveBackRowImage(this.rowImage);
    this.rowImage = null;
    if (this.rowCheck?.rowOwner === this) this.rowCheck.rowOwner = null;
    this.rowCheck = null;
  }

  /** The end of the last part: records the scanner still holds (a last line without a line end). */
  finishPart(): void {
    if (!this.unreadable) this.scanner.finish();
  }

  partResult(): FilePartResult {
    const f = this.findings;
    const keys = this.partKeys!.subarray(0, this.partKeyCount * PART_KEY_STRIDE);
    return {
      atBoundary: this.scanner.atRecordBoundary(),
      unreadable: this.unreadable,
      state: this.crossPartState(),
      startState: '',
      missed: false,
      findings: { findings: f.findings, counts: f.counts, truncated: f.truncated, hasError: f.hasError },
      rows: { total: this.rowsTotal, withErrors: this.rowsWithErrors, withWarnings: this.rowsWithWarnings },
      badCountRows: this.badCountRows,
      seen: this.plans.map((plan) => plan.seen),
      keys,
      // Grouped here, on the part's thread, for the thread that takes the parts in (addPart); not
      // for a file so long that its detector starts with the filter, which takes keys row by row.
      grouped:
        keys.length > 0 && startsExact(this.expectedRows(this.partFirstLineBytes))
          ? groupKeys(keys, PART_KEY_STRIDE)
          : null,
      firstLineBytes: this.partFirstLineBytes,
    };
  }

  /** Takes in the next part's result, as if its records had been read here. */
  absorbPart(part: FilePartResult): void {
    this.findings.absorb(part.findings);
    this.rowsTotal += part.rows.total;
    this.rowsWithErrors += part.rows.withErrors;
    this.rowsWithWarnings += part.rows.withWarnings;
    this.badCountRows += part.badCountRows;
    this.plans.forEach((plan, c) => {
      const seen = part.seen[c];
      if (plan.seen === null || !seen) return;
      for (let slot = 0; slot < seen.length; slot++) if (seen[slot] === 1) plan.seen[slot] = 1;
    });
    if (part.keys.length === 0) return;
    const duplicates = this.duplicates ?? this.createDuplicateDetector(part.firstLineBytes);
    duplicates.addPart(part.keys, PART_KEY_STRIDE, part.grouped);
  }

  private recordPartKey(r: CsvRecord, status: number): void {
    if (this.partKeyCount === 0) this.partFirstLineBytes = lineBytesOf(r);
    let keys = this.partKeys!;
    const at = this.partKeyCount * PART_KEY_STRIDE;
    if (at + PART_KEY_STRIDE > keys.length) {
      const grown = new Int32Array(keys.length * 2);
      grown.set(keys);
      keys = grown;
      this.partKeys = grown;
    }
    keys[at] = this.pendingKeyHi;
    keys[at + 1] = this.pendingKeyLo;
    keys[at + 2] = r.line;
    keys[at + 3] = status;
    keys[at + 4] = this.pendingPrefilter !== 0 ? this.keyPrefilter(r) : 0;
    this.partKeyCount += 1;
  }

  needsSecondPass(): boolean {
    return !this.unreadable && this.duplicates !== null && this.duplicates.needsSecondPass;
  }

  startSecondPass(): void {
    this.duplicates!.startSecondPass();
    this.secondHeaderSeen = false;
    this.secondPassComplete = false;
    this.secondScanner = new CsvScanner((r) => this.onSecondPassRecord(r), {
      delimiter: this.compiled.delimiter,
      quote: this.compiled.quote,
      maxLineBytes: this.compiled.maxLineBytes,
    });
    // Every row had the header's fields: the key fields are all this pass needs to split.
    if (this.badCountRows === 0) {
      let last = -1;
      for (const c of this.keyColumns) last = Math.max(last, c);
      this.secondScanner.fieldLimit = this.checkKeys ? last + 1 : 0;
    }
  }

  /** Returns true once the rest of the source is not needed. */
  pushSecondPass(chunk: Uint8Array): boolean {
    if (!this.secondPassComplete) this.secondScanner!.push(chunk);
    return this.secondPassComplete;
  }

  finishSecondPass(): void {
    if (!this.secondPassComplete) this.secondScanner!.finish();
    this.secondScanner = null;
    this.duplicates = null;
  }

  /** The same records as the first pass, with the same keys; only rows whose key may repeat are looked at closely. */
  private onSecondPassRecord(r: CsvRecord): void {
    if (this.secondPassComplete || (r.count === 0 && r.problem === RECORD_OK)) return;
    if (!this.secondHeaderSeen) {
      this.secondHeaderSeen = true;
      return;
    }
    if (r.problem !== RECORD_OK) return;
    const duplicates = this.duplicates!;
    const byLine = !this.checkKeys || (this.badCountRows > 0 && r.count !== this.headerCount);
    let hi: number;
    let lo: number;
    if (byLine) {
      this.hashLine(r, KEY_SEED_1, KEY_SEED_2);
      hi = this.lineHashHi;
      lo = this.lineHashLo;
    } else {
      this.setView(r.buf);
      if (!duplicates.mayBeCandidate(this.keyPrefilter(r))) {
        if (duplicates.secondPassDone(r.line)) this.secondPassComplete = true;
        return;
      }
      this.hashKey(r, KEY_SEED_1, KEY_SEED_2);
      hi = this.keyHashHi;
      lo = this.keyHashLo;
    }
    if (duplicates.isCandidateKey(hi, lo)) {
      if (byLine) this.hashLine(r, SECOND_SEED_1, SECOND_SEED_2);
      else this.hashKey(r, SECOND_SEED_1, SECOND_SEED_2);
      const key2Hi = byLine ? this.lineHashHi : this.keyHashHi;
      const key2Lo = byLine ? this.lineHashLo : this.keyHashLo;
      this.hashLine(r, LINE_SEED_1, LINE_SEED_2);
      duplicates.secondPassRow(
        hi,
        lo,
        key2Hi,
        key2Lo,
        this.lineHashHi,
        this.lineHashLo,
        r.line,
        this.reportDuplicate,
      );
    }
    if (duplicates.secondPassDone(r.line)) this.secondPassComplete = true;
  }

  /** Reports a duplicate row (in line order) and corrects that row's error/warning tally. */
  private readonly reportDuplicate = (kind: number, line: number, first: number, was: number): void => {
    const f = this.findings;
    const isLine = kind === DUPLICATE_LINE;
    const severity = isLine ? this.lineSeverity : this.keySeverity;
    if (isLine) {
      f.add(
        'record.duplicate_line',
        severity,
        line,
        undefined,
        () =>
          `Regel ${line} is precies gelijk aan regel ${first}. Elk record mag maar één keer voorkomen; verwijder de dubbele regel.`,
        undefined,
        () => detail('record.duplicate_line', { firstLine: String(first) }),
      );
    } else {
      f.add(
        'record.duplicate_key',
        severity,
        line,
        undefined,
        () =>
          `Regel ${line} heeft dezelfde sleutel (${this.keyNames}) als regel ${first}. Elk record hoort een andere combinatie te hebben; voeg dubbele records samen of verwijder er één.`,
        undefined,
        () => detail('record.duplicate_key', { key: this.keyNames, firstLine: String(first) }),
      );
    }
    if (severity === 'error' && was !== 2) {
      this.rowsWithErrors += 1;
      if (was === 1) this.rowsWithWarnings -= 1;
    } else if (severity === 'warning' && was === 0) {
      this.rowsWithWarnings += 1;
    }
  };

  private readHeader(r: CsvRecord): void {
    const names: string[] = [];
    if (r.problem !== RECORD_OK) {
      this.findings.add(
        'row.column_count',
        this.compiled.severity('row.column_count'),
        r.line,
        undefined,
        r.problem === RECORD_TOO_LONG
          ? `De kopregel is langer dan ${this.compiled.maxLineBytes / 1024} KiB en kan niet gelezen worden. Zet op regel 1 alleen de kolomnamen, gescheiden door puntkomma's.`
          : 'De kopregel bevat een aanhalingsteken dat niet wordt afgesloten. Sluit elk aanhalingsteken af.',
        undefined,
        r.problem === RECORD_TOO_LONG
          ? detail('row.column_count.header_too_long', { maxKib: String(this.compiled.maxLineBytes / 1024) })
          : detail('row.column_count.header_quote', {}),
      );
    } else {
      if (r.nonAscii) this.checkEncoding(r);
      for (let c = 0; c < r.count; c++) names.push(this.decode(r.buf, r.starts[c]!, r.ends[c]!).trim());
    }
    this.headerCount = names.length;
    if (names.length === 1 && this.checkDelimiter(names[0]!)) return;
    const normalized = names.map(normalizeColumnName);
    const contentType = this.identifyByHeader(normalized);
    const nameType = this.nameInfo?.type ?? null;
    const sev = this.compiled.severity;
    if (contentType && nameType && contentType !== nameType) {
      this.findings.add(
        'file.name_content_mismatch',
        sev('file.name_content_mismatch'),
        undefined,
        undefined,
        `De bestandsnaam zegt dat dit een ${nameType.label}-bestand is, maar de kolommen zijn die van een ${contentType.label}-bestand. Geef het bestand de juiste naam of lever het juiste bestand.`,
        undefined,
        detail('file.name_content_mismatch.type', {
          nameType: nameType.label,
          contentType: contentType.label,
        }),
      );
    }
    const type = contentType ?? nameType;
    if (!type) {
      this.findings.add(
        'file.type_unknown',
        sev('file.type_unknown'),
        undefined,
        undefined,
        `Uit de naam en de kopregel valt niet op te maken welk soort bestand dit is. Gebruik de naamgeving <TYPE>_<GGGG>_<JJJJ>H<n>.csv en een kopregel met de kolommen van ${this.compiled.fileTypes.map((t) => t.label).join(', ')}.`,
        undefined,
        detail('file.type_unknown', { types: this.compiled.fileTypes.map((t) => t.label).join(', ') }),
      );
      return;
    }
    this.fileType = type;
    this.mapColumns(type, names, normalized, r.line);
  }

  /**
   * A header that is one column under the spec's separator but splits into a file type's columns (or
   * into several columns of a file named after a type) under another: one file.delimiter finding
   * naming the separator, and the records are left unchecked, instead of a missing column per column.
   */
  private checkDelimiter(header: string): boolean {
    for (const delimiter of this.compiled.otherDelimiters) {
      if (!header.includes(delimiter)) continue;
      const parts = header.split(delimiter).map((p) => normalizeColumnName(p.replace(/^"|"$/g, '')));
      const type = this.identifyByHeader(parts) ?? (parts.length > 1 ? (this.nameInfo?.type ?? null) : null);
      if (!type) continue;
      const shown = delimiter === '\t' ? 'een tab' : delimiter === ',' ? 'een komma' : `"${delimiter}"`;
      const expected = String.fromCharCode(this.compiled.delimiter);
      this.findings.add(
        'file.delimiter',
        this.compiled.severity('file.delimiter'),
        1,
        undefined,
        `Het bestand gebruikt ${shown} als scheidingsteken tussen de velden, niet de puntkomma (${expected}) die de specificatie voorschrijft. Sla het bestand op met puntkomma's tussen de velden en lever het opnieuw; de records zijn niet gecontroleerd.`,
        delimiter === '\t' ? 'TAB' : delimiter,
        detail('file.delimiter', { delimiter: delimiter === '\t' ? 'TAB' : delimiter }),
      );
      this.delimiterType = type;
      this.wrongDelimiter = true;
      return true;
    }
    return false;
  }

  private identifyByHeader(normalized: string[]): CompiledFileType | null {
    const present = new Set(normalized);
    let best: CompiledFileType | null = null;
    let bestScore = -1;
    for (const type of this.compiled.fileTypes) {
      if (!type.signature.every((s) => present.has(s))) continue;
      const score = normalized.filter((n) => type.byNormalizedName.has(n)).length;
      if (score > bestScore) {
        best = type;
        bestScore = score;
      }
    }
    return best;
  }

  private mapColumns(type: CompiledFileType, names: string[], normalized: string[], line: number): void {
    const sev = this.compiled.severity;
    const seen = new Set<number>();
    this.columns = normalized.map((n, c) => {
      const field = type.byNormalizedName.get(n);
      const shown = names[c] ?? '';
      if (!field || seen.has(field.index)) {
        this.findings.add(
          'header.unknown_column',
          sev('header.unknown_column'),
          line,
          shown,
          field
            ? `De kolom "${shown}" staat twee keer in de kopregel; de tweede wordt genegeerd. Neem elke kolom één keer op.`
            : `De kolom "${shown}" hoort niet bij een ${type.label}-bestand en wordt genegeerd. Verwachte kolommen: ${type.fields.map((x) => x.spec.name).join(', ')}.`,
          shown.slice(0, MAX_VALUE_CHARS),
          field
            ? detail('header.unknown_column.duplicate', {})
            : detail('header.unknown_column', {
                type: type.label,
                expected: type.fields.map((x) => x.spec.name).join(', '),
              }),
        );
        return undefined;
      }
      seen.add(field.index);
      return field;
    });
    for (const field of type.fields) {
      if (seen.has(field.index) || field.spec.optionalColumn) continue;
      this.findings.add(
        'header.missing_column',
        field.severity('header.missing_column'),
        line,
        field.spec.name,
        `De verplichte kolom "${field.spec.name}" ontbreekt in de kopregel. Neem deze kolom op (kolommen gescheiden door puntkomma's).`,
        undefined,
        detail('header.missing_column', {}),
      );
    }
    const collect = this.ctx.collect?.get(type.type) ?? [];
    this.plans = this.columns.map((field) => (field ? this.planColumn(field, collect) : IGNORED_PLAN));
    this.filled = new Uint8Array(type.fields.length);
    // Past the fields: a slot never written (compiled rules read it for a field the file type lacks),
    // then today and the period's first and last day (for ruleTests, see maySomeRuleReport).
    this.dates = new Int32Array(type.fields.length + 4);
    this.amounts = new Float64Array(type.fields.length);
    this.keyColumns = type.keyFields
      .map((index) => this.columns.findIndex((col) => col?.index === index))
      .filter((c) => c >= 0);
    this.compileRules(type);
    this.compileRuleTests(type.fields.length);
    for (const rule of this.rules) {
      if (rule.kind !== RULE_AMOUNT_RATIO) continue;
      for (const plan of this.plans)
        if (plan.index === rule.field || plan.index === rule.other) plan.keepAmount = true;
    }
    this.planRowCheck(type.fields.length);
  }

  /**
   * Sets up the wasm row check when this thread has the module and every column is of a kind it
   * checks (no amounts or periods) within its region's limits: its table from the column plans, and
   * filled and dates as views of its memory, where it writes them (no copy per row).
   */
  private planRowCheck(fields: number): void {
    const module = simdScanner();
    const plans = this.plans;
    if (
      module === null ||
      plans.length > ROW_MAX_COLUMNS ||
      fields + 4 > ROW_MAX_FIELDS ||
      this.keyColumns.length > ROW_MAX_KEY_COLUMNS ||
      plans.some((p) => p.kind > KIND_TEXT || p.keepAmount)
    )
      return;
    const image = spareRowImages.pop()?.fill(0) ?? new Int32Array(ROW_REGION_BYTES / 4);
    const imageBytes = new Uint8Array(image.buffer);
    let codesAt = ROW_CODES;
    const seenColumns: number[] = [];
    const seenMarks: Uint8Array[] = [];
    const seenBytes: number[] = [];
    for (let c = 0; c < plans.length; c++) {
      const p = plans[c]!;
      const at = (ROW_TABLE >> 2) + c * ROW_COLUMN_WORDS;
      image[at] = p.kind;
      image[at + 1] = p.index;
      image[at + 2] =
        (p.required ? ROW_FLAG_REQUIRED : 0) | (p.role === ROLE_GEMEENTE ? ROW_FLAG_GEMEENTE : 0);
      switch (p.kind) {
        case KIND_DATE:
          image[at + 3] = p.minDate;
          break;
        case KIND_DIGITS:
          image[at + 3] = p.length;
          image[at + 4] = p.maxLength;
          break;
        case KIND_BSN:
          // The numbers checkFields reports as test numbers: in the range and starting with 99.
          image[at + 3] = Math.max(p.testMin, 990_000_000);
          image[at + 4] = p.testMax;
          break;
        case KIND_TEXT:
          image[at + 3] = p.maxLength;
          image[at + 4] = p.nonNumeric !== null ? 1 : 0;
          break;
        case KIND_CODE: {
          const table = p.codes.layout();
          const slots = table.mask + 1;
          if (codesAt + slots * 9 > ROW_BATCH) return giveBackRowImage(image);
          image.set(table.keysHi, codesAt >> 2);
          image.set(table.keysLo, (codesAt >> 2) + slots);
          imageBytes.set(table.values, codesAt + slots * 8);
          image[at + 3] = ROW_BASE + codesAt;
          image[at + 4] = table.mask;
          image[at + 5] = ROW_BASE + codesAt + slots * 4;
          image[at + 6] = ROW_BASE + codesAt + slots * 8;
          codesAt += (slots * 9 + 7) & ~7;
          if (p.seen !== null) {
            if (codesAt + slots > ROW_BATCH) return giveBackRowImage(image);
            seenColumns.push(c);
            seenMarks.push(p.seen);
            // Where rows() marks the codes it saw (takeCleanLines merges them).
            image[at + 7] = ROW_BASE + codesAt;
            seenBytes.push(ROW_BASE + codesAt);
            codesAt += (slots + 7) & ~7;
          }
          break;
        }
      }
    }
    image[ROW_KEY_COUNT >> 2] = this.keyColumns.length;
    this.keyColumns.forEach((c, k) => (image[(ROW_KEY_COLUMNS >> 2) + k] = c));
    this.rowCheck = module;
    this.rowImage = image;
    this.rowSeenColumns = seenColumns;
    this.rowSeenMarks = seenMarks;
    this.rowSeenBytes = seenBytes;
    // From here on row() writes a checked row's filled and dates, so the rules must read them there,
    // also when the rule tests below do not fit rows() (before, such a file's rules read the last row
    // JavaScript had checked, and missed what a clean row broke: review of e697079).
    this.filled = new Uint8Array(module.words.buffer, ROW_BASE + ROW_FILLED, fields);
    this.dates = new Int32Array(module.words.buffer, ROW_BASE + ROW_DATES, fields + 4);
    // The rule tests, for rows() to take whole runs of clean lines at once (takeCleanLines).
    const tests = this.ruleTests;
    const requires = this.requireTests;
    const same = this.sameDateTests;
    if (
      this.rulesUntested ||
      tests.length / 4 > ROW_MAX_TESTS ||
      requires.length / 3 > ROW_MAX_REQUIRES ||
      same.length > ROW_MAX_SAMES
    )
      return;
    image.set(tests, ROW_TESTS >> 2);
    image.set(requires, ROW_REQUIRES >> 2);
    same.forEach((rule, i) => (image[(ROW_SAMES >> 2) + i * 2] = this.rules[rule]!.field));
    image[ROW_TEST_COUNT >> 2] = tests.length / 4;
    image[ROW_REQUIRE_COUNT >> 2] = requires.length / 3;
    image[ROW_SAME_COUNT >> 2] = same.length;
    this.scanner.onCleanLines = (at, end, line) => this.takeCleanLines(at, end, line);
  }

  /**
   * Makes the row check's region this validator's: its table, and filled and dates all 0 (slots of
   * absent fields must read 0; every mapped column writes its slots on every row). Another validator
   * of this thread (another file, a part) may have used the region since this one did.
   */
  private installRowCheck(module: SimdScanner): void {
    module.words.set(this.rowImage!, ROW_WORD);
    module.words[ROW_WORD + (ROW_GEMEENTE_WORD >> 2)] = littleEndianWord(this.gemeenteOkWord);
    module.rowOwner = this;
  }

  /**
   * The scanner's offer of the window's lines from `at` (CsvScanner.onCleanLines): the wasm rows()
   * takes the clean lines no rule can report on, one after the other, and this does for them what
   * onRecord would have done: count them, mark their codes seen, and hand their keys to the duplicate
   * detector (or keep them, in a part). Only once the rows before have set up the file's state (the
   * header, a duplicate detector or a part's first key); the record handler gets every other line.
   */
  private takeCleanLines(at: number, end: number, line: number): number {
    const module = this.rowCheck!;
    if (
      this.unreadable ||
      !this.headerSeen ||
      this.headerOnly ||
      this.wrongDelimiter ||
      this.fileType === null ||
      rowCheckOff ||
      ruleTestsOff ||
      (this.checkLines && !this.checkKeys) ||
      (this.checkKeys && (this.partKeys !== null ? this.partKeyCount === 0 : this.duplicates === null))
    )
      return at;
    if (module.rowOwner !== this) this.installRowCheck(module);
    const words = module.words;
    // What maySomeRuleReport sets before its tests, and the sameValue rules' first dates.
    const dates = this.dates;
    const fields = dates.length - 4;
    dates[fields + 1] = this.ctx.today;
    dates[fields + 2] = this.periodFirstDay;
    dates[fields + 3] = this.periodLastDay;
    words[ROW_WORD + (ROW_PERIOD_FIRST >> 2)] = this.periodFirstDay;
    words[ROW_WORD + (ROW_PERIOD_LAST >> 2)] = this.periodLastDay;
    const same = this.sameDateTests;
    for (let i = 0; i < same.length; i++) {
      words[ROW_WORD + (ROW_SAMES >> 2) + i * 2 + 1] = this.rules[same[i]!]!.firstDate;
    }
    const next = module.rows(
      at,
      end,
      this.compiled.delimiter,
      this.compiled.quote,
      this.compiled.maxLineBytes,
      this.headerCount,
      ROW_BATCH_CAPACITY,
      line,
    );
    const n = words[ROW_WORD + (ROW_BATCH_COUNT >> 2)]!;
    if (n === 0) return at;
    this.rowsTotal += n;
    this.mergeSeenBytes(module.memory);
    if (!this.checkKeys) return next;
    const batch = ROW_WORD + (ROW_BATCH >> 2);
    if (this.partKeys !== null) {
      let keys = this.partKeys;
      const needed = (this.partKeyCount + n) * PART_KEY_STRIDE;
      if (needed > keys.length) {
        const grown = new Int32Array(Math.max(keys.length * 2, needed));
        grown.set(keys);
        keys = grown;
        this.partKeys = grown;
      }
      // The batch's entries are the part's key entries (ROW_BATCH_WORDS === PART_KEY_STRIDE).
      keys.set(words.subarray(batch, batch + n * PART_KEY_STRIDE), this.partKeyCount * PART_KEY_STRIDE);
      this.partKeyCount += n;
      return next;
    }
    this.duplicates!.addClean(words, batch, n, line, ROW_BATCH_WORDS);
    return next;
  }

  /** The code slots rows() (and row()) marked seen in the module's memory, into the plans' marks. */
  private mergeSeenBytes(memory: Uint8Array): void {
    const offsets = this.rowSeenBytes;
    for (let k = 0; k < offsets.length; k++) {
      const marks = this.rowSeenMarks[k]!;
      const at = offsets[k]!;
      for (let slot = 0; slot < marks.length; slot++) {
        if (memory[at + slot] !== 0) {
          marks[slot] = 1;
          memory[at + slot] = 0;
        }
      }
    }
  }

  /** gemeenteOkWord, and the row check's copy of it (as its memory reads the four bytes). */
  private setGemeenteOkWord(word: number): void {
    this.gemeenteOkWord = word;
    const module = this.rowCheck;
    if (module !== null && module.rowOwner === this)
      module.words[ROW_WORD + (ROW_GEMEENTE_WORD >> 2)] = littleEndianWord(word);
  }

  private planColumn(field: CompiledField, collect: readonly string[]): ColumnPlan {
    const spec = field.spec;
    const kinds = {
      date: KIND_DATE,
      digits: KIND_DIGITS,
      bsn: KIND_BSN,
      code: KIND_CODE,
      text: KIND_TEXT,
      amount: KIND_AMOUNT,
      period: KIND_PERIOD,
    };
    return {
      kind: kinds[spec.type],
      index: field.index,
      name: spec.name,
      required: spec.required,
      role: spec.role === 'gemeentecode' ? ROLE_GEMEENTE : spec.role === 'periode' ? ROLE_PERIODE : ROLE_NONE,
      length: spec.type === 'digits' ? (spec.length ?? -1) : -1,
      maxLength: spec.type === 'digits' || spec.type === 'text' ? (spec.maxLength ?? -1) : -1,
      minDate:
        spec.type === 'date' && spec.minDate !== undefined ? Number(spec.minDate) : this.compiled.minDate,
      integerDigits: spec.type === 'amount' ? spec.integerDigits : 0,
      decimals: spec.type === 'amount' ? spec.decimals : 0,
      negative: spec.type === 'amount' ? (spec.negative ?? null) : null,
      keepAmount: false,
      testMin: spec.type === 'bsn' && spec.testRange ? Number(spec.testRange.from) : 0,
      testMax: spec.type === 'bsn' && spec.testRange ? Number(spec.testRange.to) : 0,
      nonNumeric: spec.type === 'text' ? (spec.nonNumeric ?? null) : null,
      codes: field.codeList?.table ?? NO_CODES,
      seen:
        field.codeList && collect.includes(spec.name) ? new Uint8Array(field.codeList.table.capacity) : null,
      severities: {
        required: field.severity('field.required'),
        format: field.severity('field.format'),
        date: field.severity('field.date_invalid'),
        amount: field.severity('field.amount_invalid'),
        code: field.severity('field.code_unknown'),
        elfproef: field.severity('field.bsn_elfproef'),
        bsnTest: field.severity('field.bsn_test'),
        dateFormat: field.severity('field.date_format'),
      },
      field,
    };
  }

  private compileRules(type: CompiledFileType): void {
    const field = (name: string) => type.fieldIndex(name);
    const sevOf = (ruleSeverity: Severity | undefined, code: FindingCode) =>
      ruleSeverity ?? this.compiled.severity(code);
    const none = type.fields.length;
    const slot = (index: number | undefined) => (index === undefined || index < 0 ? none : index);
    // Every rule gets the same object shape, so the per-row loop stays monomorphic.
    const make = (kind: number, severity: Severity, parts: Partial<CompiledRule>): CompiledRule => ({
      kind,
      severity,
      first: parts.first ?? [],
      second: parts.second ?? [],
      field: parts.field ?? -1,
      other: parts.other ?? -1,
      fieldSlot: slot(parts.field),
      otherSlot: slot(parts.other),
      first0: slot(parts.first?.[0]),
      first1: slot(parts.first?.[1]),
      second0: slot(parts.second?.[0]),
      second1: slot(parts.second?.[1]),
      column: parts.column ?? '',
      otherColumn: parts.otherColumn ?? '',
      columns: parts.columns ?? [],
      headerColumn: parts.headerColumn ?? -1,
      isDate: parts.isDate ?? false,
      firstDate: 0,
      firstBytes: null,
      firstLine: 0,
      inPeriod: parts.inPeriod ?? false,
      factor: parts.factor ?? 0,
    });
    const headerColumnOf = (index: number) => this.columns.findIndex((col) => col?.index === index);
    for (const rule of type.rules) {
      switch (rule.kind) {
        case 'dateOrder':
          this.rules.push(
            make(RULE_DATE_ORDER, sevOf(rule.severity, 'date.order'), {
              first: rule.start.map(field),
              field: field(rule.end),
              column: rule.end,
            }),
          );
          break;
        case 'periodOverlap':
          this.rules.push(
            make(RULE_PERIOD_OVERLAP, sevOf(rule.severity, 'period.outside'), {
              first: rule.start.map(field),
              second: rule.end.map(field),
            }),
          );
          break;
        case 'notFuture':
          this.rules.push(
            make(RULE_NOT_FUTURE, sevOf(rule.severity, 'date.future'), {
              field: field(rule.field),
              first: rule.notAfter.map((n) => (n === 'today' ? TODAY : field(n))),
              column: rule.field,
            }),
          );
          break;
        case 'requires': {
          const other = field(rule.then);
          // Only in the half year: a facultatief column that is absent is nothing to ask for.
          if (rule.ifInPeriod === true && headerColumnOf(other) < 0) break;
          this.rules.push(
            make(RULE_REQUIRES, sevOf(rule.severity, 'field.required'), {
              field: field(rule.if),
              other,
              column: rule.if,
              otherColumn: rule.then,
              inPeriod: rule.ifInPeriod === true,
            }),
          );
          break;
        }
        case 'notBefore':
          this.rules.push(
            make(RULE_NOT_BEFORE, sevOf(rule.severity, 'date.order'), {
              field: field(rule.field),
              other: field(rule.reference),
              column: rule.field,
              otherColumn: rule.reference,
            }),
          );
          break;
        case 'notBeforePeriod':
          this.rules.push(
            make(RULE_NOT_BEFORE_PERIOD, sevOf(rule.severity, 'date.before_period'), {
              field: field(rule.field),
              column: rule.field,
            }),
          );
          break;
        case 'amountRatio':
          this.rules.push(
            make(RULE_AMOUNT_RATIO, sevOf(rule.severity, 'record.amount_ratio'), {
              field: field(rule.fields[0]),
              other: field(rule.fields[1]),
              column: rule.fields[0],
              otherColumn: rule.fields[1],
              factor: rule.factor,
            }),
          );
          break;
        case 'oneOfRequired':
          this.rules.push(
            make(RULE_ONE_OF, sevOf(rule.severity, 'field.required'), {
              first: rule.fields.map(field),
              columns: rule.fields,
            }),
          );
          break;
        case 'uniqueLine':
          this.checkLines = true;
          this.lineSeverity = sevOf(rule.severity, 'record.duplicate_line');
          break;
        case 'uniqueKey':
          this.checkKeys = this.keyColumns.length > 0;
          this.keySeverity = sevOf(rule.severity, 'record.duplicate_key');
          this.keyNames = type.keyFields.map((i) => type.fields[i]?.spec.name ?? '').join(', ');
          break;
        case 'singleGemeente':
          // Enforced through the gemeentecode role while reading the field.
          break;
        case 'sameValue': {
          const index = field(rule.field);
          const headerColumn = this.columns.findIndex((col) => col?.index === index);
          // An absent column is header.missing_column (or facultatief): nothing to compare.
          if (headerColumn < 0) break;
          this.rules.push(
            make(RULE_SAME_VALUE, sevOf(rule.severity, 'field.mixed'), {
              field: index,
              column: rule.field,
              headerColumn,
              isDate: type.fields[index]?.spec.type === 'date',
            }),
          );
          break;
        }
      }
    }
  }

  private checkRow(r: CsvRecord): void {
    const f = this.findings;
    const line = r.line;
    if (r.problem !== RECORD_OK) {
      f.addRow(
        'row.column_count',
        this.compiled.severity('row.column_count'),
        line,
        undefined,
        r.problem === RECORD_TOO_LONG
          ? `Regel ${line} is langer dan ${this.compiled.maxLineBytes / 1024} KiB en is niet gelezen. Een record hoort op één regel met ${this.headerCount} velden gescheiden door puntkomma's.`
          : `Op regel ${line} wordt een aanhalingsteken niet afgesloten. Sluit elk aanhalingsteken af, en schrijf een aanhalingsteken binnen een veld als "".`,
        undefined,
        r.problem === RECORD_TOO_LONG
          ? detail('row.column_count.too_long', {
              maxKib: String(this.compiled.maxLineBytes / 1024),
              expected: String(this.headerCount),
            })
          : detail('row.column_count.quote', {}),
      );
      return;
    }
    if (r.nonAscii && !this.encodingFallback) this.checkEncoding(r);
    if (!this.fileType) return;
    const checkDuplicates = this.checkLines || this.checkKeys;
    if (r.count !== this.headerCount) {
      this.reportColumnCount(line, r.count);
      // Without columns there is no key; the line itself stands in, so exact copies are still found.
      if (checkDuplicates) {
        this.badCountRows += 1;
        this.hashLine(r, KEY_SEED_1, KEY_SEED_2);
        this.queueDuplicateCheck(this.lineHashHi, this.lineHashLo, 0);
      }
      return;
    }
    const module = this.rowCheck;
    let clean = false;
    if (module !== null) {
      // filled and dates live in the module's memory, also for the rows JavaScript checks.
      if (module.rowOwner !== this) this.installRowCheck(module);
      // The row's offsets are in the module (split by it), with nothing to trim or count as UTF-8.
      clean =
        r.starts === module.starts && !r.spaces && !r.nonAscii && !rowCheckOff && module.row(r.count) === 1;
    }
    if (clean) this.markSeenCodes(module!.words);
    else this.checkFields(r);
    if (this.rules.length > 0 && (this.rulesUntested || ruleTestsOff || this.maySomeRuleReport()))
      this.checkRules(r);
    if (!checkDuplicates) return;
    if (this.checkKeys) {
      if (clean) {
        this.keyHashHi = module!.words[ROW_WORD + (ROW_KEY_HI >> 2)]!;
        this.keyHashLo = module!.words[ROW_WORD + (ROW_KEY_LO >> 2)]!;
      } else this.hashKey(r, KEY_SEED_1, KEY_SEED_2);
      // 1: a key row, whose prefilter value onRecord derives when the detector keeps one.
      this.queueDuplicateCheck(this.keyHashHi, this.keyHashLo, 1);
    } else {
      this.hashLine(r, KEY_SEED_1, KEY_SEED_2);
      this.queueDuplicateCheck(this.lineHashHi, this.lineHashLo, 0);
    }
  }

  /** After a clean row check: the seen marks of its codes, from the slots it found them in. */
  private markSeenCodes(words: Int32Array): void {
    const columns = this.rowSeenColumns;
    for (let i = 0; i < columns.length; i++) {
      // -1: the field was empty, so there is no code to mark.
      const slot = words[ROW_WORD + (ROW_SEEN >> 2) + columns[i]!]!;
      if (slot >= 0) this.rowSeenMarks[i]![slot] = 1;
    }
  }

  /** Out of checkRow, whose every call would otherwise allocate a context for this message's closure. */
  private reportColumnCount(line: number, count: number): void {
    this.findings.addRow(
      'row.column_count',
      this.compiled.severity('row.column_count'),
      line,
      undefined,
      () =>
        `Regel ${line} heeft ${count} velden, maar de kopregel heeft ${this.headerCount} kolommen. Zorg dat elk record evenveel velden heeft als de kopregel (gescheiden door puntkomma's).`,
      undefined,
      () => detail('row.column_count', { count: String(count), expected: String(this.headerCount) }),
    );
  }

  private queueDuplicateCheck(keyHi: number, keyLo: number, prefilter: number): void {
    this.duplicatePending = true;
    this.pendingKeyHi = keyHi;
    this.pendingKeyLo = keyLo;
    this.pendingPrefilter = prefilter;
  }

  /**
   * A cheap stand-in for the key, for the duplicate pass over the source: length, first and last
   * four bytes of the first key field (trimmed as in hashKey), mixed. Equal keys give equal values.
   */
  private keyPrefilter(r: CsvRecord): number {
    const c = this.keyColumns[0]!;
    const buf = r.buf;
    // The view checkFields set up, unless the wasm row check checked this row instead.
    this.setView(buf);
    let s = r.starts[c]!;
    let e = r.ends[c]!;
    if (s < e && (buf[s] === 32 || buf[e - 1] === 32)) {
      while (s < e && buf[s] === 32) s += 1;
      while (e > s && buf[e - 1] === 32) e -= 1;
    }
    const n = e - s;
    let first = n;
    let last = 0;
    if (n >= 4) {
      first = this.view.getInt32(s, true);
      last = this.view.getInt32(e - 4, true);
    } else {
      for (let i = s; i < e; i++) first = (first << 8) | buf[i]!;
    }
    let h = Math.imul(first ^ Math.imul(last ^ n, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    return Math.imul(h, 0xc2b2ae35);
  }

  private setView(buf: Uint8Array): void {
    if (buf !== this.viewOf) {
      this.viewOf = buf;
      this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    }
  }

  private checkFields(r: CsvRecord): void {
    const buf = r.buf;
    const starts = r.starts;
    const ends = r.ends;
    const line = r.line;
    // No clearing per row: every mapped column sets its slot below on every row (columns map to
    // distinct fields), and slots of absent columns and of non-date fields stay 0 from the start.
    const filled = this.filled;
    const dates = this.dates;
    this.setView(buf);
    const view = this.view;
    const plans = this.plans;
    const count = r.count;
    const nonAscii = r.nonAscii;
    // A line without a space (as the SIMD splitter tells) has nothing to trim.
    const spaces = r.spaces;
    for (let c = 0; c < count; c++) {
      const col = plans[c]!;
      if (col.kind === KIND_IGNORED) continue;
      let s = starts[c]!;
      let e = ends[c]!;
      if (spaces && s !== e && (buf[s] === 32 || buf[e - 1] === 32)) {
        while (s < e && buf[s] === 32) s += 1;
        while (e > s && buf[e - 1] === 32) e -= 1;
      }
      if (s === e) {
        filled[col.index] = 0;
        dates[col.index] = 0;
        if (col.required) this.reportRequired(col, line);
        continue;
      }
      filled[col.index] = 1;
      switch (col.kind) {
        case KIND_DATE: {
          let v = e - s === 8 ? parseCompactDateWords(view, s) : parseCompactDate(buf, s, e);
          if (v === DATE_BAD_FORMAT && e - s === 10 && this.compiled.dashedDates) {
            v = parseDashedDate(buf, s, e);
            if (v >= col.minDate) this.reportDashedDate(col, line, buf, s, e);
          }
          if (v < col.minDate) {
            dates[col.index] = 0;
            this.reportDate(col, v, line, buf, s, e);
          } else dates[col.index] = v;
          break;
        }
        case KIND_DIGITS: {
          const n = e - s;
          // The same four bytes as the gemeentecode already judged clean: nothing new to check.
          if (
            n === 4 &&
            col.role === ROLE_GEMEENTE &&
            this.gemeenteOkWord !== 0 &&
            view.getInt32(s) === this.gemeenteOkWord
          )
            break;
          if (
            !isAllDigits(buf, s, e) ||
            (col.length >= 0 && n !== col.length) ||
            (col.maxLength >= 0 && n > col.maxLength)
          ) {
            this.reportDigits(col, line, buf, s, e);
          } else if (col.role === ROLE_GEMEENTE) {
            const code = readDigits(buf, s, e);
            this.checkGemeente(code, line, col.name);
            if (n === 4 && code === this.gemeenteOk) this.setGemeenteOkWord(view.getInt32(s));
          }
          break;
        }
        case KIND_BSN: {
          const verdict = checkBsnWords(view, s, e);
          if (verdict === BSN_VALID) {
            // Test numbers start with 9999: only those are read as a number.
            if (col.testMax !== 0 && buf[s] === 57 && buf[s + 1] === 57) {
              const n = readDigits(buf, s, e);
              if (n >= col.testMin && n <= col.testMax) this.reportTestBsn(col, line, buf, s, e);
            }
            break;
          }
          if (verdict === BSN_BAD_FORMAT) {
            this.reportValue(
              'field.format',
              col.severities.format,
              line,
              col,
              'Het BSN moet uit precies 9 cijfers bestaan; vul een BSN van 8 cijfers aan met een voorloopnul.',
              buf,
              s,
              e,
              true,
              BSN_FORMAT_DETAIL,
            );
          } else {
            this.reportValue(
              'field.bsn_elfproef',
              col.severities.elfproef,
              line,
              col,
              'Het BSN voldoet niet aan de elfproef. Controleer het burgerservicenummer.',
              buf,
              s,
              e,
              true,
              BSN_ELFPROEF_DETAIL,
            );
          }
          break;
        }
        case KIND_CODE: {
          const codes = col.codes;
          const known = codes.lookup(buf, s, e);
          if (known !== CODE_UNKNOWN && col.seen !== null) col.seen[codes.lastSlot] = 1;
          if (known !== CODE_VALID) {
            this.reportCode(
              col,
              known === CODE_UNKNOWN ? undefined : CodeTable.severityOf(known),
              line,
              buf,
              s,
              e,
            );
          }
          break;
        }
        case KIND_TEXT: {
          // An ASCII-only row has one character per byte.
          const length = this.encodingFallback || !nonAscii ? e - s : countUtf8Chars(buf, s, e);
          if (length > col.maxLength) {
            this.reportValue(
              'field.format',
              col.severities.format,
              line,
              col,
              `"${col.name}" is te lang: hoogstens ${col.maxLength} tekens zijn toegestaan.`,
              buf,
              s,
              e,
              false,
              detail('field.format.text_length', { maxLength: String(col.maxLength) }),
            );
          }
          if (col.nonNumeric !== null && !isAllDigits(buf, s, e)) {
            this.reportValue(
              'field.format',
              col.nonNumeric,
              line,
              col,
              `"${col.name}" is niet numeriek; verwacht wordt een code van alleen cijfers. Controleer de waarde.`,
              buf,
              s,
              e,
              false,
              NON_NUMERIC_DETAIL,
            );
          }
          break;
        }
        case KIND_AMOUNT: {
          const flags = checkAmount(
            buf,
            s,
            e,
            col.integerDigits,
            col.decimals,
            this.compiled.decimalSeparator,
            this.compiled.alternativeDecimalSeparator,
          );
          if (flags !== AMOUNT_OK) this.reportAmount(col, flags, line, buf, s, e);
          if (col.keepAmount)
            this.amounts[col.index] = flags === AMOUNT_INVALID ? NaN : readAmountCents(buf, s, e);
          break;
        }
        case KIND_PERIOD: {
          const p = parsePeriodBytes(buf, s, e);
          if (p < 0) {
            this.reportValue(
              'field.format',
              col.severities.format,
              line,
              col,
              `"${col.name}" moet de vorm JJJJH1 of JJJJH2 hebben, bijvoorbeeld 2017H2.`,
              buf,
              s,
              e,
              false,
              PERIOD_FORMAT_DETAIL,
            );
          } else if (col.role === ROLE_PERIODE) {
            this.checkPeriode(p, line, col.name);
          }
          break;
        }
      }
    }
  }

  /**
   * A finding on a field's value. Kept out of checkFields: a closure there would capture the loop's
   * offsets, and V8 would then keep them in a context object allocated for every field of every row.
   */
  private reportValue(
    code: FindingCode,
    severity: Severity,
    line: number,
    col: ColumnPlan,
    message: string,
    buf: Uint8Array,
    s: number,
    e: number,
    masked: boolean,
    findingDetail: FindingDetail,
  ): void {
    this.findings.addRow(
      code,
      severity,
      line,
      col.name,
      message,
      masked ? () => maskBsn(this.valueOf(buf, s, e)) : () => this.valueOf(buf, s, e),
      findingDetail,
    );
  }

  private reportTestBsn(col: ColumnPlan, line: number, buf: Uint8Array, s: number, e: number): void {
    this.reportValue(
      'field.bsn_test',
      col.severities.bsnTest,
      line,
      col,
      'Het BSN is een testnummer (uit de testreeks die met 9999 begint). Lever alleen echte burgerservicenummers aan, geen testgegevens.',
      buf,
      s,
      e,
      true,
      BSN_TEST_DETAIL,
    );
  }

  private reportDashedDate(col: ColumnPlan, line: number, buf: Uint8Array, s: number, e: number): void {
    this.findings.addRow(
      'field.date_format',
      col.severities.dateFormat,
      line,
      col.name,
      `"${col.name}" staat in de vorm JJJJ-MM-DD; de datum is zo gelezen. Gebruik de vorm JJJJMMDD, bijvoorbeeld 20170701.`,
      () => this.valueOf(buf, s, e),
      DATE_FORMAT_DETAIL,
    );
  }

  private reportRequired(col: ColumnPlan, line: number): void {
    this.findings.addRow(
      'field.required',
      col.severities.required,
      line,
      col.name,
      () =>
        `Het verplichte veld "${col.name}" is leeg. Vul ${col.field ? describeExpected(col.field, this.compiled) : 'een waarde'} in.`,
      undefined,
      () => requiredDetail(col.field, this.compiled),
    );
  }

  private reportDate(col: ColumnPlan, v: number, line: number, buf: Uint8Array, s: number, e: number): void {
    const name = col.name;
    this.findings.addRow(
      'field.date_invalid',
      col.severities.date,
      line,
      name,
      v === DATE_BAD_FORMAT
        ? `"${name}" is geen datum in de vorm JJJJMMDD. Vul 8 cijfers in, bijvoorbeeld 20170701.`
        : v < 0
          ? `"${name}" is geen bestaande kalenderdatum. Vul een echte datum in de vorm JJJJMMDD in.`
          : `"${name}" ligt vóór ${formatDate(col.minDate)}; dat kan niet kloppen. Vul de juiste datum in de vorm JJJJMMDD in.`,
      () => this.valueOf(buf, s, e),
      v === DATE_BAD_FORMAT
        ? DATE_BAD_FORMAT_DETAIL
        : v < 0
          ? NOT_A_DATE_DETAIL
          : () => detail('field.date_invalid.before_min', { minDate: isoDay(col.minDate) }),
    );
  }

  private reportDigits(col: ColumnPlan, line: number, buf: Uint8Array, s: number, e: number): void {
    this.findings.addRow(
      'field.format',
      col.severities.format,
      line,
      col.name,
      () =>
        col.length >= 0
          ? `"${col.name}" moet uit precies ${col.length} cijfers bestaan${col.role === ROLE_GEMEENTE ? ' met voorloopnullen, bijvoorbeeld 0363' : ''}.`
          : `"${col.name}" moet uit hoogstens ${col.maxLength} cijfers bestaan.`,
      () => this.valueOf(buf, s, e),
      () =>
        col.length >= 0
          ? detail(col.role === ROLE_GEMEENTE ? 'field.format.gemeente' : 'field.format.digits', {
              length: String(col.length),
            })
          : detail('field.format.max_digits', { maxLength: String(col.maxLength) }),
    );
  }

  /** `known`: undefined for a code not in the list, else the severity it is accepted with. */
  private reportCode(
    col: ColumnPlan,
    known: Severity | undefined,
    line: number,
    buf: Uint8Array,
    s: number,
    e: number,
  ): void {
    const list = col.field?.codeList;
    if (!list) return;
    if (known === undefined) {
      this.findings.addRow(
        'field.code_unknown',
        col.severities.code,
        line,
        col.name,
        () =>
          `De waarde van "${col.name}" staat niet in de codelijst (${list.version}). Toegestaan: ${list.codes.join(', ')}.`,
        () => this.valueOf(buf, s, e),
        () => detail('field.code_unknown', { list: list.version, allowed: list.codes.join(', ') }),
      );
      return;
    }
    this.findings.addRow(
      'field.code_unknown',
      known,
      line,
      col.name,
      () =>
        `De code van "${col.name}" is voor deze periode niet bevestigd (${list.version}); het record wordt geaccepteerd. Controleer of een code uit ${list.codes.filter((c) => list.byKey.get(codeKeyOfText(c)) === null).join(', ')} bedoeld is.`,
      () => this.valueOf(buf, s, e),
      () =>
        detail('field.code_unknown.unconfirmed', {
          list: list.version,
          candidates: list.codes.filter((c) => list.byKey.get(codeKeyOfText(c)) === null).join(', '),
        }),
    );
  }

  private reportAmount(
    col: ColumnPlan,
    flags: number,
    line: number,
    buf: Uint8Array,
    s: number,
    e: number,
  ): void {
    const f = this.findings;
    const name = col.name;
    if (flags === AMOUNT_INVALID) {
      f.addRow(
        'field.amount_invalid',
        col.severities.amount,
        line,
        name,
        `"${name}" is geen bedrag in euro's. Vul een bedrag in met hoogstens ${col.integerDigits} cijfers voor en ${col.decimals} na de komma, zonder euroteken of scheidingsteken voor duizendtallen, bijvoorbeeld 1234,56.`,
        () => this.valueOf(buf, s, e),
        () =>
          detail('field.amount_invalid', {
            integerDigits: String(col.integerDigits),
            decimals: String(col.decimals),
          }),
      );
      return;
    }
    if (flags & AMOUNT_ALTERNATIVE_SEPARATOR) {
      f.addRow(
        'field.amount_invalid',
        'warning',
        line,
        name,
        `"${name}" gebruikt een punt als decimaalteken; het bedrag is zo gelezen. Gebruik een komma, bijvoorbeeld 1234,56.`,
        () => this.valueOf(buf, s, e),
        AMOUNT_POINT_DETAIL,
      );
    }
    if (flags & AMOUNT_NEGATIVE && col.negative !== null) {
      f.addRow(
        'field.amount_invalid',
        col.negative,
        line,
        name,
        `"${name}" is negatief. Kosten horen 0 of meer te zijn; controleer het bedrag.`,
        () => this.valueOf(buf, s, e),
        AMOUNT_NEGATIVE_DETAIL,
      );
    }
  }

  private checkGemeente(code: number, line: number, column: string): void {
    if (code === this.gemeenteOk) return;
    const f = this.findings;
    // Track this check's own findings to know whether the code is clean, keeping the row's flags.
    const hadError = f.rowHasError;
    const hadWarning = f.rowHasWarning;
    f.rowHasError = false;
    f.rowHasWarning = false;
    const sev = this.compiled.severity;
    const text = (): string => String(code).padStart(4, '0');
    if (this.firstGemeente < 0) {
      this.firstGemeente = code;
      const named = this.nameInfo?.gemeente;
      if (named !== undefined && Number(named) !== code && !this.nameMismatchReported.gemeente) {
        this.nameMismatchReported.gemeente = true;
        f.add(
          'file.name_content_mismatch',
          sev('file.name_content_mismatch'),
          undefined,
          undefined,
          `De bestandsnaam noemt gemeente ${named}, maar de records hebben gemeentecode ${text()}. Zorg dat naam en inhoud dezelfde gemeente noemen.`,
          undefined,
          detail('file.name_content_mismatch.gemeente', { named, found: text() }),
        );
      }
    } else if (code !== this.firstGemeente) {
      const first = String(this.firstGemeente).padStart(4, '0');
      f.addRow(
        'gemeente.mixed',
        sev('gemeente.mixed'),
        line,
        column,
        () =>
          `Dit record heeft gemeentecode ${text()}, eerdere records ${first}. Een bestand bevat de records van één gemeente; lever per gemeente een eigen bestand.`,
        text,
        () => detail('gemeente.mixed', { gemeente: text(), first }),
      );
    }
    if (
      this.deliveringGemeente >= 0 &&
      code !== this.deliveringGemeente &&
      !this.delivererPredecessors.has(code)
    ) {
      f.addRow(
        'gemeente.mismatch',
        sev('gemeente.mismatch'),
        line,
        column,
        () =>
          `Gemeentecode ${text()} is niet de aanleverende gemeente ${this.ctx.gemeente}. Lever alleen records van de eigen gemeente.`,
        text,
        () => detail('gemeente.mismatch', { gemeente: text(), delivering: this.ctx.gemeente ?? '' }),
      );
    }
    if (this.isKnownGemeente(code) === false) {
      f.addRow(
        'gemeente.unknown',
        sev('gemeente.unknown'),
        line,
        column,
        () =>
          `Gemeentecode ${text()} bestaat niet in de gemeentelijke indeling van ${this.periodLabel()}. Gebruik de CBS-gemeentecode van 4 cijfers die op de laatste dag van de periode gold.`,
        text,
        () => detail('gemeente.unknown', { gemeente: text(), ...this.periodParams() }),
      );
    }
    const decided = this.periodLastDay !== 0;
    if (decided && !f.rowHasError && !f.rowHasWarning && this.firstGemeente === code) this.gemeenteOk = code;
    f.rowHasError ||= hadError;
    f.rowHasWarning ||= hadWarning;
  }

  private checkPeriode(p: number, line: number, column: string): void {
    const f = this.findings;
    const sev = this.compiled.severity;
    if (this.firstPeriode < 0) {
      this.firstPeriode = p;
      const named = this.nameInfo?.period;
      if (named !== undefined && periodNumber(named) !== p && !this.nameMismatchReported.period) {
        this.nameMismatchReported.period = true;
        f.add(
          'file.name_content_mismatch',
          sev('file.name_content_mismatch'),
          undefined,
          undefined,
          `De bestandsnaam noemt periode ${named}, maar de records hebben periode ${periodText(p)}. Zorg dat naam en inhoud dezelfde periode noemen.`,
          undefined,
          detail('file.name_content_mismatch.period', { named, found: periodText(p) }),
        );
      }
      if (this.deliveredPeriod < 0) {
        this.deliveredPeriod = p;
        this.setPeriodBounds();
        // The gemeentecode of this row was read before its period was known: judge it now.
        if (this.firstGemeente >= 0 && this.isKnownGemeente(this.firstGemeente) === false) {
          const code = String(this.firstGemeente).padStart(4, '0');
          f.addRow(
            'gemeente.unknown',
            sev('gemeente.unknown'),
            line,
            this.fileType?.fields[this.fileType.roleIndex('gemeentecode')]?.spec.name,
            `Gemeentecode ${code} bestaat niet in de gemeentelijke indeling van ${this.periodLabel()}. Gebruik de CBS-gemeentecode van 4 cijfers die op de laatste dag van de periode gold.`,
            code,
            detail('gemeente.unknown', { gemeente: code, ...this.periodParams() }),
          );
        }
      }
    }
    if (p !== this.deliveredPeriod) {
      f.addRow(
        'period.mismatch',
        sev('period.mismatch'),
        line,
        column,
        () =>
          `De periode ${periodText(p)} wijkt af van de aangeleverde periode ${periodText(this.deliveredPeriod)}. Lever per halfjaar een eigen bestand.`,
        () => periodText(p),
        () =>
          detail('period.mismatch', { period: periodText(p), delivered: periodText(this.deliveredPeriod) }),
      );
    }
  }

  /**
   * Turns the compiled rules into ruleTests, requireTests and sameDateTests: tests that are true on
   * every row where checkRules would report a finding or record a first value (and at times when it
   * would not), so a row for which all are false skips checkRules. A clean row then costs a few
   * loads and integer operations per rule and no branch that depends on the data. checkRules' loop
   * with its switch over the rule kinds took ~10% of the check's CPU time on a Wmo row (CPU profile
   * on a loaded machine); this and the space flag of the SIMD splitter together cut the check's
   * instructions by 6% and its mispredicted branches by a quarter (callgrind and its branch model,
   * a warm third and fourth check of 200,000 Wmo rows in one process).
   */
  private compileRuleTests(fields: number): void {
    const today = fields + 1;
    const periodFirst = fields + 2;
    const periodLast = fields + 3;
    const tests: number[] = [];
    const requires: number[] = [];
    const sameDates: number[] = [];
    let untested = false;
    this.rules.forEach((rule, index) => {
      switch (rule.kind) {
        case RULE_DATE_ORDER:
          // The end before the start.
          if (rule.first.length > 2) untested = true;
          else tests.push(rule.fieldSlot, rule.fieldSlot, rule.first0, rule.first1);
          break;
        case RULE_PERIOD_OVERLAP:
          if (rule.first.length > 2 || rule.second.length > 2) untested = true;
          else {
            // The period's last day before the start; the end before the period's first day (also
            // true without a start, when checkRules reports nothing).
            tests.push(periodLast, periodLast, rule.first0, rule.first1);
            tests.push(rule.second0, rule.second1, periodFirst, periodFirst);
          }
          break;
        case RULE_NOT_FUTURE:
          // A limit before the date.
          for (const ref of rule.first) {
            if (ref === TODAY) tests.push(today, today, rule.fieldSlot, rule.fieldSlot);
            else if (ref >= 0) tests.push(ref, ref, rule.fieldSlot, rule.fieldSlot);
          }
          break;
        case RULE_NOT_BEFORE:
          tests.push(rule.fieldSlot, rule.fieldSlot, rule.otherSlot, rule.otherSlot);
          break;
        case RULE_NOT_BEFORE_PERIOD:
          tests.push(rule.fieldSlot, rule.fieldSlot, periodFirst, periodFirst);
          break;
        case RULE_REQUIRES:
          if (rule.field < 0 || rule.other < 0) {
            // checkRules reports nothing without both fields, except within the period.
            if (rule.inPeriod) untested = true;
          } else requires.push(rule.field, rule.other, rule.inPeriod ? 1 : 0);
          break;
        case RULE_SAME_VALUE:
          if (rule.isDate) sameDates.push(index);
          else untested = true;
          break;
        default:
          untested = true;
      }
    });
    this.ruleTests = Int32Array.from(tests);
    this.requireTests = Int32Array.from(requires);
    this.sameDateTests = Int32Array.from(sameDates);
    this.rulesUntested = untested;
  }

  /**
   * False when no rule can report on this row (see compileRuleTests). Dates are 0 or a yyyymmdd
   * below 2^31, so `x - y` is negative exactly when x < y, and a test's sign bit says it is true.
   */
  private maySomeRuleReport(): boolean {
    const d = this.dates;
    const fields = d.length - 4;
    const periodFirst = this.periodFirstDay;
    const periodLast = this.periodLastDay;
    d[fields + 1] = this.ctx.today;
    d[fields + 2] = periodFirst;
    d[fields + 3] = periodLast;
    let any = 0;
    const tests = this.ruleTests;
    for (let i = 0; i < tests.length; i += 4) {
      // a0's date, or a1's when a0's is 0 (without a branch); the same for b.
      const a0 = d[tests[i]!]!;
      const a = a0 + (d[tests[i + 1]!]! & ((a0 - 1) >> 31));
      const b0 = d[tests[i + 2]!]!;
      const b = b0 + (d[tests[i + 3]!]! & ((b0 - 1) >> 31));
      // 0 < a < b.
      any |= -a & (a - b);
    }
    const filled = this.filled;
    const requires = this.requireTests;
    for (let i = 0; i < requires.length; i += 3) {
      // The required field is empty (filled 0: all ones), and the field is filled, or (within the
      // period) a date between the period's first and last day.
      const empty = filled[requires[i + 1]!]! - 1;
      if (requires[i + 2] === 0) any |= empty & -filled[requires[i]!]!;
      else {
        const value = d[requires[i]!]!;
        any |= empty & -periodFirst & (periodFirst - 1 - value) & (value - periodLast - 1);
      }
    }
    const same = this.sameDateTests;
    for (let i = 0; i < same.length; i++) {
      const rule = this.rules[same[i]!]!;
      const value = d[rule.field]!;
      // Not 0, and not the first value (also when there is none yet: checkRules records it).
      any |= -value & ((value - rule.firstDate) | (rule.firstDate - value));
    }
    return any < 0;
  }

  private checkRules(r: CsvRecord): void {
    const line = r.line;
    const f = this.findings;
    // A date is 0 (empty or invalid) or at least minDate: `> 0` and `!== 0` say the same.
    const dates = this.dates;
    const filled = this.filled;
    const rules = this.rules;
    for (let k = 0; k < rules.length; k++) {
      const rule = rules[k]!;
      switch (rule.kind) {
        case RULE_DATE_ORDER: {
          // The end date first: it is empty on most rows, which then need no start date.
          const end = dates[rule.fieldSlot]!;
          if (end === 0) break;
          const start = firstDateOf(dates, rule);
          if (start > 0 && end < start) {
            this.reportDateOrder(rule, start, end, line);
          }
          break;
        }
        case RULE_PERIOD_OVERLAP: {
          if (this.periodFirstDay === 0) break;
          const start = firstDateOf(dates, rule);
          if (start === 0) break;
          const end = rule.second.length === 1 ? dates[rule.second0]! : firstDate(dates, rule.second);
          if (start > this.periodLastDay || (end > 0 && end < this.periodFirstDay)) {
            this.reportPeriodOutside(rule, start, end, line);
          }
          break;
        }
        case RULE_NOT_FUTURE: {
          const value = dates[rule.fieldSlot]!;
          if (value === 0) break;
          const limits = rule.first;
          for (let j = 0; j < limits.length; j++) {
            const ref = limits[j]!;
            const limit = ref === TODAY ? this.ctx.today : ref >= 0 ? dates[ref]! : 0;
            if (limit > 0 && value > limit) {
              this.reportFuture(rule, value, limit, ref === TODAY, line);
              break;
            }
          }
          break;
        }
        case RULE_REQUIRES:
          if (rule.inPeriod) {
            const value = dates[rule.fieldSlot]!;
            if (
              value > 0 &&
              this.periodFirstDay !== 0 &&
              value >= this.periodFirstDay &&
              value <= this.periodLastDay &&
              filled[rule.other] === 0
            )
              this.reportEndWithoutReason(rule, value, line);
          } else if (
            rule.field >= 0 &&
            rule.other >= 0 &&
            filled[rule.field] === 1 &&
            filled[rule.other] === 0
          ) {
            f.addRow(
              'field.required',
              rule.severity,
              line,
              rule.otherColumn,
              `"${rule.column}" is ingevuld, maar "${rule.otherColumn}" is leeg. Vul "${rule.otherColumn}" in of laat "${rule.column}" leeg.`,
              undefined,
              detail('field.required.requires', { filled: rule.column ?? '' }),
            );
          }
          break;
        case RULE_ONE_OF: {
          let any = false;
          const fields = rule.first;
          for (let j = 0; j < fields.length; j++) if (fields[j]! >= 0 && filled[fields[j]!] === 1) any = true;
          if (!any) {
            f.addRow(
              'field.required',
              rule.severity,
              line,
              rule.columns[0],
              `Vul ten minste één van ${rule.columns.map((c) => `"${c}"`).join(' en ')} in.`,
              undefined,
              detail('field.required.one_of', { columns: rule.columns.join(', ') }),
            );
          }
          break;
        }
        case RULE_NOT_BEFORE: {
          const value = dates[rule.fieldSlot]!;
          if (value === 0) break;
          const reference = dates[rule.otherSlot]!;
          if (reference > 0 && value < reference) this.reportNotBefore(rule, value, reference, line);
          break;
        }
        case RULE_NOT_BEFORE_PERIOD: {
          const value = dates[rule.fieldSlot]!;
          if (value > 0 && this.periodFirstDay !== 0 && value < this.periodFirstDay)
            this.reportBeforePeriod(rule, value, line);
          break;
        }
        case RULE_AMOUNT_RATIO: {
          if (rule.field < 0 || rule.other < 0 || filled[rule.field] === 0 || filled[rule.other] === 0) break;
          const a = this.amounts[rule.field]!;
          const b = this.amounts[rule.other]!;
          // NaN (invalid) and negative amounts have their own findings.
          if (!(a >= 0 && b >= 0)) break;
          if (Math.max(a, b) > Math.min(a, b) * rule.factor) this.reportRatio(rule, a, b, line);
          break;
        }
        case RULE_SAME_VALUE:
          if (rule.isDate) {
            // 0: empty or not a valid date, already reported by the field check.
            const value = dates[rule.field]!;
            if (value === rule.firstDate || value === 0) break;
            if (rule.firstDate === 0) {
              rule.firstDate = value;
              rule.firstLine = line;
            } else {
              this.reportMixed(rule, String(value), String(rule.firstDate), line);
            }
          } else this.checkSameBytes(rule, r);
          break;
      }
    }
  }

  /** sameValue on a field that is not a date: the trimmed bytes against the first non-empty value. */
  private checkSameBytes(rule: CompiledRule, r: CsvRecord): void {
    const buf = r.buf;
    let s = r.starts[rule.headerColumn]!;
    let e = r.ends[rule.headerColumn]!;
    while (s < e && buf[s] === 32) s += 1;
    while (e > s && buf[e - 1] === 32) e -= 1;
    if (s === e) return;
    const first = rule.firstBytes;
    if (first === null) {
      rule.firstBytes = buf.slice(s, e);
      rule.firstLine = r.line;
      return;
    }
    let same = first.length === e - s;
    for (let i = 0; same && i < first.length; i++) same = first[i] === buf[s + i];
    if (!same) this.reportMixed(rule, this.valueOf(buf, s, e), this.decode(first, 0, first.length), r.line);
  }

  private reportMixed(rule: CompiledRule, value: string, first: string, line: number): void {
    this.findings.addRow(
      'field.mixed',
      rule.severity,
      line,
      rule.column,
      () =>
        `"${rule.column}" is ${value}, maar op regel ${rule.firstLine} is het ${first}. Elk record van een bestand hoort dezelfde "${rule.column}" te hebben; gebruik overal dezelfde waarde.`,
      value,
      () => detail('field.mixed', { first, firstLine: String(rule.firstLine) }),
    );
  }

  private reportEndWithoutReason(rule: CompiledRule, value: number, line: number): void {
    this.findings.addRow(
      'field.required',
      rule.severity,
      line,
      rule.otherColumn,
      () =>
        `"${rule.column}" (${formatDate(value)}) ligt in de periode ${periodText(this.deliveredPeriod)}, maar "${rule.otherColumn}" is leeg. Vul "${rule.otherColumn}" in bij een ondersteuning die in het halfjaar eindigde.`,
      undefined,
      () =>
        detail('field.required.end_without_reason', {
          endColumn: rule.column ?? '',
          endDate: isoDay(value),
          period: periodText(this.deliveredPeriod),
        }),
    );
  }

  private reportNotBefore(rule: CompiledRule, value: number, reference: number, line: number): void {
    this.findings.addRow(
      'date.order',
      rule.severity,
      line,
      rule.column,
      () =>
        `"${rule.column}" (${formatDate(value)}) ligt vóór "${rule.otherColumn}" (${formatDate(reference)}). Controleer beide datums: meestal begint de ondersteuning niet vóór de beoogde start.`,
      () => String(value),
      () =>
        detail('date.order.not_before', {
          date: isoDay(value),
          other: rule.otherColumn ?? '',
          otherDate: isoDay(reference),
        }),
    );
  }

  private reportBeforePeriod(rule: CompiledRule, value: number, line: number): void {
    this.findings.addRow(
      'date.before_period',
      rule.severity,
      line,
      rule.column,
      () =>
        `"${rule.column}" (${formatDate(value)}) ligt vóór het begin van de periode ${periodText(this.deliveredPeriod)} (${formatDate(this.periodFirstDay)}). Een bestand over een halfjaar wordt op of na het begin ervan gemaakt; controleer de datum.`,
      () => String(value),
      () =>
        detail('date.before_period', {
          date: isoDay(value),
          period: periodText(this.deliveredPeriod),
          firstDate: isoDay(this.periodFirstDay),
        }),
    );
  }

  private reportRatio(rule: CompiledRule, a: number, b: number, line: number): void {
    this.findings.addRow(
      'record.amount_ratio',
      rule.severity,
      line,
      rule.otherColumn,
      () =>
        `"${rule.otherColumn}" (${formatCents(b)}) en "${rule.column}" (${formatCents(a)}) verschillen meer dan een factor ${formatFactor(rule.factor)}. Controleer of beide bedragen kloppen (hele euro's of euro's met centen, over hetzelfde halfjaar).`,
      () => formatCents(b),
      () =>
        detail('record.amount_ratio', {
          amount: plainAmount(b),
          other: rule.column ?? '',
          otherAmount: plainAmount(a),
          factor: String(rule.factor),
        }),
    );
  }

  // The reports of checkRules live in methods of their own: a closure in checkRules would capture
  // the loop's variables, which V8 would then allocate in a context object for every rule of every row.
  private reportDateOrder(rule: CompiledRule, start: number, end: number, line: number): void {
    this.findings.addRow(
      'date.order',
      rule.severity,
      line,
      rule.column,
      () =>
        `"${rule.column}" (${formatDate(end)}) ligt vóór de startdatum (${formatDate(start)}). Een einddatum ligt op of na de startdatum.`,
      () => String(end),
      () => detail('date.order', { endDate: isoDay(end), startDate: isoDay(start) }),
    );
  }

  private reportPeriodOutside(rule: CompiledRule, start: number, end: number, line: number): void {
    this.findings.addRow(
      'period.outside',
      rule.severity,
      line,
      undefined,
      () =>
        `De ondersteuning (${formatDate(start)} tot ${end > 0 ? formatDate(end) : 'heden'}) valt niet in de periode ${periodText(this.deliveredPeriod)} (${formatDate(this.periodFirstDay)} tot en met ${formatDate(this.periodLastDay)}). Lever alleen records waarvan de ondersteuning in het halfjaar liep.`,
      undefined,
      () => {
        const bounds = {
          startDate: isoDay(start),
          period: periodText(this.deliveredPeriod),
          firstDate: isoDay(this.periodFirstDay),
          lastDate: isoDay(this.periodLastDay),
        };
        return end > 0
          ? detail('period.outside', { ...bounds, endDate: isoDay(end) })
          : detail('period.outside.open', bounds);
      },
    );
  }

  private reportFuture(
    rule: CompiledRule,
    value: number,
    limit: number,
    isToday: boolean,
    line: number,
  ): void {
    const what = isToday ? `vandaag (${formatDate(limit)})` : `de aanmaakdatum (${formatDate(limit)})`;
    this.findings.addRow(
      'date.future',
      rule.severity,
      line,
      rule.column,
      `"${rule.column}" (${formatDate(value)}) ligt na ${what}. Een werkelijke datum kan niet in de toekomst liggen; controleer de datum.`,
      String(value),
      isToday
        ? detail('date.future.today', { date: isoDay(value), todayDate: isoDay(limit) })
        : detail('date.future', { date: isoDay(value), limitDate: isoDay(limit) }),
    );
  }

  /**
   * Leaves the 64-bit hash of the raw line (without its line end) in lineHashHi/lineHashLo. Only for
   * rows whose key may repeat, rows without a key, and every row when the spec has no key rule.
   */
  private hashLine(r: CsvRecord, seed1: number, seed2: number): void {
    let h1 = seed1;
    let h2 = seed2;
    const buf = r.raw;
    const end = r.rawEnd;
    for (let i = r.rawStart; i < end; i++) {
      const b = buf[i]!;
      h1 = Math.imul(h1 ^ b, 0x01000193);
      h2 = Math.imul(h2 ^ b, 0x5bd1e995);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
    h1 ^= h1 >>> 13;
    h2 = Math.imul(h2 ^ (h2 >>> 15), 0xc2b2ae35);
    h2 ^= h2 >>> 16;
    this.lineHashHi = h1 ^ (h2 >>> 15);
    this.lineHashLo = h2 ^ Math.imul(h1, 0x27d4eb2d);
  }

  /** Leaves the 64-bit hash of the key fields in keyHashHi/keyHashLo (no array per row). */
  private hashKey(r: CsvRecord, seed1: number, seed2: number): void {
    // Four bytes per step through the DataView set up for this buffer (setView); each word is mixed
    // murmur-style (multiply, rotate, multiply) so every byte reaches every bit of both halves.
    let h1 = seed1;
    let h2 = seed2;
    const buf = r.buf;
    const view = this.view;
    const columns = this.keyColumns;
    const spaces = r.spaces;
    for (let k = 0; k < columns.length; k++) {
      const c = columns[k]!;
      let s = r.starts[c]!;
      let e = r.ends[c]!;
      if (spaces && s < e && (buf[s] === 32 || buf[e - 1] === 32)) {
        while (s < e && buf[s] === 32) s += 1;
        while (e > s && buf[e - 1] === 32) e -= 1;
      }
      let i = s;
      for (; i + 4 <= e; i += 4) {
        let w = Math.imul(view.getInt32(i, true), 0xcc9e2d51);
        w = Math.imul((w << 15) | (w >>> 17), 0x1b873593);
        h1 = (Math.imul(((h1 ^ w) << 13) | ((h1 ^ w) >>> 19), 5) + 0xe6546b64) | 0;
        h2 = Math.imul(h2 ^ w, 0x5bd1e995) ^ (h2 >>> 13);
      }
      let tail = e - s;
      for (; i < e; i++) tail = (tail << 8) | buf[i]!;
      let w = Math.imul(tail, 0xcc9e2d51);
      w = Math.imul((w << 15) | (w >>> 17), 0x1b873593);
      h1 = (Math.imul(((h1 ^ w) << 13) | ((h1 ^ w) >>> 19), 5) + 0xe6546b64) | 0;
      h2 = Math.imul(h2 ^ w, 0x5bd1e995) ^ (h2 >>> 13);
    }
    h1 ^= h1 >>> 16;
    h1 = Math.imul(h1, 0x85ebca6b);
    h1 ^= h1 >>> 13;
    h2 ^= h2 >>> 15;
    h2 = Math.imul(h2, 0xc2b2ae35);
    h2 ^= h2 >>> 16;
    this.keyHashHi = h1 ^ (h2 >>> 15);
    this.keyHashLo = h2 ^ Math.imul(h1, 0x27d4eb2d);
  }

  // ----- helpers -------------------------------------------------------------------------------

  private checkEncoding(r: CsvRecord): void {
    if (this.encodingFallback || r.count === 0) return;
    if (isValidUtf8(r.buf, r.starts[0]!, r.ends[r.count - 1]!)) return;
    this.encodingFallback = true;
    this.decoder = new TextDecoder('windows-1252');
    this.findings.add(
      'file.encoding',
      this.compiled.severity('file.encoding'),
      undefined,
      undefined,
      `Het bestand is geen geldige UTF-8 (eerste afwijking op regel ${r.line}) en is gelezen als Windows-1252. Sla het bestand op als UTF-8.`,
      undefined,
      detail('file.encoding', { firstLine: String(r.line) }),
    );
  }

  private decode(buf: Uint8Array, s: number, e: number): string {
    return this.decoder.decode(buf.subarray(s, e));
  }

  private valueOf(buf: Uint8Array, s: number, e: number): string {
    const text = this.decode(buf, s, Math.min(e, s + MAX_VALUE_CHARS * 4));
    return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
  }

  /** undefined when it cannot be judged (no period, or no classification for its year). */
  private isKnownGemeente(code: number): boolean | undefined {
    if (this.periodLastDay === 0) return undefined;
    const cached = this.knownGemeenten.get(code);
    if (cached !== undefined) return cached;
    let known: boolean | undefined;
    try {
      const text = String(code).padStart(4, '0');
      const day = isoDate(this.periodLastDay);
      known = this.ctx.classification.isGemeente(text, day);
      // A gemeente formed after the period delivers it for its predecessors' area.
      if (!known && this.successorRule) known = this.ctx.classification.predecessorsOf(text, day).length > 0;
    } catch {
      known = undefined;
    }
    if (known !== undefined) this.knownGemeenten.set(code, known);
    return known;
  }

  private setPeriodBounds(): void {
    if (this.deliveredPeriod < 0) return;
    const year = Math.floor(this.deliveredPeriod / 10);
    const half = this.deliveredPeriod % 10;
    this.periodFirstDay = year * 10000 + (half === 1 ? 101 : 701);
    this.periodLastDay = year * 10000 + (half === 1 ? 630 : 1231);
    this.knownGemeenten.clear();
    this.gemeenteOk = -1;
    this.setGemeenteOkWord(0);
    this.delivererPredecessors = new Set(
      this.predecessorsOn(this.ctx.gemeente).map((p) => Number(p.gemeentecode)),
    );
  }

  /** The predecessors of `code` on the period's last day, when the spec's successor rule applies. */
  private predecessorsOn(code: string | null | undefined): readonly Predecessor[] {
    if (!this.successorRule || !code || this.periodLastDay === 0) return [];
    try {
      return this.ctx.classification.predecessorsOf(code, isoDate(this.periodLastDay));
    } catch {
      return [];
    }
  }

  /**
   * A file of a gemeente for a half year before it was formed or took over others' area covers them
   * too: the report says which (gemeente.predecessors, info), once per file.
   */
  private reportPredecessors(gemeentecode: string | null): void {
    if (this.predecessorsReported || this.unreadable) return;
    this.predecessorsReported = true;
    const predecessors = this.predecessorsOn(gemeentecode);
    if (predecessors.length === 0) return;
    const since = formatDate(Number(predecessors[0]!.ingangsdatum.replaceAll('-', '')));
    const list = predecessors
      .map((p) => `${p.naam} (${p.gemeentecode}${p.geheel ? '' : ', deels'})`)
      .join(', ');
    this.findings.add(
      'gemeente.predecessors',
      this.compiled.severity('gemeente.predecessors'),
      undefined,
      undefined,
      `Gemeente ${gemeentecode} levert over ${periodText(this.deliveredPeriod)} voor haar hele gebied van na de herindeling van ${since}: dit bestand dekt ook ${list}.`,
      predecessors.map((p) => p.gemeentecode).join(','),
      detail('gemeente.predecessors', {
        gemeente: gemeentecode ?? '',
        period: periodText(this.deliveredPeriod),
        sinceDate: predecessors[0]!.ingangsdatum,
        predecessors: predecessors.map((p) => `${p.naam} (${p.gemeentecode})`).join(', '),
      }),
    );
  }

  /** The parameters periodLabel's text is made of. */
  private periodParams(): { date: string; period: string } {
    return { date: isoDay(this.periodLastDay), period: periodText(this.deliveredPeriod) };
  }

  private periodLabel(): string {
    return `${formatDate(this.periodLastDay)} (periode ${periodText(this.deliveredPeriod)})`;
  }

  private markUnreadable(message: string): void {
    this.restartFindings();
    this.unreadable = true;
    this.findings.add(
      'file.unreadable',
      this.compiled.severity('file.unreadable'),
      undefined,
      undefined,
      message,
    );
  }

  /** An unreadable file gets only the findings about its name and the reason it is unreadable. */
  private restartFindings(): void {
    this.findings = new FindingList();
    this.duplicates = null;
    this.rowsTotal = 0;
    this.rowsWithErrors = 0;
    this.rowsWithWarnings = 0;
    this.fileType = null;
    this.firstGemeente = -1;
    this.firstPeriode = -1;
    this.checkName();
  }
}

// Details without parameters, made once (a finding on every row would otherwise allocate one).
const BSN_FORMAT_DETAIL = detail('field.format.bsn', {});
const BSN_ELFPROEF_DETAIL = detail('field.bsn_elfproef', {});
const BSN_TEST_DETAIL = detail('field.bsn_test', {});
const NON_NUMERIC_DETAIL = detail('field.format.non_numeric', {});
const PERIOD_FORMAT_DETAIL = detail('field.format.period', {});
const DATE_FORMAT_DETAIL = detail('field.date_format', {});
const DATE_BAD_FORMAT_DETAIL = detail('field.date_invalid.format', {});
const NOT_A_DATE_DETAIL = detail('field.date_invalid.not_a_date', {});
const AMOUNT_POINT_DETAIL = detail('field.amount_invalid.point', {});
const AMOUNT_NEGATIVE_DETAIL = detail('field.amount_invalid.negative', {});

/** field.required's parameters: what describeExpected says, as facts. */
function requiredDetail(col: CompiledField | null | undefined, compiled: CompiledSpec): FindingDetail {
  const spec = col?.spec;
  if (!spec) return detail('field.required', {});
  switch (spec.type) {
    case 'date':
      return detail('field.required.date', {});
    case 'digits':
      return spec.length !== undefined
        ? detail('field.required.digits', { length: String(spec.length) })
        : detail('field.required.max_digits', { maxLength: String(spec.maxLength) });
    case 'bsn':
      return detail('field.required.bsn', {});
    case 'code':
      return detail('field.required.code', { allowed: col.codeList?.codes.join(', ') ?? '' });
    case 'text':
      return detail('field.required.text', { maxLength: String(spec.maxLength) });
    case 'amount':
      return detail('field.required.amount', { separator: String.fromCharCode(compiled.decimalSeparator) });
    case 'period':
      return detail('field.required.period', {});
  }
}

function describeExpected(col: CompiledField, compiled: CompiledSpec): string {
  const spec = col.spec;
  switch (spec.type) {
    case 'date':
      return 'een datum in de vorm JJJJMMDD';
    case 'digits':
      return spec.length !== undefined ? `${spec.length} cijfers` : `hoogstens ${spec.maxLength} cijfers`;
    case 'bsn':
      return 'een BSN van 9 cijfers';
    case 'code':
      return `een code uit de lijst (${col.codeList?.codes.join(', ') ?? ''})`;
    case 'text':
      return `een waarde van hoogstens ${spec.maxLength} tekens`;
    case 'amount':
      return `een bedrag in euro's met decimaalteken "${String.fromCharCode(compiled.decimalSeparator)}"`;
    case 'period':
      return 'de periode als JJJJH1 of JJJJH2';
  }
}

/** firstDate of a rule's `first` fields, without the loop for the one or two a spec rule names. */
function firstDateOf(dates: Int32Array, rule: CompiledRule): number {
  const n = rule.first.length;
  if (n > 2) return firstDate(dates, rule.first);
  const a = dates[rule.first0]!;
  return a !== 0 || n === 1 ? a : dates[rule.first1]!;
}

function firstDate(dates: Int32Array, indices: number[]): number {
  // Indexed, not for-of: this runs several times per row.
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    if (i >= 0 && dates[i]! > 0) return dates[i]!;
  }
  return 0;
}

export function periodNumber(period: string): number {
  const m = /^(\d{4})H([12])$/i.exec(period);
  return m ? Number(m[1]) * 10 + Number(m[2]) : -1;
}

function periodText(p: number): string {
  return `${Math.floor(p / 10)}H${p % 10}`;
}

function formatDate(yyyymmdd: number): string {
  const s = String(yyyymmdd).padStart(8, '0');
  return `${s.slice(6, 8)}-${s.slice(4, 6)}-${s.slice(0, 4)}`;
}

/** Cents as a Dutch euro amount: 123456 -> "€ 1.234,56". */
export function formatCents(cents: number): string {
  const negative = cents < 0;
  const abs = Math.round(Math.abs(cents));
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}€ ${whole},${String(abs % 100).padStart(2, '0')}`;
}

function formatFactor(factor: number): string {
  return String(factor).replace('.', ',');
}

function isoDate(yyyymmdd: number): string {
  const s = String(yyyymmdd).padStart(8, '0');
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}
