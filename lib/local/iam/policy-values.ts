import { UNRESOLVED_PREFIX } from '../assembly/intrinsic-resolver';

/**
 * A value of a policy element as the evaluator sees it: a string it can compare, or `undefined`
 * for something it cannot — an intrinsic the assembly reader left unresolved
 * (`<unresolved:...>`), an object (`{"Ref": ...}`), or a policy variable (`${aws:username}`),
 * which the local cloud does not substitute. Such a value matches no request value.
 */
export type PolicyValue = string | undefined;

/**
 * The values of an element that IAM allows as one string or a list (`Action`, `Resource`, a
 * condition's values). Booleans and numbers (`"aws:SecureTransport": false`) become their JSON
 * text, as IAM reads them.
 */
export function policyValues(element: unknown): PolicyValue[] {
  const items = Array.isArray(element) ? (element as unknown[]) : element === undefined ? [] : [element];
  return items.map(policyValue);
}

function policyValue(item: unknown): PolicyValue {
  if (typeof item === 'boolean' || typeof item === 'number') return String(item);
  if (typeof item !== 'string') return undefined;
  if (item.startsWith(UNRESOLVED_PREFIX) || item.includes('${')) return undefined;
  return item;
}
