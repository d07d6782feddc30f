/**
 * numpy's legacy `RandomState` (MT19937 seeded by init_genrand) — only the draws sklearn's trees and
 * ensembles make: `randint(low, high)` by masked rejection, `rand()` with 53 bits. Reproducing them lets
 * trees, forests and boosting take the same random decisions as sklearn for the same `randomState`.
 */
export class NumpyRandomState {
  private readonly mt = new Uint32Array(624);
  private mti = 624;

  constructor(seed: number) {
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < 624; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      // 1812433253 * prev + i in uint32 arithmetic (split to keep the product exact).
      mt[i] =
        (((((prev & 0xffff0000) >>> 16) * 1812433253) << 16) + (prev & 0x0000ffff) * 1812433253 + i) >>> 0;
    }
  }

  nextUint32(): number {
    const mt = this.mt;
    if (this.mti >= 624) {
      for (let k = 0; k < 624; k++) {
        const y = (mt[k] & 0x80000000) | (mt[(k + 1) % 624] & 0x7fffffff);
        mt[k] = mt[(k + 397) % 624] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.mti = 0;
    }
    let y = mt[this.mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** Integer in [low, high) like `RandomState.randint` (high − low ≤ 2³²). */
  randint(low: number, high: number): number {
    const rng = high - low - 1;
    if (rng === 0) return low;
    let mask = rng;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let v: number;
    do v = (this.nextUint32() & mask) >>> 0;
    while (v > rng);
    return low + v;
  }

  /** Uniform in [0, 1) like `RandomState.random_sample`. */
  rand(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
}

const RAND_R_MAX = 0x7fffffff;

/** sklearn's `our_rand_r` xorshift generator used inside tree splitters, seeded from a RandomState. */
export class TreeRng {
  private s: number;

  constructor(random: NumpyRandomState) {
    this.s = random.randint(0, RAND_R_MAX) >>> 0;
  }

  private next(): number {
    let s = this.s;
    s = (s ^ (s << 13)) >>> 0;
    s = (s ^ (s >>> 17)) >>> 0;
    s = (s ^ (s << 5)) >>> 0;
    this.s = s;
    return s % (RAND_R_MAX + 1);
  }

  /** Integer in [low, high). */
  int(low: number, high: number): number {
    return low + (this.next() % (high - low));
  }

  /** Uniform in [low, high) as sklearn's rand_uniform computes it. */
  uniform(low: number, high: number): number {
    return ((high - low) * this.next()) / RAND_R_MAX + low;
  }
}
