/**
 * dynalite keeps items in plain objects, where an attribute named `__proto__` would set the
 * prototype instead of being stored (and a write answered 200 would lose it). DynamoDB allows any
 * name, so the JSON string `"__proto__"` is swapped for a private-use stand-in on the way in and
 * back on the way out: stored and returned like any other name or value (issue 12 item 5).
 */
const PROTO = '"__proto__"';
const STAND_IN = '"\uE000__proto__"';

/** The request text with every JSON string `"__proto__"` replaced by the stand-in. */
export function escapeProtoNames(requestText: string): string {
  return requestText.includes(PROTO) ? requestText.split(PROTO).join(STAND_IN) : requestText;
}

/** The response text with the stand-in turned back into `"__proto__"`. */
export function unescapeProtoNames(responseText: string): string {
  return responseText.includes(STAND_IN) ? responseText.split(STAND_IN).join(PROTO) : responseText;
}
