import { LogsInvalidParameterError } from './logs-errors';

/** A compiled filter pattern: does a log event's message match it? */
export type LogEventMatcher = (message: string) => boolean;

/**
 * Compiles a CloudWatch Logs filter pattern ("Filter pattern syntax for metric filters,
 * subscription filters, filter log events, and Live Tail", CloudWatch Logs User Guide):
 *
 * - empty: every event;
 * - terms: `ERROR Exception` (all, case-sensitive), `"a quoted phrase"`, `-term` (must not appear),
 *   `?ERROR ?WARN` (any of them), `%regex%`;
 * - JSON: `{ $.level = "ERROR" }`, `{ $.latency > 5 }`, `!=`, `>=`, `<=`, `*` wildcards in strings,
 *   `IS NULL`, `NOT EXISTS`, `IS TRUE`, `IS FALSE`, `&&`, `||` and parentheses;
 * - space-delimited: `[ip, user, ..., status = 5*, bytes > 1000]`.
 *
 * A pattern it cannot parse is `InvalidParameterException`, as CloudWatch Logs refuses it.
 *
 * @example compileFilterPattern('{ $.level = "ERROR" }')('{"level":"ERROR"}') // true
 */
export function compileFilterPattern(pattern: string | undefined): LogEventMatcher {
  const text = (pattern ?? '').trim();
  if (text === '') return () => true;
  try {
    if (text.startsWith('{')) return jsonMatcher(text);
    if (text.startsWith('[')) return delimitedMatcher(text);
    return termMatcher(text);
  } catch (error) {
    if (error instanceof LogsInvalidParameterError) throw error;
    throw invalid(pattern ?? '');
  }
}

function invalid(pattern: string, detail?: string): LogsInvalidParameterError {
  return new LogsInvalidParameterError(`Invalid filter pattern${detail ? ` (${detail})` : ''}: '${pattern}'`);
}

// ---- terms -------------------------------------------------------------------------------

function termMatcher(text: string): LogEventMatcher {
  const required: ((message: string) => boolean)[] = [];
  const excluded: ((message: string) => boolean)[] = [];
  const optional: ((message: string) => boolean)[] = [];
  const tokenPattern = /([?-]?)(?:"((?:[^"\\]|\\.)*)"|%([^%]+)%|(\S+))/g;
  for (const match of text.matchAll(tokenPattern)) {
    const [, prefix, quoted, regex, bare] = match;
    let test: (message: string) => boolean;
    if (regex !== undefined) {
      const compiled = new RegExp(regex);
      test = (message) => compiled.test(message);
    } else {
      const term = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (bare ?? '');
      test = (message) => message.includes(term);
    }
    (prefix === '-' ? excluded : prefix === '?' ? optional : required).push(test);
  }
  return (message) =>
    required.every((test) => test(message)) &&
    !excluded.some((test) => test(message)) &&
    (optional.length === 0 || optional.some((test) => test(message)));
}

// ---- JSON --------------------------------------------------------------------------------

type JsonCondition = (document: unknown) => boolean;

