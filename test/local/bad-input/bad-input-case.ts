import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** Where the corpus lives: one JSON file per service, plus the endpoint's own protocol checks. */
export const BAD_INPUT_FIXTURES = join(__dirname, '..', '..', 'fixtures', 'bad-input');

/** A run of one text repeated, so that huge or deeply nested bodies stay small in the fixture. */
const repeatedPart = z.object({ repeat: z.string().min(1), times: z.number().int().positive() }).strict();

/**
 * How a case sends its body (exactly one):
 * - `json`: serialized by the runner; `{"$repeat": n, "item": x}` becomes n copies of x;
 * - `text`: sent as it is; `base64`: raw bytes (not UTF-8, say);
 * - `parts`: strings and repeated runs, concatenated;
 * - `stream`: written on a raw socket — `sentBytes` of filler, after a `Content-Length` of
 *   `declaredBytes` (or chunked when absent) — to see a 413 come back without the whole body.
 * Strings may hold `{{endpoint}}`, `{{queueUrl:<name>}}`, `{{repeat:<n>:<one character>}}`
 * and, inside a `$repeat` item, `{{index}}` (1-based).
 */
const requestSchema = z
  .object({
    method: z.enum(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']).default('POST'),
    headers: z.record(z.string(), z.string()),
    json: z.unknown().optional(),
    text: z.string().optional(),
    base64: z.string().optional(),
    parts: z.array(z.union([z.string(), repeatedPart])).optional(),
    stream: z
      .object({ declaredBytes: z.number().int().positive().optional(), sentBytes: z.number().int().positive() })
      .strict()
      .optional(),
  })
  .strict()
  .refine((request) => ['json', 'text', 'base64', 'parts', 'stream'].filter((kind) => kind in request).length <= 1, {
    message: 'a request has at most one of json, text, base64, parts, stream',
  });

/** An AWS error response: status, `__type`, `x-amzn-ErrorType`, `x-amzn-query-error` and the message. */
const errorExpectation = z
  .object({
    status: z.number().int().min(400).max(599),
    /** The body's `__type`. */
    type: z.string().min(1),
    /** The `x-amzn-ErrorType` header. @default - not checked (DynamoDB does not send it) */
    errorType: z.string().optional(),
    /** The `x-amzn-query-error` header (SQS). @default - not checked */
    queryError: z.string().optional(),
    /** A substring of the body's message. */
    messageIncludes: z.string().optional(),
    /** `null`: the body has no message, as AWS sends some errors (DynamoDB's UnknownOperationException). */
    message: z.null().optional(),
  })
  .strict()
  .refine((expect) => (expect.messageIncludes === undefined) !== (expect.message === undefined), {
    message: 'an error expectation has exactly one of messageIncludes and message: null',
  });

/** A PutEvents that succeeds as a call but refuses entries: one expectation per entry, `null` for accepted. */
const failedEntriesExpectation = z
  .object({
    status: z.literal(200),
    failedEntries: z
      .array(z.object({ ErrorCode: z.string(), ErrorMessage: z.string().optional() }).strict().nullable())
      .min(1),
  })
  .strict();

const caseSchema = z
  .object({
    name: z.string().min(1),
    service: z.enum(['sqs', 'events', 'dynamodb', 'kinesis', 'none']),
    operation: z.string(),
    request: requestSchema,
    expect: z.union([errorExpectation, failedEntriesExpectation]),
  })
  .strict();

const corpusFileSchema = z
  .object({
    description: z.string(),
    defaults: z.object({ headers: z.record(z.string(), z.string()) }).strict(),
    cases: z.array(caseSchema).min(1),
  })
  .strict();

export type BadInputCase = z.infer<typeof caseSchema>;
export type BadInputRequest = BadInputCase['request'];
export type ErrorExpectation = z.infer<typeof errorExpectation>;
export type FailedEntriesExpectation = z.infer<typeof failedEntriesExpectation>;

/** Whether a case expects a refused call (rather than entries refused inside a 200). */
export function expectsError(expect: BadInputCase['expect']): expect is ErrorExpectation {
  return 'type' in expect;
}

/**
 * Reads one corpus file (`protocol`, `sqs`, `events`, `dynamodb`), validated, with the file's
 * default headers merged under each case's own.
 */
export function readCorpus(name: string): BadInputCase[] {
  const parsed = corpusFileSchema.safeParse(JSON.parse(readFileSync(join(BAD_INPUT_FIXTURES, `${name}.json`), 'utf8')));
  if (!parsed.success)
    throw new Error(`bad-input corpus '${name}.json' is malformed: ${z.prettifyError(parsed.error)}`);
  const file = parsed.data;
  return file.cases.map((badInput) => ({
    ...badInput,
    request: { ...badInput.request, headers: { ...file.defaults.headers, ...badInput.request.headers } },
  }));
}
