/**
 * The members whose value is not `undefined`, for an optional member that an AWS answer or a
 * stored record leaves out rather than carries as `undefined` (which `toEqual`, `Object.keys`
 * and the `in` operator would still see).
 *
 * @example { Name: name, ...definedMembers({ Description: description }) } // no Description key without one
 */
export function definedMembers<T extends Record<string, unknown>>(
  members: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(members).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
