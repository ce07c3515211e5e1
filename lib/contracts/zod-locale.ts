import { config, type core } from 'zod/mini';

/*
 * zod/mini sets no error locale: without one, every issue would read "Invalid input". `zod`
 * (classic) configures English, and users must keep reading those messages. zod's `en` locale
 * would give them, but it words every schema kind and string format zod has, which costs every
 * function bundle 3.1 KB minified. The map below words the issues the contracts, the EventBridge
 * envelope and the task input raise exactly as `en` does, and returns nothing for any other, so
 * zod falls through to its configured locale: `en` wherever `zod` itself is loaded (the CLI, the
 * local cloud), whose other schemas therefore read as before. test/unit/contracts/zod-locale.test.ts
 * compares it with `en` on every issue those schemas raise for a systematic set of wrong values at
 * every path, and on issues of schema kinds they do not use.
 */

/** Units of the sizes `en` words as "to have": a string's length, an array's items. */
const SIZE_UNITS: Readonly<Record<string, string>> = { string: 'characters', array: 'items' };

/** The names `en` gives the string formats the schemas check (their regexes carry their own messages). */
const FORMAT_NAMES: Readonly<Record<string, string>> = { uuid: 'UUID', datetime: 'ISO datetime', date: 'ISO date' };

/** zod's name for the type of a value (`util.parsedType`), as `en` words it (`NaN`, `Infinity`). */
function typeNameOf(input: unknown): string {
  if (typeof input === 'number') return Number.isFinite(input) ? 'number' : String(input);
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (typeof input === 'object' && Object.getPrototypeOf(input) !== Object.prototype && input.constructor) {
    return input.constructor.name;
  }
  return typeof input;
}

/** A value as `en` quotes it (`util.stringifyPrimitive`): strings in double quotes, bigints with `n`. */
function quoted(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  return typeof value === 'string' ? `"${value}"` : String(value);
}

/**
 * `en`'s message for `issue`, or `undefined` for an issue none of the contracts' schemas raises.
 *
 * @example englishMessageOf({ code: 'too_small', origin: 'string', minimum: 1, inclusive: true, input: '' }) // 'Too small: expected string to have >=1 characters'
 */
export function englishMessageOf(issue: core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return `Invalid input: expected ${issue.expected === 'nan' ? 'NaN' : issue.expected}, received ${typeNameOf(issue.input)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `Invalid input: expected ${quoted(issue.values[0])}`
        : `Invalid option: expected one of ${issue.values.map(quoted).join('|')}`;
    case 'too_big':
    case 'too_small': {
      const big = issue.code === 'too_big';
      const limit = String(big ? issue.maximum : issue.minimum);
      const bound = issue.exact ? `exactly ${limit}` : `${big ? '<' : '>'}${issue.inclusive ? '=' : ''}${limit}`;
      const unit = SIZE_UNITS[issue.origin];
      if (unit) return `${big ? 'Too big' : 'Too small'}: expected ${issue.origin} to have ${bound} ${unit}`;
      // `int`: a whole number outside the safe integers.
      if (issue.origin === 'number' || issue.origin === 'int') {
        return `${big ? 'Too big' : 'Too small'}: expected ${issue.origin} to be ${bound}`;
      }
      return undefined;
    }
    case 'invalid_format': {
      const name = FORMAT_NAMES[issue.format];
      return name && `Invalid ${name}`;
    }
    case 'unrecognized_keys':
      return `Unrecognized key${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.map(quoted).join(', ')}`;
    default:
      return undefined;
  }
}

config({ customError: englishMessageOf });