type Token =
  | { kind: 'punct'; value: '(' | ')' | '&&' | '||' | '{' | '}' }
  | { kind: 'op'; value: '=' | '!=' | '>' | '<' | '>=' | '<=' }
  | { kind: 'selector'; value: string }
  | { kind: 'string'; value: string }
  | { kind: 'regex'; value: string }
  | { kind: 'word'; value: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text.charAt(index);
    const pair = text.slice(index, index + 2);
    if (/\s/.test(char)) {
      index++;
    } else if (pair === '&&' || pair === '||') {
      tokens.push({ kind: 'punct', value: pair });
      index += 2;
    } else if (pair === '!=' || pair === '>=' || pair === '<=') {
      tokens.push({ kind: 'op', value: pair });
      index += 2;
    } else if (char === '=' || char === '>' || char === '<') {
      tokens.push({ kind: 'op', value: char });
      index++;
    } else if (char === '(' || char === ')' || char === '{' || char === '}') {
      tokens.push({ kind: 'punct', value: char });
      index++;
    } else if (char === '"') {
      let end = index + 1;
      let value = '';
      while (end < text.length && text.charAt(end) !== '"') {
        if (text.charAt(end) === '\\') end++;
        value += text.charAt(end);
        end++;
      }
      if (end >= text.length) throw new Error('unterminated string');
      tokens.push({ kind: 'string', value });
      index = end + 1;
    } else if (char === '%') {
      const end = text.indexOf('%', index + 1);
      if (end < 0) throw new Error('unterminated regex');
      tokens.push({ kind: 'regex', value: text.slice(index + 1, end) });
      index = end + 1;
    } else {
      const match = /^[^\s()=!<>&|{}"]+/.exec(text.slice(index));
      if (!match) throw new Error(`unexpected '${char}'`);
      const value = match[0];
      tokens.push(value.startsWith('$') ? { kind: 'selector', value } : { kind: 'word', value });
      index += value.length;
    }
  }
  return tokens;
}

function jsonMatcher(text: string): LogEventMatcher {
  const tokens = tokenize(text);
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const next = (): Token => {
    const token = tokens[position++];
    if (!token) throw new Error('unexpected end');
    return token;
  };
  const expectPunct = (value: string) => {
    const token = next();
    if (token.kind !== 'punct' || token.value !== value) throw new Error(`expected '${value}'`);
  };

  /** `operand (operator operand)*`: one condition when any (`||`) or every (`&&`) operand holds. */
  const parseChain = (operator: '||' | '&&', parseOperand: () => JsonCondition): JsonCondition => {
    const parts = [parseOperand()];
    while (peek()?.kind === 'punct' && peek()?.value === operator) {
      position++;
      parts.push(parseOperand());
    }
    if (parts.length === 1) return parts[0] as JsonCondition;
    return operator === '||'
      ? (document) => parts.some((part) => part(document))
      : (document) => parts.every((part) => part(document));
  };
  const parseOr = (): JsonCondition => parseChain('||', parseAnd);
  const parseAnd = (): JsonCondition => parseChain('&&', parseUnary);
  const parseUnary = (): JsonCondition => {
    const token = next();
    if (token.kind === 'punct' && token.value === '(') {
      const inner = parseOr();
      expectPunct(')');
      return inner;
    }
    if (token.kind !== 'selector') throw new Error('expected a $ selector');
    const select = compileSelector(token.value);
    const following = next();
    if (following.kind === 'word') {
      const keyword = following.value.toUpperCase();
      const second = next();
      const phrase = `${keyword} ${second.kind === 'word' ? second.value.toUpperCase() : ''}`;
      if (phrase === 'IS NULL') return (document) => select(document) === null;
      if (phrase === 'NOT EXISTS') return (document) => select(document) === undefined;
      if (phrase === 'IS TRUE') return (document) => select(document) === true;
      if (phrase === 'IS FALSE') return (document) => select(document) === false;
      throw new Error(`unknown condition '${phrase}'`);
    }
    if (following.kind !== 'op') throw new Error('expected an operator');
    return comparison(select, following.value, next());
  };

  expectPunct('{');
  const condition = parseOr();
  expectPunct('}');
  if (position !== tokens.length) throw new Error('trailing input');
  return (message) => {
    let document: unknown;
    try {
      document = JSON.parse(message);
    } catch {
      return false;
    }
    return typeof document === 'object' && document !== null && condition(document);
  };
}

/** `$.a.b[0].c` → a function reading that member (undefined when absent). */
function compileSelector(selector: string): (document: unknown) => unknown {
  if (!selector.startsWith('$')) throw new Error('selector');
  const steps: (string | number)[] = [];
  const stepPattern = /\.([^.[\]]+)|\[(\d+)\]/g;
  let consumed = 1;
  for (const match of selector.slice(1).matchAll(stepPattern)) {
    if (match.index + 1 !== consumed) throw new Error('selector');
    steps.push(match[1] !== undefined ? match[1] : Number(match[2]));
    consumed += match[0].length;
  }
  if (consumed !== selector.length) throw new Error('selector');
  return (document) => {
    let current: unknown = document;
    for (const step of steps) {
      if (current === null || typeof current !== 'object') return undefined;
      current = (current as Record<string | number, unknown>)[step];
    }
    return current;
  };
}

