// The field checks of a clean row in WebAssembly, beside the SIMD splitter in the same module
// (simd-scan.ts): after `line` has put a row's field starts and ends in the module's memory, `row`
// runs the per-column checks from a table that FileValidator writes there from the compiled spec
// (the layouts stay data) and answers 1 when the row has nothing to report, else 0. On 0 the
// JavaScript checkFields checks the row as before, so every finding, message and detail still comes
// from that one path; `row` only has to be right about "nothing to report" (row-check.test compares
// reports with it on and off). Why: the checks of a Wmo row were a third of the check's time in
// JavaScript, most of it in mispredicted branches, and a worker thread's fresh isolate compiles the
// JavaScript engine again while compiled wasm code is shared by every isolate of the process.
//
// What it writes for a clean row, as checkFields does: filled (1/0) and dates (yyyymmdd or 0) per
// field, the slot of each code column's code (for the seen marks), and the 64-bit key hash of the key
// columns (hashKey's, with KEY seeds). Rows with spaces or bytes >= 0x80 never come here.
import {
  ADD,
  AND,
  EQ,
  EQZ,
  FunctionBuilder,
  GE_S,
  GE_U,
  GT_S,
  GT_U,
  LE_S,
  LT_S,
  LT_U,
  MUL,
  NE,
  OR,
  REM_S,
  REM_U,
  RETURN,
  ROTL,
  SHL,
  SHR_U,
  SUB,
  XOR,
} from './wasm-asm.ts';

/** Column kinds in the table: FileValidator's KIND_* numbers; other kinds keep a file on JavaScript. */
export const ROW_KIND_IGNORED = 0;
export const ROW_KIND_DATE = 1;
export const ROW_KIND_DIGITS = 2;
export const ROW_KIND_BSN = 3;
export const ROW_KIND_CODE = 4;
export const ROW_KIND_TEXT = 5;
export const ROW_FLAG_REQUIRED = 1;
export const ROW_FLAG_GEMEENTE = 2;

/** Byte offsets within the row region (simd-scan's ROW_BASE). */
export const ROW_GEMEENTE_WORD = 0;
export const ROW_KEY_COUNT = 4;
export const ROW_KEY_HI = 8;
export const ROW_KEY_LO = 12;
/** rows(): how many clean rows it took; the rule tests' counts; the period's first and last day. */
export const ROW_BATCH_COUNT = 16;
export const ROW_TEST_COUNT = 20;
export const ROW_REQUIRE_COUNT = 24;
export const ROW_SAME_COUNT = 28;
export const ROW_PERIOD_FIRST = 32;
export const ROW_PERIOD_LAST = 36;
export const ROW_KEY_COLUMNS = 64;
export const ROW_FILLED = 1024;
export const ROW_DATES = 2048;
export const ROW_SEEN = 8192;
/** compileRuleTests' tests (4 words each), requires (3 words) and same-date tests (slot, first date). */
export const ROW_TESTS = 10240;
export const ROW_REQUIRES = 11264;
export const ROW_SAMES = 12032;
export const ROW_TABLE = 12288;
export const ROW_CODES = 32768;
/**
 * rows(): per clean row its key hash (hi, lo), its line, 0 (its status: clean) and its key prefilter
 * value: a part's key entry as file-validator keeps them (PART_KEY_STRIDE), so a batch is copied at
 * once instead of entry by entry in JavaScript (~1M iterations of a loop TurboFan compiled in every
 * thread).
 */
export const ROW_BATCH = 65536;
export const ROW_BATCH_WORDS = 5;
export const ROW_REGION_BYTES = 131072;
export const ROW_BATCH_CAPACITY = Math.floor((ROW_REGION_BYTES - ROW_BATCH) / (ROW_BATCH_WORDS * 4));
export const ROW_MAX_TESTS = (ROW_REQUIRES - ROW_TESTS) / 16;
export const ROW_MAX_REQUIRES = Math.floor((ROW_SAMES - ROW_REQUIRES) / 12);
export const ROW_MAX_SAMES = (ROW_TABLE - ROW_SAMES) / 8;
/** Int32 words per column in the table: kind, field index, flags, a, b, c, d, (unused). */
export const ROW_COLUMN_WORDS = 8;

