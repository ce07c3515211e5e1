/**
 * A comparison of two values as what they stand for (a number, an instant): `convert` reads each
 * one (`undefined` when it is not such a value) and `test` compares the two. A value that does not
 * convert matches nothing, as in IAM's Numeric and Date condition operators and the Choice state's
 * Timestamp rules.
 *
 * @example
 * const dateLessThan = convertedComparison(Date.parse)((a, b) => a < b);
 */
export function convertedComparison<Value, Converted>(
  convert: (value: Value) => Converted | undefined,
): (test: (a: Converted, b: Converted) => boolean) => (a: Value, b: Value) => boolean {
  return (test) => (a, b) => {
    const convertedA = convert(a);
    const convertedB = convert(b);
    return convertedA !== undefined && convertedB !== undefined && test(convertedA, convertedB);
  };
}
