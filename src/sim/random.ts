// Deterministic randomness: the same scenario must produce the same numbers on every run, so noise is derived
// from a hash of what it describes (a model and an hour, a stream and a day) rather than from Math.random.

/** FNV-1a hash of a string to an unsigned 32-bit integer. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A number in [0, 1) that depends only on the key. */
export function unitNoise(key: string): number {
  return mulberry32(hashString(key))();
}

/** Small fast seeded generator (mulberry32), returning numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable numeric resource id (as Vertex AI uses) derived from a description of the resource. */
export function numericIdFor(key: string): string {
  const high = (hashString(`${key}#high`) % 9_000_000) + 1_000_000;
  const low = hashString(`${key}#low`) % 1_000_000_000_000;
  return `${high}${String(low).padStart(12, '0')}`;
}
