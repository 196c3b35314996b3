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
export const ROW_KEY_COLUMNS = 16;
export const ROW_FILLED = 1024;
export const ROW_DATES = 2048;
export const ROW_SEEN = 8192;
export const ROW_TABLE = 12288;
export const ROW_CODES = 32768;
export const ROW_REGION_BYTES = 65536;
/** Int32 words per column in the table: kind, field index, flags, a, b, c, d, (unused). */
export const ROW_COLUMN_WORDS = 8;

/** Limits of the region: a file beyond them is checked by JavaScript alone. */
export const ROW_MAX_KEY_COLUMNS = (ROW_FILLED - ROW_KEY_COLUMNS) / 4;
export const ROW_MAX_FIELDS = ROW_FILLED - 4;
export const ROW_MAX_COLUMNS = (ROW_CODES - ROW_TABLE) / (ROW_COLUMN_WORDS * 4);

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
    f.block('digitsDone', () => {
      f.loop('digits', () => {
        f.get('i').get('e').emit(GE_U).brIf('digitsDone');
        f.get('i').load8().const(0x30).emit(SUB).const(9).emit(GT_U).returnIf(0);
        f.get('i').const(1).emit(ADD).set('i');
        f.br('digits');
      });
    });
  };

  f.block('columnsDone', () => {
    f.loop('columns', () => {
      f.get('c').get('count').emit(GE_U).brIf('columnsDone');
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

        // A BSN: nine digits passing the elfproef, not nine zeros, not a test number when a.
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
            f.get('d').load(12);
            f.get('s').load().const(0xffff).emit(AND).const(0x3939).emit(EQ);
            f.emit(AND).returnIf(0);
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
      f.br('columns');
    });
  });

  // The key hash (hashKey with the KEY seeds) of the key columns.
  f.const(ROW_KEY_SEED_1 | 0).set('h1');
  f.const(ROW_KEY_SEED_2 | 0).set('h2');
  f.const(0).set('k');
  f.block('keysDone', () => {
    f.loop('keys', () => {
      f.get('k')
        .const(rowBase + ROW_KEY_COUNT)
        .load()
        .emit(GE_U)
        .brIf('keysDone');
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
      f.block('wordsDone', () => {
        f.loop('words', () => {
          f.get('i').const(4).emit(ADD).get('e').emit(GT_S).brIf('wordsDone');
          mix(() => f.get('i').load());
          f.get('i').const(4).emit(ADD).set('i');
          f.br('words');
        });
      });
      f.get('e').get('s').emit(SUB).set('v');
      f.block('tailDone', () => {
        f.loop('tail', () => {
          f.get('i').get('e').emit(GE_U).brIf('tailDone');
          f.get('v').const(8).emit(SHL).get('i').load8().emit(OR).set('v');
          f.get('i').const(1).emit(ADD).set('i');
          f.br('tail');
        });
      });
      mix(() => f.get('v'));
      f.get('k').const(1).emit(ADD).set('k');
      f.br('keys');
    });
  });
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
