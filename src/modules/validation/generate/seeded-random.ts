// Deterministic pseudo-random numbers: the same --seed must give the same file on every machine, so
// benchmarks and golden tests can rely on it. sfc32 is small, fast and good enough for test data.

export interface Random {
  /** Float in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  integer(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

/** FNV-1a over the seed's text, spread over the four words sfc32 needs. */
function hashSeed(seed: string): [number, number, number, number] {
  const words: [number, number, number, number] = [0, 0, 0, 0];
  for (let w = 0; w < 4; w++) {
    let h = 0x811c9dc5 ^ (w * 0x9e3779b9);
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
    words[w] = h >>> 0;
  }
  return words;
}

export function createRandom(seed: string | number): Random {
  let [a, b, c, d] = hashSeed(String(seed));
  const nextWord = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) nextWord();
  const random: Random = {
    next: () => nextWord() / 4294967296,
    integer: (min, max) => min + Math.floor(random.next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(random.next() * items.length)]!;
    },
  };
  return random;
}