/** Limits of the region: a file beyond them is checked by JavaScript alone. */
export const ROW_MAX_KEY_COLUMNS = (ROW_FILLED - ROW_KEY_COLUMNS) / 4;
export const ROW_MAX_FIELDS = ROW_FILLED - 4;
// The table has room for 640 columns, SEEN (an int32 each) for 512.
export const ROW_MAX_COLUMNS = Math.min(
  (ROW_CODES - ROW_TABLE) / (ROW_COLUMN_WORDS * 4),
  (ROW_TESTS - ROW_SEEN) / 4,
);

/** hashKey's seeds (file-validator's KEY_SEED_1/2). */
export const ROW_KEY_SEED_1 = 0x811c9dc5;
export const ROW_KEY_SEED_2 = 0x2545f491;

const DIGITS = 0x30303030;

/**
 * row(count) -> 1 (nothing to report) or 0 (check again in JavaScript), for the row whose `count`
 * field starts and ends are at startsBase and endsBase; the table and outputs at rowBase.
 */
export function rowCheckBody(startsBase: number, endsBase: number, rowBase: number): number[] {
  const f = new FunctionBuilder(['count']);
  const T = rowBase + ROW_TABLE;
  /** The (unsigned) test of one word of four digits: 0 when all are '0'-'9'. */
  const notDigits = (w: string) =>
    f
      .get(w)
      .const(DIGITS)
      .emit(SUB)
      .get(w)
      .const(0x46464646)
      .emit(ADD, OR)
      .const(0x80808080 | 0)
      .emit(AND);
  const byte = (x: string, shift: number) => {
    f.get(x);
    if (shift > 0) f.const(shift).emit(SHR_U);
    if (shift < 24) f.const(0xff).emit(AND);
  };
  // hashKey's mixing of one word into h1 and h2.
  const mix = (word: () => void) => {
    word();
    f.const(0xcc9e2d51 | 0)
      .emit(MUL)
      .const(15)
      .emit(ROTL)
      .const(0x1b873593)
      .emit(MUL)
      .set('w');
    f.get('h2').get('w').emit(XOR).const(0x5bd1e995).emit(MUL).get('h2').const(13).emit(SHR_U, XOR).set('h2');
    f.get('h1')
      .get('w')
      .emit(XOR)
      .const(13)
      .emit(ROTL)
      .const(5)
      .emit(MUL)
      .const(0xe6546b64 | 0)
      .emit(ADD)
      .set('h1');
  };
  /** all of bytes [s, e) are digits, else return 0. */
  const allDigits = () => {
    f.get('s').set('i');
    f.loopUntil(
      'digits',
      () => f.get('i').get('e').emit(GE_U),
      () => {
        f.get('i').load8().const(0x30).emit(SUB).const(9).emit(GT_U).returnIf(0);
        f.get('i').const(1).emit(ADD).set('i');
      },
    );
  };

  f.loopUntil(
    'columns',
    () => f.get('c').get('count').emit(GE_U),
    () => {
      f.block('next', () => {
        // d: the column's table entry.
        f.get('c')
          .const(ROW_COLUMN_WORDS * 4)
          .emit(MUL)
          .const(T)
          .emit(ADD)
          .tee('d')
          .load()
          .tee('kind')
          .emit(EQZ)
          .brIf('next');
        f.get('c').const(2).emit(SHL).tee('s').load(endsBase).set('e');
        f.get('s').load(startsBase).set('s');
        f.get('d').load(4).set('idx');
        f.get('s')
          .get('e')
          .emit(EQ)
          .if(() => {
            f.get('idx')
              .const(0)
              .store8(rowBase + ROW_FILLED);
            f.get('idx')
              .const(2)
              .emit(SHL)
              .const(0)
              .store(rowBase + ROW_DATES);
            // No code seen in an empty field (markSeenCodes skips -1).
            f.get('c')
              .const(2)
              .emit(SHL)
              .const(-1)
              .store(rowBase + ROW_SEEN);
            f.get('d').load(8).const(ROW_FLAG_REQUIRED).emit(AND).returnIf(0);
            f.br('next');
          });
        f.get('idx')
          .const(1)
          .store8(rowBase + ROW_FILLED);
        f.get('e').get('s').emit(SUB).set('n');

        // A date: eight digits, a real day, not before minDate (a).
        f.get('kind')
          .const(ROW_KIND_DATE)
          .emit(EQ)
          .if(() => {
            f.get('n').const(8).emit(NE).returnIf(0);
            f.get('s').load().set('w1');
            f.get('s').load(4).set('w2');
            notDigits('w1');
            notDigits('w2');
            f.emit(OR).returnIf(0);
            f.get('w1').const(DIGITS).emit(SUB).set('w1');
            f.get('w2').const(DIGITS).emit(SUB).set('w2');
            byte('w1', 0);
            f.const(1000).emit(MUL);
            byte('w1', 8);
            f.const(100).emit(MUL, ADD);
            byte('w1', 16);
            f.const(10).emit(MUL, ADD);
            byte('w1', 24);
            f.emit(ADD).set('year');
            byte('w2', 0);
            f.const(10).emit(MUL);
            byte('w2', 8);
            f.emit(ADD).set('month');
            byte('w2', 16);
            f.const(10).emit(MUL);
            byte('w2', 24);
            f.emit(ADD).set('day');
            f.get('month').const(1).emit(SUB).const(11).emit(GT_U).returnIf(0);
            f.get('day').const(1).emit(SUB).const(30).emit(GT_U).returnIf(0);
            f.get('day')
              .const(28)
              .emit(GT_U)
              .if(() => {
                f.get('month')
                  .const(2)
                  .emit(EQ)
                  .if(
                    () => {
                      f.get('day').const(29).emit(GT_U).returnIf(0);
                      // Not a leap year: (year % 4 || !(year % 100)) && year % 400.
                      f.get('year').const(4).emit(REM_U).const(0).emit(NE);
                      f.get('year').const(100).emit(REM_U).emit(EQZ).emit(OR);
                      f.get('year').const(400).emit(REM_U).const(0).emit(NE).emit(AND).returnIf(0);
                    },
                    () => {
                      f.get('day').const(31).emit(EQ);
                      f.get('month').const(4).emit(EQ).get('month').const(6).emit(EQ, OR);
                      f.get('month').const(9).emit(EQ, OR).get('month').const(11).emit(EQ, OR);
                      f.emit(AND).returnIf(0);
                    },
                  );
              });
            f.get('year')
              .const(10000)
              .emit(MUL)
              .get('month')
              .const(100)
              .emit(MUL, ADD)
              .get('day')
              .emit(ADD)
              .set('v');
            f.get('v').get('d').load(12).emit(LT_S).returnIf(0);
            f.get('idx')
              .const(2)
              .emit(SHL)
              .get('v')
              .store(rowBase + ROW_DATES);
            f.br('next');
          });

        // Digits: the gemeentecode as judged clean before (its word), else all digits, length a
        // (-1: any), at most b (-1: any).
        f.get('kind')
          .const(ROW_KIND_DIGITS)
          .emit(EQ)
          .if(() => {
            f.get('d')
              .load(8)
              .const(ROW_FLAG_GEMEENTE)
              .emit(AND)
              .if(() => {
                f.get('n').const(4).emit(NE).returnIf(0);
                // The word is never 0 once set (four digits), so 0 stands for "none yet".
                f.get('s')
                  .load()
                  .const(rowBase + ROW_GEMEENTE_WORD)
                  .load()
                  .tee('a')
                  .emit(NE)
                  .get('a')
                  .emit(EQZ, OR)
                  .returnIf(0);
                f.br('next');
              });
            allDigits();
            f.get('d').load(12).tee('a').const(0).emit(GE_S).get('a').get('n').emit(NE, AND).returnIf(0);
            f.get('d').load(16).tee('a').const(0).emit(GE_S).get('n').get('a').emit(GT_S, AND).returnIf(0);
            f.br('next');
          });

        // A BSN: nine digits passing the elfproef, not nine zeros, not in the test range [a, b] (b 0:
        // none; a from 990000000, as checkFields reads only numbers starting with 99).
        f.get('kind')
          .const(ROW_KIND_BSN)
          .emit(EQ)
          .if(() => {
            f.get('n').const(9).emit(NE).returnIf(0);
            f.get('s').load().set('w1');
            f.get('s').load(4).set('w2');
            notDigits('w1');
            notDigits('w2');
            f.emit(OR).returnIf(0);
            f.get('s').load8(8).const(0x30).emit(SUB).tee('v').const(9).emit(GT_U).returnIf(0);
            f.get('w1').const(DIGITS).emit(SUB).set('w1');
            f.get('w2').const(DIGITS).emit(SUB).set('w2');
            const weights = [9, 8, 7, 6];
            weights.forEach((weight, i) => {
              byte('w1', i * 8);
              f.const(weight).emit(MUL);
              if (i > 0) f.emit(ADD);
            });
            [5, 4, 3, 2].forEach((weight, i) => {
              byte('w2', i * 8);
              f.const(weight).emit(MUL, ADD);
            });
            f.get('v').emit(SUB).const(11).emit(REM_S).returnIf(0);
            f.get('w1').get('w2').emit(OR).get('v').emit(OR, EQZ).returnIf(0);
            // Before: any BSN starting with 99 went to JavaScript (1% of rows, which kept checkFields
            // hot enough for TurboFan in every thread); now only one in the range. The number fits an
            // i32 (< 10^9).
            f.get('d')
              .load(16)
              .if(() => {
                f.const(0).set('n');
                for (const w of ['w1', 'w2']) {
                  for (let shift = 0; shift < 32; shift += 8) {
                    f.get('n').const(10).emit(MUL);
                    byte(w, shift);
                    f.emit(ADD).set('n');
                  }
                }
                f.get('n').const(10).emit(MUL).get('v').emit(ADD).tee('n');
                f.get('d').load(12).emit(GE_S);
                f.get('n').get('d').load(16).emit(LE_S);
                f.emit(AND).returnIf(0);
              });
            f.br('next');
          });

        // A code: at most six bytes, found valid in the column's table (keys hi at a, mask b, keys
        // lo at c, values at d), whose slot goes to SEEN.
        f.get('kind')
          .const(ROW_KIND_CODE)
          .emit(EQ)
          .if(() => {
            f.get('n').const(6).emit(GT_U).returnIf(0);
            f.const(0).set('hi');
            f.const(0).set('lo');
            f.get('s').set('i');
            f.loop('bytes', () => {
              f.get('hi').const(8).emit(SHL).get('lo').const(24).emit(SHR_U, OR).set('hi');
              f.get('lo').const(8).emit(SHL).get('i').load8().emit(OR).set('lo');
              f.get('i').const(1).emit(ADD).tee('i').get('e').emit(LT_U).brIf('bytes');
            });
            f.get('hi')
              .const(0x85ebca6b | 0)
              .emit(MUL)
              .get('lo')
              .emit(XOR)
              .const(0x9e3779b1 | 0)
              .emit(MUL);
            f.const(24).emit(SHR_U).get('d').load(16).emit(AND).set('i');
            f.loop('probe', () => {
              f.get('i').get('d').load(24).emit(ADD).load8().tee('v').emit(EQZ).returnIf(0);
              f.get('i').const(2).emit(SHL).tee('a').get('d').load(20).emit(ADD).load().get('lo').emit(EQ);
              f.get('a').get('d').load(12).emit(ADD).load().get('hi').emit(EQ);
              f.emit(AND).if(() => {
                f.get('v').const(1).emit(NE).returnIf(0);
                f.get('c')
                  .const(2)
                  .emit(SHL)
                  .get('i')
                  .store(rowBase + ROW_SEEN);
                // The column's seen marks for rows(), where no JavaScript runs per row.
                f.get('d')
                  .load(28)
                  .tee('a')
                  .if(() => f.get('a').get('i').emit(ADD).const(1).store8());
                f.br('next');
              });
              f.get('i').const(1).emit(ADD).get('d').load(16).emit(AND).set('i');
              f.br('probe');
            });
          });

        // Text: at most a characters (one a byte here), all digits when b.
        f.get('kind')
          .const(ROW_KIND_TEXT)
          .emit(EQ)
          .if(() => {
            f.get('n').get('d').load(12).emit(GT_S).returnIf(0);
            f.get('d')
              .load(16)
              .if(() => allDigits());
            f.br('next');
          });

        // A kind this function does not know (FileValidator never writes one).
        f.const(0).emit(RETURN);
      });
      f.get('c').const(1).emit(ADD).set('c');
    },
  );

  // The key hash (hashKey with the KEY seeds) of the key columns.
  f.const(ROW_KEY_SEED_1 | 0).set('h1');
  f.const(ROW_KEY_SEED_2 | 0).set('h2');
  f.const(0).set('k');
  f.loopUntil(
    'keys',
    () =>
      f
        .get('k')
        .const(rowBase + ROW_KEY_COUNT)
        .load()
        .emit(GE_U),
    () => {
      f.get('k')
        .const(2)
        .emit(SHL)
        .load(rowBase + ROW_KEY_COLUMNS)
        .const(2)
        .emit(SHL)
        .tee('c')
        .load(endsBase)
        .set('e');
      f.get('c').load(startsBase).tee('s').set('i');
      f.loopUntil(
        'words',
        () => f.get('i').const(4).emit(ADD).get('e').emit(GT_S),
        () => {
          mix(() => f.get('i').load());
          f.get('i').const(4).emit(ADD).set('i');
        },
      );
      f.get('e').get('s').emit(SUB).set('v');
      f.loopUntil(
        'tail',
        () => f.get('i').get('e').emit(GE_U),
        () => {
          f.get('v').const(8).emit(SHL).get('i').load8().emit(OR).set('v');
          f.get('i').const(1).emit(ADD).set('i');
        },
      );
      mix(() => f.get('v'));
      f.get('k').const(1).emit(ADD).set('k');
    },
  );
  f.get('h1')
    .get('h1')
    .const(16)
    .emit(SHR_U, XOR)
    .const(0x85ebca6b | 0)
    .emit(MUL)
    .set('h1');
  f.get('h1').get('h1').const(13).emit(SHR_U, XOR).set('h1');
  f.get('h2')
    .get('h2')
    .const(15)
    .emit(SHR_U, XOR)
    .const(0xc2b2ae35 | 0)
    .emit(MUL)
    .set('h2');
  f.get('h2').get('h2').const(16).emit(SHR_U, XOR).set('h2');
  f.const(rowBase + ROW_KEY_HI)
    .get('h1')
    .get('h2')
    .const(15)
    .emit(SHR_U, XOR)
    .store();
  f.const(rowBase + ROW_KEY_LO)
    .get('h2')
    .get('h1')
    .const(0x27d4eb2d)
    .emit(MUL, XOR)
    .store();
  f.const(1);
  return f.body();
}

