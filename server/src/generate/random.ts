/**
 * The generator's only source of chance: a seeded mulberry32 sequence, the same on every
 * platform, so one seed always gives the same village. Nothing here is for secrets (the
 * ID ciphers use the platform's cryptographic random source; see village.ts).
 */

export interface Random {
  /** In [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** A Poisson-distributed count with mean `mean` (small means: Knuth's method). */
  poisson(mean: number): number;
  /** A log-normal factor with median 1 and the given spread (σ of the logarithm). */
  logNormal(sigma: number): number;
  /** `count` bytes, for the random part of document ids. */
  bytes(count: number): Uint8Array;
}

export function randomOf(seed: number): Random {
  let state = seed | 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new RangeError('pick from an empty list');
      return item;
    },
    chance: (probability) => next() < probability,
    poisson(mean) {
      if (mean <= 0) return 0;
      // Means here are a few events a month at most; above 30 the normal approximation.
      if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(next)));
      const limit = Math.exp(-mean);
      let count = 0;
      let product = next();
      while (product > limit) {
        count += 1;
        product *= next();
      }
      return count;
    },
    logNormal: (sigma) => Math.exp(sigma * gaussian(next)),
    bytes(count) {
      const bytes = new Uint8Array(count);
      for (let i = 0; i < count; i += 1) bytes[i] = Math.floor(next() * 256);
      return bytes;
    },
  };
}

/** A standard normal deviate (Box-Muller). */
function gaussian(next: () => number): number {
  const u = 1 - next();
  const v = next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A seed for one part of a generation (a village, a township), from the run's seed and a name. */
export function deriveSeed(seed: number, name: string): number {
  // FNV-1a over the name, mixed with the seed.
  let hash = 0x811c9dc5 ^ (seed | 0);
  for (let i = 0; i < name.length; i += 1) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/** Picks among weighted choices: `weights[i]` is the relative chance of `items[i]`. */
export function weightedPicker<T>(
  items: readonly T[],
  weights: readonly number[],
): (random: Random) => T {
  if (items.length === 0 || items.length !== weights.length)
    throw new RangeError('weightedPicker needs one weight per item');
  const cumulative: number[] = [];
  let total = 0;
  for (const weight of weights) {
    total += Math.max(0, weight);
    cumulative.push(total);
  }
  if (total <= 0) throw new RangeError('weightedPicker needs a positive weight');
  return (random) => {
    const target = random.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] ?? 0) > target) high = middle;
      else low = middle + 1;
    }
    const item = items[low];
    if (item === undefined) throw new Error('weightedPicker index out of range');
    return item;
  };
}
