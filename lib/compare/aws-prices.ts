import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ClassifiedError } from '../errors/classified-error';

/** `data/aws-prices.json`: the price table `choreo compare` models costs with. */
export const DEFAULT_AWS_PRICES_FILE = join(resolve(__dirname, '..', '..'), 'data', 'aws-prices.json');

const priceSchema = z
  .object({
    usd: z.number().nonnegative(),
    unit: z.string().min(1),
    /** Where the price was read: the AWS page first, then any page it was corroborated with. */
    sources: z.array(z.url()).min(1),
    /** The day it was read, `YYYY-MM-DD`. */
    retrievedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'retrievedAt is a date such as 2026-11-28'),
    note: z.string().optional(),
  })
  .strict();

const awsPricesSchema = z
  .object({
    region: z.string().min(1),
    currency: z.literal('USD'),
    note: z.string().optional(),
    prices: z
      .object({
        eventBridgeCustomEventsPerMillion: priceSchema,
        sqsStandardRequestsPerMillion: priceSchema,
        lambdaArmRequestsPerMillion: priceSchema,
        lambdaArmGbSecond: priceSchema,
        stepFunctionsStandardPerThousandTransitions: priceSchema,
        stepFunctionsExpressRequestsPerMillion: priceSchema,
        stepFunctionsExpressGbSecond: priceSchema,
      })
      .strict(),
    billing: z
      .object({
        /** A payload counts once per started chunk of this many bytes. */
        eventBridgeChunkBytes: z.number().int().positive(),
        sqsChunkBytes: z.number().int().positive(),
        lambdaBilledIncrementMs: z.number().int().positive(),
        expressMemoryChunkMb: z.number().int().positive(),
        /** Express duration is rounded up to a multiple of this (which is also its minimum). */
        expressBilledIncrementMs: z.number().int().positive(),
      })
      .strict(),
  })
  .strict();

/** One price of the table, with its provenance. */
export type AwsPrice = z.infer<typeof priceSchema>;
/** The whole price table: prices by name and the billing granularities. */
export type AwsPrices = z.infer<typeof awsPricesSchema>;

/** The price file is missing or does not have the expected shape; retrying will not help. */
export class InvalidPriceTableError extends ClassifiedError {
  override readonly name = 'InvalidPriceTableError';
  readonly kind = 'validation';
}

/** Validates a parsed price table. */
export function parseAwsPrices(value: unknown, origin = 'the price table'): AwsPrices {
  const parsed = awsPricesSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidPriceTableError(
      `'${origin}' is not a valid price table: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown problem'}`,
    );
  }
  return parsed.data;
}

/**
 * Reads and validates a price table (by default `data/aws-prices.json`).
 *
 * @example const prices = loadAwsPrices(); prices.prices.lambdaArmGbSecond.usd // 0.0000133334
 */
export function loadAwsPrices(file: string = DEFAULT_AWS_PRICES_FILE): AwsPrices {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InvalidPriceTableError(`cannot read the price table '${file}': ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidPriceTableError(`'${file}' is not JSON: ${(error as Error).message}`);
  }
  return parseAwsPrices(json, file);
}
