/**
 * Case-insensitive comparisons as event-ruler makes them: each character of the operand may
 * appear in the value in its lower- or upper-case form. When case mapping changes a string's
 * length (e.g. `ß` → `SS`), comparison falls back to lower-casing both sides.
 */
export interface IgnoreCaseOperand {
  readonly lower: string;
  readonly upper: string;
  /** Whether lower and upper forms line up character for character with the operand. */
  readonly aligned: boolean;
}

/** Prepares an operand once, at compile time. */
export function ignoreCaseOperand(operand: string): IgnoreCaseOperand {
  const lower = operand.toLowerCase();
  const upper = operand.toUpperCase();
  return { lower, upper, aligned: lower.length === operand.length && upper.length === operand.length };
}

function regionMatches(value: string, offset: number, operand: IgnoreCaseOperand): boolean {
  const { lower, upper } = operand;
  for (let i = 0; i < lower.length; i++) {
    const char = value.charCodeAt(offset + i);
    if (char !== lower.charCodeAt(i) && char !== upper.charCodeAt(i)) return false;
  }
  return true;
}

/** `equals-ignore-case`. */
export function equalsIgnoreCase(value: string, operand: IgnoreCaseOperand): boolean {
  if (!operand.aligned) return value.toLowerCase() === operand.lower;
  return value.length === operand.lower.length && regionMatches(value, 0, operand);
}

/** `prefix: { equals-ignore-case }`. */
export function startsWithIgnoreCase(value: string, operand: IgnoreCaseOperand): boolean {
  if (!operand.aligned) return value.toLowerCase().startsWith(operand.lower);
  return value.length >= operand.lower.length && regionMatches(value, 0, operand);
}

/** `suffix: { equals-ignore-case }`. */
export function endsWithIgnoreCase(value: string, operand: IgnoreCaseOperand): boolean {
  if (!operand.aligned) return value.toLowerCase().endsWith(operand.lower);
  const offset = value.length - operand.lower.length;
  return offset >= 0 && regionMatches(value, offset, operand);
}
