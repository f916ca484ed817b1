// A seeded pseudo-random source, so the same flags always generate the same data set and
// two runs of a benchmark measure the same thing.

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }
  /** mulberry32: fast, small state, good enough for test data. */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)] as T;
  }
  /** A time between a and b (ms epoch), as a Date. */
  between(a: Date, b: Date): Date {
    return new Date(a.getTime() + Math.floor(this.next() * Math.max(0, b.getTime() - a.getTime())));
  }
}

/** Unique ids shaped like the app's cuids (25 chars, a run tag then a counter). */
export function idFactory(tag: string): () => string {
  let n = 0;
  const head = `c${tag}`.slice(0, 9).padEnd(9, "0");
  return () => `${head}${(n++).toString(36).padStart(16, "0")}`;
}
