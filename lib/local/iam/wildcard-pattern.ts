/**
 * IAM's wildcards, compiled to regular expressions: `*` (any run of characters) and `?` (any one
 * character). Everything else is literal.
 */

/** Compiled patterns by kind and text: the enforcer checks the same few policies on every call. */
const compiled = new Map<string, RegExp>();

function memo(key: string, build: () => RegExp): RegExp {
  let regex = compiled.get(key);
  if (!regex) {
    regex = build();
    // A bound keeps a caller with ever-new patterns from growing the cache without end.
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(key, regex);
  }
  return regex;
}

function escape(character: string): string {
  return character.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
}

/** `*` and `?` anywhere, nothing else special; the whole value must match. */
export function compileWildcard(pattern: string, ignoreCase = false): RegExp {
  return memo(`w${ignoreCase ? 'i' : ''}|${pattern}`, () => {
    let source = '';
    for (const character of pattern) {
      source += character === '*' ? '.*' : character === '?' ? '.' : escape(character);
    }
    return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
  });
}

/**
 * An action pattern (`sqs:Send*`, `dynamodb:?etItem`, `*`). Service prefix and action name are
 * both case-insensitive in IAM.
 */
export function compileActionPattern(pattern: string): RegExp {
  return compileWildcard(pattern, true);
}

/**
 * An ARN pattern of a `Resource` element or an `ArnLike` condition. The first five parts
 * (`arn`, partition, service, region, account) are matched one by one: a wildcard inside them
 * does not reach past its colon — except a `*` that ends a part, which IAM lets expand beyond
 * the colon. In the resource part (everything after the account) wildcards match anything,
 * `:` and `/` included. Matching is case-sensitive.
 *
 * `expandTrailingWildcards` is off for `ArnEquals`/`ArnLike`, which IAM documents as checking
 * each of the six parts separately.
 */
export function compileArnPattern(pattern: string, expandTrailingWildcards: boolean): RegExp {
  return memo(`a${expandTrailingWildcards ? 'x' : ''}|${pattern}`, () => {
    let source = '';
    let colons = 0;
    const characters = [...pattern];
    characters.forEach((character, index) => {
      const inResourcePart = colons >= 5;
      if (character === ':') {
        colons += 1;
        source += ':';
      } else if (character === '*') {
        const endsPart = !inResourcePart && (characters[index + 1] === ':' || index === characters.length - 1);
        source += inResourcePart || (endsPart && expandTrailingWildcards) ? '.*' : '[^:]*';
      } else if (character === '?') {
        source += inResourcePart ? '.' : '[^:]';
      } else {
        source += escape(character);
      }
    });
    return new RegExp(`^${source}$`, 's');
  });
}
