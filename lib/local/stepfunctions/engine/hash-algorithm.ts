/** The algorithms `States.Hash` and JSONata's `$hash` take, by their ASL names, as `node:crypto` names them. */
export const HASH_ALGORITHMS: Readonly<Record<string, string>> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

/** The `node:crypto` name of an ASL hashing algorithm, or undefined for anything else. */
export function hashAlgorithmOf(algorithm: unknown): string | undefined {
  return typeof algorithm === 'string' && Object.hasOwn(HASH_ALGORITHMS, algorithm)
    ? HASH_ALGORITHMS[algorithm]
    : undefined;
}
