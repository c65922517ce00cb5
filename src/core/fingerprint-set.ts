/**
 * A set of 63-bit string fingerprints in two typed arrays: about 16 bytes per entry (at most half
 * full), against 100+ for a Map of strings. Ingest remembers every (conversation id, updatedAt) of
 * a file with it, so a multi-GB export costs megabytes, not gigabytes. Two different strings share
 * a fingerprint with probability ≈ n²/2⁶⁴ (about 1 in 160,000 for 15 million entries); such a
 * collision would count a record as a duplicate.
 */
export class FingerprintSet {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private count = 0;

  constructor(initialCapacity = 1024) {
    let capacity = 1024;
    while (capacity < initialCapacity * 2) capacity *= 2;
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Adds the string; false when it (or its fingerprint) was already there. */
  add(value: string): boolean {
    const [h, l] = fingerprint(value);
    if (this.count * 2 >= this.hi.length) this.grow();
    return this.insert(h, l);
  }

  has(value: string): boolean {
    const [h, l] = fingerprint(value);
    const mask = this.hi.length - 1;
    for (let i = l & mask; ; i = (i + 1) & mask) {
      if (this.hi[i] === 0 && this.lo[i] === 0) return false;
      if (this.hi[i] === h && this.lo[i] === l) return true;
    }
  }

  private insert(h: number, l: number): boolean {
    const mask = this.hi.length - 1;
    for (let i = l & mask; ; i = (i + 1) & mask) {
      if (this.hi[i] === 0 && this.lo[i] === 0) {
        this.hi[i] = h;
        this.lo[i] = l;
        this.count++;
        return true;
      }
      if (this.hi[i] === h && this.lo[i] === l) return false;
    }
  }

  private grow(): void {
    const { hi, lo } = this;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(lo.length * 2);
    this.count = 0;
    for (let i = 0; i < hi.length; i++) if (hi[i] !== 0 || lo[i] !== 0) this.insert(hi[i]!, lo[i]!);
  }
}

/** Two independent 32-bit FNV-1a style hashes; the low word is forced odd so (0, 0) stays "empty". */
function fingerprint(value: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ value.length;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a >>> 0, (b | 1) >>> 0];
}
