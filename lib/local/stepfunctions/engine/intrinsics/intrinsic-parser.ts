import type { JsonValue } from '../json';

/** One argument of an intrinsic function call, as written. */
export type IntrinsicArgument =
  | { readonly kind: 'literal'; readonly value: JsonValue }
  | { readonly kind: 'path'; readonly path: string }
  | IntrinsicCall;

/** `States.Name(arg, ...)`. */
export interface IntrinsicCall {
  readonly kind: 'call';
  readonly name: string;
  readonly args: readonly IntrinsicArgument[];
}

/** Whether a payload template value is an intrinsic function call (`States.` followed by a name and `(`). */
export function looksLikeIntrinsic(text: string): boolean {
  return /^\s*States\.[A-Za-z0-9]+\s*\(/.test(text);
}

/**
 * Parses an intrinsic function call. Strings are single-quoted with `\'`, `\{`, `\}` and `\\`
 * escapes; paths start with `$`.
 * @throws SyntaxError with a message naming what is wrong
 */
export function parseIntrinsic(text: string): IntrinsicCall {
  const parser = new Parser(text);
  const call = parser.call();
  parser.skipSpace();
  if (!parser.atEnd()) throw new SyntaxError(`unexpected '${parser.rest()}' after the function call`);
  return call;
}

class Parser {
  private position = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.position >= this.text.length;
  }

  rest(): string {
    return this.text.slice(this.position);
  }

  skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.text.charAt(this.position))) this.position += 1;
  }

  call(): IntrinsicCall {
    this.skipSpace();
    const name = /^States\.[A-Za-z0-9]+/.exec(this.rest())?.[0];
    if (!name) throw new SyntaxError(`expected a function name at '${this.rest()}'`);
    this.position += name.length;
    this.skipSpace();
    this.expect('(');
    const args: IntrinsicArgument[] = [];
    this.skipSpace();
    if (this.peek() === ')') {
      this.position += 1;
      return { kind: 'call', name, args };
    }
    for (;;) {
      args.push(this.argument());
      this.skipSpace();
      const next = this.peek();
      this.position += 1;
      if (next === ')') return { kind: 'call', name, args };
      if (next !== ',') throw new SyntaxError(`expected ',' or ')' in the arguments of ${name}`);
    }
  }

  private argument(): IntrinsicArgument {
    this.skipSpace();
    const char = this.peek();
    if (char === "'") return { kind: 'literal', value: this.string() };
    if (char === '$') return { kind: 'path', path: this.path() };
    if (this.rest().startsWith('States.')) return this.call();
    const word = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(this.rest())?.[0];
    if (word === undefined) throw new SyntaxError(`unexpected argument '${this.rest()}'`);
    this.position += word.length;
    return { kind: 'literal', value: JSON.parse(word) as JsonValue };
  }

  private string(): string {
    this.position += 1;
    let value = '';
    while (!this.atEnd()) {
      const char = this.text.charAt(this.position);
      this.position += 1;
      if (char === '\\') {
        value += this.text.charAt(this.position);
        this.position += 1;
      } else if (char === "'") {
        return value;
      } else {
        value += char;
      }
    }
    throw new SyntaxError('unterminated string literal');
  }

  /** A path runs to the next top-level ',' or ')' (brackets and quotes nest). */
  private path(): string {
    const start = this.position;
    let depth = 0;
    let quote: string | undefined;
    while (!this.atEnd()) {
      const char = this.text.charAt(this.position);
      if (quote) {
        if (char === quote) quote = undefined;
      } else if (char === "'" || char === '"') {
        quote = char;
      } else if (char === '[' || char === '(') {
        depth += 1;
      } else if (char === ']' || (char === ')' && depth > 0)) {
        depth -= 1;
      } else if ((char === ',' || char === ')') && depth === 0) {
        break;
      }
      this.position += 1;
    }
    return this.text.slice(start, this.position).trim();
  }

  private peek(): string {
    return this.text.charAt(this.position);
  }

  private expect(char: string): void {
    if (this.peek() !== char) throw new SyntaxError(`expected '${char}' at '${this.rest()}'`);
    this.position += 1;
  }
}
