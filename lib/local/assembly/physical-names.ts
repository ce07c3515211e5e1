import { createHash } from 'node:crypto';

/**
 * The name CloudFormation would generate for a resource the template does not name:
 * `<stack>-<logicalId>`, cut to the type's length limit (with a short hash of the full name, so
 * two long names cut alike stay distinct). Real CloudFormation appends a random suffix; the local
 * cloud keeps names deterministic so a rerun finds the same queues and tables.
 */
export function generatedPhysicalName(
  stackName: string,
  logicalId: string,
  options: { maxLength: number; suffix?: string; lowerCase?: boolean },
): string {
  const suffix = options.suffix ?? '';
  let name = `${stackName}-${logicalId}`;
  const room = options.maxLength - suffix.length;
  if (name.length > room) {
    const hash = createHash('sha256').update(name).digest('hex').slice(0, 8).toUpperCase();
    name = `${name.slice(0, room - hash.length - 1)}-${hash}`;
  }
  name += suffix;
  return options.lowerCase ? name.toLowerCase() : name;
}

/** A stable fake id (`AROA...` role ids, KMS key ids) derived from where the resource is declared. */
export function deterministicId(seed: string, length: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'): string {
  const digest = createHash('sha256').update(seed).digest();
  let id = '';
  for (let index = 0; index < length; index++) {
    id += alphabet[(digest[index % digest.length] ?? 0) % alphabet.length];
  }
  return id;
}
