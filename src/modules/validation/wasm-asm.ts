// The few pieces of the WebAssembly binary format (https://webassembly.github.io/spec/core/binary/)
// that the check's hand-written module needs: the project has no wasm toolchain, so its bytes are
// written from the instructions (simd-scan.ts, row-check.ts).

export const I32 = 0x7f;
export const V128 = 0x7b;

export function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

export function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

export function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...uleb(bytes.length), ...bytes];
}

export function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

export function vector(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

// i32 instructions by their opcode.
export const EQZ = 0x45;
export const EQ = 0x46;
export const NE = 0x47;
export const LT_S = 0x48;
export const LT_U = 0x49;
export const GT_S = 0x4a;
export const GT_U = 0x4b;
export const LE_S = 0x4c;
export const GE_S = 0x4e;
export const GE_U = 0x4f;
export const CTZ = 0x68;
export const POPCNT = 0x69;
export const ADD = 0x6a;
export const SUB = 0x6b;
export const MUL = 0x6c;
export const REM_S = 0x6f;
export const REM_U = 0x70;
export const AND = 0x71;
export const OR = 0x72;
export const XOR = 0x73;
export const SHL = 0x74;
export const SHR_S = 0x75;
export const SHR_U = 0x76;
export const ROTL = 0x77;
export const SELECT = 0x1b;
export const RETURN = 0x0f;

/**
 * A function body with named locals and labelled blocks: `br('next')` finds the label's depth, so
 * nested control flow reads like the structured code it is.
 */
export class FunctionBuilder {
  readonly code: number[] = [];
  private readonly labels: string[] = [];
  private readonly locals = new Map<string, number>();
  private i32Locals = 0;
  private readonly paramCount: number;

  constructor(
    params: readonly string[],
    private readonly extra: readonly [count: number, type: number][] = [],
  ) {
    params.forEach((p, i) => this.locals.set(p, i));
    this.paramCount = params.length;
  }

  /** The index of an i32 local, declared on first use (after the params and any `extra`). */
  local(local: string): number {
    let index = this.locals.get(local);
    if (index === undefined) {
      index = this.paramCount + this.extra.reduce((n, [count]) => n + count, 0) + this.i32Locals;
      this.i32Locals += 1;
      this.locals.set(local, index);
    }
    return index;
  }

  emit(...bytes: (number | number[])[]): this {
    for (const b of bytes) {
      if (typeof b === 'number') this.code.push(b);
      else this.code.push(...b);
    }
    return this;
  }

  get(local: string): this {
    return this.emit(0x20, uleb(this.local(local)));
  }

  set(local: string): this {
    return this.emit(0x21, uleb(this.local(local)));
  }

  tee(local: string): this {
    return this.emit(0x22, uleb(this.local(local)));
  }

  const(value: number): this {
    return this.emit(0x41, sleb(value));
  }

  /** i32.load at the address on the stack plus `offset`. */
  load(offset = 0): this {
    return this.emit(0x28, 0x00, uleb(offset));
  }

  load8(offset = 0): this {
    return this.emit(0x2d, 0x00, uleb(offset));
  }

  /** i32.store of (address, value) on the stack, at address + offset. */
  store(offset = 0): this {
    return this.emit(0x36, 0x00, uleb(offset));
  }

  store8(offset = 0): this {
    return this.emit(0x3a, 0x00, uleb(offset));
  }

  block(label: string, body: () => void): this {
    return this.structured(0x02, label, body);
  }

  loop(label: string, body: () => void): this {
    return this.structured(0x03, label, body);
  }

  /**
   * The while loop every scan here is: a block `<label>Done` around a loop `<label>` that first
   * leaves when exitIf's condition holds, then runs body and goes round again. In body, `br(label)`
   * starts the next round and `br(label + 'Done')` leaves the loop.
   */
  loopUntil(label: string, exitIf: () => void, body: () => void): this {
    const done = `${label}Done`;
    return this.block(done, () =>
      this.loop(label, () => {
        exitIf();
        this.brIf(done);
        body();
        this.br(label);
      }),
    );
  }

  /** if (condition on the stack) { then } else { otherwise }, without a result. */
  if(then: () => void, otherwise?: () => void): this {
    this.emit(0x04, 0x40);
    this.labels.push('');
    then();
    if (otherwise) {
      this.emit(0x05);
      otherwise();
    }
    this.labels.pop();
    return this.emit(0x0b);
  }

  br(label: string): this {
    return this.emit(0x0c, uleb(this.depth(label)));
  }

  brIf(label: string): this {
    return this.emit(0x0d, uleb(this.depth(label)));
  }

  /** return `value` when the condition on the stack holds. */
  returnIf(value: number): this {
    return this.if(() => this.const(value).emit(RETURN));
  }

  /** The body's bytes: its locals, its code and the final end. */
  body(): number[] {
    const locals: number[][] = this.extra.map(([count, type]) => [...uleb(count), type]);
    if (this.i32Locals > 0) locals.push([...uleb(this.i32Locals), I32]);
    return [...vector(locals), ...this.code, 0x0b];
  }

  private structured(op: number, label: string, body: () => void): this {
    this.emit(op, 0x40);
    this.labels.push(label);
    body();
    this.labels.pop();
    return this.emit(0x0b);
  }

  private depth(label: string): number {
    const at = this.labels.lastIndexOf(label);
    if (at < 0) throw new Error(`no label ${label}`);
    return this.labels.length - 1 - at;
  }
}
