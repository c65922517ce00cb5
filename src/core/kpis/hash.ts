/**
 * Small, fast, seedable string hashes. Sampling and near-duplicate detection must give the same
 * answer on every run and machine, so nothing here touches Math.random or node:crypto.
 */

/** MurmurHash3's 32-bit finaliser: spreads every input bit over the output. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units, finalised with mix32: a well-spread unsigned 32-bit hash. */
export function hash32(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** A reproducible number in [0, 1) from a seed and a key (53 bits from two independent 32-bit hashes). */
export function unitHash(seed: string, key: string): number {
  const text = `${seed}\u0000${key}`;
  const hi = hash32(text, 0x9e3779b9) >>> 11; // 21 bits
  const lo = hash32(text, 0x7f4a7c15); // 32 bits
  return (hi * 2 ** 32 + lo) / 2 ** 53;
}