function comparison(select: (document: unknown) => unknown, op: string, operand: Token): JsonCondition {
  if (operand.kind === 'regex') {
    const regex = new RegExp(operand.value);
    return (document) => {
      const value = select(document);
      const matches = typeof value === 'string' && regex.test(value);
      return op === '!=' ? !matches : op === '=' && matches;
    };
  }
  if (operand.kind !== 'string' && operand.kind !== 'word') throw new Error('expected a value');
  const raw = operand.value;
  const numeric = operand.kind === 'word' && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw) ? Number(raw) : undefined;
  if (numeric !== undefined) {
    return (document) => {
      const value = select(document);
      if (typeof value !== 'number') return false;
      return compareNumbers(value, op, numeric);
    };
  }
  if (op !== '=' && op !== '!=') throw new Error('strings compare with = or != only');
  const wildcard = new RegExp(`^${raw.split('*').map(escapeRegex).join('.*')}$`);
  return (document) => {
    const value = select(document);
    if (value === undefined || (typeof value === 'object' && value !== null)) return false;
    const matches = wildcard.test(String(value));
    return op === '=' ? matches : !matches;
  };
}

function compareNumbers(value: number, op: string, operand: number): boolean {
  switch (op) {
    case '=':
      return value === operand;
    case '!=':
      return value !== operand;
    case '>':
      return value > operand;
    case '<':
      return value < operand;
    case '>=':
      return value >= operand;
    default:
      return value <= operand;
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---- space-delimited ---------------------------------------------------------------------

/** `[a, b = x, ..., c > 5]` against the message's space-delimited fields ("…" or […] group one). */
function delimitedMatcher(text: string): LogEventMatcher {
  if (!text.endsWith(']')) throw new Error('unterminated');
  const fields = text
    .slice(1, -1)
    .split(',')
    .map((field) => field.trim());
  const conditions = fields.map((field): ((value: string) => boolean) | 'ellipsis' => {
    if (field === '...') return 'ellipsis';
    const match = /^([\w-]*)\s*(!=|>=|<=|=|>|<)?\s*(.*)$/.exec(field);
    if (!match) throw new Error('field');
    const [, , op, rawValue = ''] = match;
    if (!op) {
      if (field.startsWith('"')) {
        const literal = field.slice(1, -1);
        return (value) => value === literal;
      }
      return () => true;
    }
    const operand = rawValue.replace(/^"(.*)"$/, '$1');
    const number = Number(operand);
    if (operand !== '' && Number.isFinite(number) && !operand.includes('*')) {
      return (value) => Number.isFinite(Number(value)) && compareNumbers(Number(value), op, number);
    }
    const wildcard = new RegExp(`^${operand.split('*').map(escapeRegex).join('.*')}$`);
    return (value) => (op === '!=' ? !wildcard.test(value) : op === '=' && wildcard.test(value));
  });
  return (message) => matchFields(splitFields(message), conditions);
}

function splitFields(message: string): string[] {
  return [...message.matchAll(/"([^"]*)"|\[([^\]]*)\]|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3] ?? '');
}

function matchFields(
  values: readonly string[],
  conditions: readonly (((value: string) => boolean) | 'ellipsis')[],
): boolean {
  const [first, ...rest] = conditions;
  if (first === undefined) return values.length === 0;
  if (first === 'ellipsis') {
    for (let skip = 0; skip <= values.length; skip++) {
      if (matchFields(values.slice(skip), rest)) return true;
    }
    return false;
  }
  const [value, ...remaining] = values;
  return value !== undefined && first(value) && matchFields(remaining, rest);
}
