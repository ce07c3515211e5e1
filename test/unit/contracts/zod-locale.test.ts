import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { DETAIL_TYPES, EVENT_CONTRACTS } from '../../../lib/contracts';
import { EVENT_DOCUMENTATION } from '../../../lib/contracts/event-documentation';
import { englishMessageOf } from '../../../lib/contracts/zod-locale';
import { parseSagaMessage } from '../../../functions/shared/saga-message';
import { parseTaskInput } from '../../../functions/shared/task-input';
import { VALID_METADATA } from './valid-metadata';

/** One issue zod asked the configured maps to word: what kind it is, our words, `en`'s words. */
interface Wording {
  readonly kind: string;
  readonly ours: string | undefined;
  readonly en: string;
}

const english = en().localeError;

function kindOf(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_format':
      return `${issue.code} ${issue.format}`;
    case 'too_big':
    case 'too_small':
      return `${issue.code} ${issue.origin}`;
    default:
      return issue.code;
  }
}

/**
 * Runs `parse` with a zod configuration that words every issue as `en` does and records, for each
 * issue no schema words itself, our words beside `en`'s. The configuration is restored after.
 * zod words the issues of a failed parse when its `error.issues` are first read, so `parse` reads them.
 */
function wordingsOf(parse: () => void): Wording[] {
  const saved = { customError: z.config().customError, localeError: z.config().localeError };
  const wordings: Wording[] = [];
  z.config({
    localeError: undefined,
    customError: (issue) => {
      const words = english(issue);
      const en = typeof words === 'string' ? words : String(words?.message);
      wordings.push({ kind: kindOf(issue), ours: englishMessageOf(issue), en });
      return en;
    },
  });
  try {
    parse();
  } finally {
    z.config(saved);
  }
  return wordings;
}

/** Wrong values of every JSON type (and the numbers JSON cannot carry), tried at every path. */
const WRONG_VALUES: readonly unknown[] = [
  undefined,
  null,
  true,
  0,
  -1,
  0.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  1e13,
  1e16,
  -1e16,
  '',
  'x',
  'x'.repeat(600),
  [],
  [{}],
  {},
  { unexpected: 1 },
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` with one thing wrong: itself replaced, an item or a key added, removed or replaced, at any depth. */
function* wrongVariantsOf(value: unknown): Generator<unknown> {
  yield* WRONG_VALUES;
  if (Array.isArray(value)) {
    yield Array.from({ length: 60 }, () => value[0]);
    yield [...value, value[0]];
    for (const [index, item] of value.entries()) {
      for (const variant of wrongVariantsOf(item)) yield value.map((other, at) => (at === index ? variant : other));
    }
  } else if (isRecord(value)) {
    yield { ...value, unexpected: 1 };
    yield { ...value, unexpected: 1, unwanted: 2 };
    for (const key of Object.keys(value)) {
      const { [key]: _removed, ...rest } = value;
      yield rest;
      for (const variant of wrongVariantsOf(value[key])) yield { ...value, [key]: variant };
    }
  }
}

function exampleDetailOf(detailType: (typeof DETAIL_TYPES)[number]) {
  return { metadata: VALID_METADATA, data: EVENT_DOCUMENTATION[detailType].exampleData };
}

function ignoringErrors(run: () => unknown): void {
  try {
    run();
  } catch {
    // The wordings were recorded; the error is what the parse is expected to throw.
  }
}

describe('the English error map of the contracts (zod-locale.ts)', () => {
  it('words every issue the contracts raise as zod en does, for a wrong value at every path', () => {
    // Act
    const wordings = wordingsOf(() => {
      for (const detailType of DETAIL_TYPES) {
        for (const detail of wrongVariantsOf(exampleDetailOf(detailType))) {
          void EVENT_CONTRACTS[detailType].detailSchema.safeParse(detail).error?.issues;
        }
      }
    });

    // Assess: the same words for every issue, and the wrong values reached every wording of the map
    expect(wordings.filter((wording) => wording.ours !== wording.en)).toEqual([]);
    expect(new Set(wordings.map((wording) => wording.kind))).toEqual(
      new Set([
        'invalid_type',
        'invalid_value',
        'too_big number',
        'too_big int',
        'too_big string',
        'too_small number',
        'too_small int',
        'too_small string',
        'too_small array',
        'invalid_format uuid',
        'invalid_format datetime',
        'invalid_format date',
        'unrecognized_keys',
      ]),
    );
  });

  it('words every issue of the EventBridge envelope as zod en does', () => {
    // Prepare
    const envelope = {
      id: 'e-1',
      'detail-type': 'OrderPlaced',
      source: 'shop.storefront',
      detail: exampleDetailOf('OrderPlaced'),
    };

    // Act
    const wordings = wordingsOf(() => {
      for (const variant of wrongVariantsOf(envelope)) {
        ignoringErrors(() => parseSagaMessage(JSON.stringify(variant) ?? '', 'inventory', ['OrderPlaced']));
      }
    });

    // Assess
    expect(wordings.length).toBeGreaterThan(0);
    expect(wordings.filter((wording) => wording.ours !== wording.en)).toEqual([]);
  });

  it('words every issue of a task input as zod en does', () => {
    // Prepare
    const input = {
      action: 'ReserveStock',
      event: { detailType: 'OrderPlaced', detail: exampleDetailOf('OrderPlaced') },
      reason: 'DEADLINE_EXCEEDED',
      cause: 'a cause',
    };
    const actions = { ReserveStock: { consumes: ['OrderPlaced' as const], emits: [] } };

    // Act
    const wordings = wordingsOf(() => {
      for (const variant of wrongVariantsOf(input)) ignoringErrors(() => parseTaskInput('inventory', variant, actions));
    });

    // Assess
    expect(wordings.length).toBeGreaterThan(0);
    expect(wordings.filter((wording) => wording.ours !== wording.en)).toEqual([]);
  });

  it('leaves the issues of schema kinds the contracts do not use to the locale, or words them as zod en does', () => {
    // Prepare: what other zod users in the same process (the CLI, the local cloud) may check
    const others: [z.ZodMiniType, unknown][] = [
      [z.string().check(z.length(3)), 'ab'],
      [z.array(z.string()).check(z.length(2)), ['a']],
      [z.set(z.string()).check(z.maxSize(1)), new Set(['a', 'b'])],
      [z.map(z.string(), z.string()).check(z.minSize(1)), new Map()],
      [z.bigint().check(z.lte(1n)), 2n],
      [z.date().check(z.minimum(new Date(0))), new Date(-1)],
      [z.literal(1n), 2n],
      [z.nan(), 1],
      [z.email(), 'x'],
      [z.url(), 'x'],
      [z.string().check(z.startsWith('a')), 'b'],
      [z.string().check(z.regex(/^a$/)), 'b'],
      [z.number().check(z.multipleOf(2)), 3],
      [z.union([z.string(), z.number()]), true],
      [z.discriminatedUnion('kind', [z.object({ kind: z.literal('a') })]), { kind: 'b' }],
      [z.record(z.enum(['a']), z.string()), { b: 'x' }],
      [z.tuple([z.string()]), [1, 2]],
      [z.number(), new (class Price {})()],
    ];

    // Act
    const wordings = wordingsOf(() => {
      for (const [schema, input] of others) void schema.safeParse(input).error?.issues;
    });

    // Assess
    expect(wordings.length).toBeGreaterThanOrEqual(others.length);
    expect(wordings.filter((wording) => wording.ours !== undefined && wording.ours !== wording.en)).toEqual([]);
  });
});
