/**
 * cyrb53 (public domain, by bryc): a fast, well-mixed 53-bit string hash. Chaos decisions are
 * hashes of the seed and of what they are about, so they do not depend on the order in which
 * concurrent deliveries happen to ask.
 */
export function seededHash(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A number in [0, 1) drawn from the seed and the text. */
export function seededFraction(text: string, seed: number): number {
  return seededHash(text, seed) / 2 ** 53;
}