/**
 * rows(at, end, delimiter, quote, maxLineBytes, count, capacity, line) -> where it stopped: splits line after
 * line of the window from `at` (line, function 0) and takes each that is clean (row, function 3: one
 * of `count` fields, no space, quote or byte >= 0x80, not longer than maxLineBytes) and that no rule
 * can report on (compileRuleTests' tests, as maySomeRuleReport), writing its batch entry (the first
 * at `line`), at most `capacity` rows. It stops before the first other line, which the
 * scanner then hands to the record handler as before; ROW_BATCH_COUNT says how many it took.
 */
export function rowsBody(startsBase: number, endsBase: number, rowBase: number): number[] {
  const f = new FunctionBuilder(['at', 'end', 'delimiter', 'quote', 'maxLine', 'count', 'capacity', 'line']);
  const R = rowBase;
  const date = (slot: () => void) => {
    slot();
    f.const(2)
      .emit(SHL)
      .load(R + ROW_DATES);
  };
  /** for (i = 0; i < the count at `countAt`; i++) body(): over one of the rule-test tables. */
  const overTable = (label: string, countAt: number, body: () => void) => {
    f.const(0).set('i');
    f.loopUntil(
      label,
      () => f.get('i').const(countAt).load().emit(GE_U),
      () => {
        body();
        f.get('i').const(1).emit(ADD).set('i');
      },
    );
  };
  f.block('stop', () => {
    f.loop('lines', () => {
      f.get('n').get('capacity').emit(GE_U).brIf('stop');
      f.get('at').get('end').get('delimiter').get('quote').emit(0x10, 0).tee('r');
      f.const(0).emit(LT_S).brIf('stop');
      // A space or a byte >= 0x80, or another number of fields than the header's.
      f.get('r').const(3).emit(AND).brIf('stop');
      f.get('r').const(2).emit(SHR_U).get('count').emit(NE).brIf('stop');
      f.get('count').const(1).emit(SUB).const(2).emit(SHL).tee('p').load(endsBase).tee('lf').set('e');
      f.get('e')
        .get('at')
        .emit(GT_U)
        .if(() => {
          f.get('e').const(1).emit(SUB).load8().const(13).emit(EQ);
          f.if(() => f.get('e').const(1).emit(SUB).set('e'));
        });
      f.get('e').get('at').emit(EQ).brIf('stop');
      f.get('e').get('at').emit(SUB).get('maxLine').emit(GT_U).brIf('stop');
      f.get('p').get('e').store(endsBase);
      f.get('count').emit(0x10, 3).emit(EQZ).brIf('stop');

      // The rule tests (maySomeRuleReport): `any` gets its sign bit when some rule may report.
      f.const(0).set('any');
      overTable('tests', R + ROW_TEST_COUNT, () => {
        f.get('i').const(4).emit(SHL).set('p');
        date(() => f.get('p').load(R + ROW_TESTS));
        f.tee('a');
        date(() => f.get('p').load(R + ROW_TESTS + 4));
        f.get('a').const(1).emit(SUB).const(31).emit(0x75 /* SHR_S */, AND, ADD).set('a');
        date(() => f.get('p').load(R + ROW_TESTS + 8));
        f.tee('b');
        date(() => f.get('p').load(R + ROW_TESTS + 12));
        f.get('b').const(1).emit(SUB).const(31).emit(0x75, AND, ADD).set('b');
        f.get('any').const(0).get('a').emit(SUB).get('a').get('b').emit(SUB, AND, OR).set('any');
      });
      overTable('requires', R + ROW_REQUIRE_COUNT, () => {
        f.get('i').const(12).emit(MUL).set('p');
        // The required field is empty: all ones.
        f.get('p')
          .load(R + ROW_REQUIRES + 4)
          .load8(R + ROW_FILLED)
          .const(1)
          .emit(SUB)
          .set('a');
        f.get('p')
          .load(R + ROW_REQUIRES + 8)
          .if(
            () => {
              date(() => f.get('p').load(R + ROW_REQUIRES));
              f.set('b');
              f.const(R + ROW_PERIOD_FIRST)
                .load()
                .set('v');
              f.get('a').const(0).get('v').emit(SUB, AND);
              f.get('v').const(1).emit(SUB).get('b').emit(SUB, AND);
              f.get('b')
                .const(R + ROW_PERIOD_LAST)
                .load()
                .emit(SUB)
                .const(1)
                .emit(SUB, AND);
              f.get('any').emit(OR).set('any');
            },
            () => {
              f.get('a')
                .const(0)
                .get('p')
                .load(R + ROW_REQUIRES)
                .load8(R + ROW_FILLED)
                .emit(SUB, AND);
              f.get('any').emit(OR).set('any');
            },
          );
      });
      overTable('sames', R + ROW_SAME_COUNT, () => {
        f.get('i').const(3).emit(SHL).set('p');
        date(() => f.get('p').load(R + ROW_SAMES));
        f.set('v');
        f.get('p')
          .load(R + ROW_SAMES + 4)
          .set('b');
        f.const(0).get('v').emit(SUB).get('v').get('b').emit(SUB).get('b').get('v').emit(SUB, OR, AND);
        f.get('any').emit(OR).set('any');
      });
      f.get('any').const(0).emit(LT_S).brIf('stop');

      // The row is taken: its key hash (row wrote it) and the prefilter of its first key field
      // (keyPrefilter's).
      f.get('n')
        .const(ROW_BATCH_WORDS * 4)
        .emit(MUL)
        .set('p');
      f.get('p')
        .const(R + ROW_KEY_HI)
        .load()
        .store(R + ROW_BATCH);
      f.get('p')
        .const(R + ROW_KEY_LO)
        .load()
        .store(R + ROW_BATCH + 4);
      f.get('p')
        .get('line')
        .get('n')
        .emit(ADD)
        .store(R + ROW_BATCH + 8);
      f.get('p')
        .const(0)
        .store(R + ROW_BATCH + 12);
      f.get('p')
        .const(0)
        .store(R + ROW_BATCH + 16);
      f.const(R + ROW_KEY_COUNT)
        .load()
        .if(() => {
          f.const(R + ROW_KEY_COLUMNS)
            .load()
            .const(2)
            .emit(SHL)
            .tee('c')
            .load(startsBase)
            .set('s');
          f.get('c').load(endsBase).tee('e').get('s').emit(SUB).set('b');
          f.get('b')
            .const(4)
            .emit(GE_U)
            .if(
              () => {
                f.get('s').load().set('a');
                f.get('e').const(4).emit(SUB).load().set('v');
              },
              () => {
                f.get('b').set('a');
                f.const(0).set('v');
                f.loopUntil(
                  'bytes',
                  () => f.get('s').get('e').emit(GE_U),
                  () => {
                    f.get('a').const(8).emit(SHL).get('s').load8().emit(OR).set('a');
                    f.get('s').const(1).emit(ADD).set('s');
                  },
                );
              },
            );
          f.get('a')
            .get('v')
            .get('b')
            .emit(XOR)
            .const(0x9e3779b1 | 0)
            .emit(MUL, XOR)
            .const(0x85ebca6b | 0)
            .emit(MUL)
            .tee('a');
          f.get('a')
            .const(13)
            .emit(SHR_U, XOR)
            .const(0xc2b2ae35 | 0)
            .emit(MUL)
            .set('a');
          f.get('p')
            .get('a')
            .store(R + ROW_BATCH + 16);
        });
      f.get('n').const(1).emit(ADD).set('n');
      f.get('lf').const(1).emit(ADD).set('at');
      f.br('lines');
    });
  });
  f.const(R + ROW_BATCH_COUNT)
    .get('n')
    .store();
  f.get('at');
  return f.body();
}
