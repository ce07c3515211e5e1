import { InvalidEventPatternError } from './invalid-event-pattern-error';

/**
 * IP addresses as event-ruler compares them: a fixed-width upper-case hex string of the address
 * bytes (8 digits for IPv4, 32 for IPv6), so that ranges are plain string comparisons.
 */

// The same shapes event-ruler's Constants use to decide whether a string is worth parsing.
const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

/** Whether a string looks like an IP address literal (it may still fail to parse). */
export function looksLikeIp(text: string): boolean {
  return IPV4_SHAPE.test(text) || IPV6_SHAPE.test(text);
}

function hexByte(value: number): string {
  return (value < 16 ? '0' : '') + value.toString(16).toUpperCase();
}

function ipv4Bytes(text: string): number[] | undefined {
  const bytes = text.split('.').map((part) => Number(part));
  return bytes.every((b) => Number.isInteger(b) && b >= 0 && b <= 255) ? bytes : undefined;
}

function ipv6Bytes(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string | undefined): string[] => (part ? part.split(':') : []);
  const head = groupsOf(halves[0]);
  const tail = groupsOf(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 1 ? 0 : missing).fill('0'), ...tail];
  const bytes: number[] = [];
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    const value = parseInt(group, 16);
    bytes.push(value >> 8, value & 0xff);
  }
  return bytes;
}

/** The address bytes of an IP literal, or undefined when it is not one. */
export function ipBytes(text: string): number[] | undefined {
  if (IPV4_SHAPE.test(text)) return ipv4Bytes(text);
  if (IPV6_SHAPE.test(text)) return ipv6Bytes(text);
  return undefined;
}

/** The comparable hex form of an IP literal, or undefined when the text is not one. */
export function ipKey(text: string): string | undefined {
  const bytes = ipBytes(text);
  return bytes ? bytes.map(hexByte).join('') : undefined;
}

/**
 * A CIDR block as the inclusive range of comparable hex keys it covers, plus the same range as
 * 32-bit numbers for IPv4 blocks (the fast path: most addresses in events are IPv4).
 */
export interface CidrRange {
  readonly low: string;
  readonly high: string;
  readonly ipv4?: { readonly low: number; readonly high: number };
}

/**
 * An IPv4 literal as an unsigned 32-bit number, or -1 when the text is not a dotted quad of
 * decimal octets. Parsed by hand: this runs for every value a `cidr` operand is tested on.
 */
export function ipv4Number(text: string): number {
  let result = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      octet = octet * 10 + (code - 48);
      if (++digits > 3 && octet > 255) return -1;
    } else if (code === 46 && digits > 0 && dots < 3) {
      if (octet > 255) return -1;
      result = result * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else {
      return -1;
    }
  }
  if (dots !== 3 || digits === 0 || octet > 255) return -1;
  return result * 256 + octet;
}

function fail(reason: string): never {
  throw new InvalidEventPatternError(reason);
}

/**
 * Parses a `cidr` operand with event-ruler's checks and wording. The host bits of the address
 * are cleared, so `10.0.0.5/24` is the `10.0.0.0/24` block.
 */
export function parseCidr(cidr: string): CidrRange {
  // Java's String.split drops trailing empty strings, so "10.0.0.0/" has one part, not two.
  const parts = cidr.split('/');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length !== 2) fail("Malformed CIDR, one '/' required");
  const [address, maskText] = parts as [string, string];
  if (!/^[+-]?[0-9]+$/.test(maskText) || Math.abs(Number(maskText)) > 2 ** 31 - 1) {
    fail('Malformed CIDR, mask bits must be an integer');
  }
  const maskBits = Number(maskText);
  if (maskBits < 0) fail('Malformed CIDR, mask bits must not be negative');
  if (!looksLikeIp(address)) fail(`Nonstandard IP address: ${address}`);
  const bytes = ipBytes(address);
  if (!bytes) fail(`Invalid IP address: ${address}`);
  if (bytes.length === 4 && maskBits > 31) fail('IPv4 mask bits must be < 32');
  if (bytes.length === 16 && maskBits > 127) fail('IPv6 mask bits must be < 128');
  const low: number[] = [];
  const high: number[] = [];
  bytes.forEach((byte, index) => {
    const bitsInThisByte = Math.max(0, Math.min(8, maskBits - index * 8));
    const hostMask = 0xff >> bitsInThisByte;
    low.push(byte & ~hostMask & 0xff);
    high.push(byte | hostMask);
  });
  const toNumber = (octets: number[]): number => octets.reduce((sum, octet) => sum * 256 + octet, 0);
  return {
    low: low.map(hexByte).join(''),
    high: high.map(hexByte).join(''),
    ...(bytes.length === 4 ? { ipv4: { low: toNumber(low), high: toNumber(high) } } : {}),
  };
}
