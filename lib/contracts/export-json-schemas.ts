/**
 * Writes the JSON Schema of every event's detail to `schemas/<DetailType>.json` (or the folder
 * given as the first argument). Run with `npm run schemas`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { EVENT_CONTRACTS } from './catalogue';
import { EVENT_DOCUMENTATION } from './event-documentation';

/** The JSON Schema (draft 2020-12) of one contract's detail, with its routing facts. */
export function jsonSchemaOf(detailType: keyof typeof EVENT_CONTRACTS): Record<string, unknown> {
  const contract = EVENT_CONTRACTS[detailType];
  return {
    ...z.toJSONSchema(contract.detailSchema, { io: 'input' }),
    title: contract.detailType,
    description: EVENT_DOCUMENTATION[detailType].description,
    'x-source': contract.source,
    'x-detail-type': contract.detailType,
    'x-version': contract.version,
    'x-producer': contract.producer,
    'x-consumers': contract.consumers,
  };
}

export function exportJsonSchemas(outputDirectory: string): string[] {
  mkdirSync(outputDirectory, { recursive: true });
  return (Object.keys(EVENT_CONTRACTS) as (keyof typeof EVENT_CONTRACTS)[]).map((detailType) => {
    const path = join(outputDirectory, `${detailType}.json`);
    writeFileSync(path, `${JSON.stringify(jsonSchemaOf(detailType), null, 2)}\n`);
    return path;
  });
}

if (require.main === module) {
  const written = exportJsonSchemas(resolve(process.argv[2] ?? 'schemas'));
  console.log(`wrote ${written.length} JSON Schemas:\n${written.join('\n')}`);
}
