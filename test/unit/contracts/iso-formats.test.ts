import * as z from 'zod/mini';
import { isoDate, isoDateTime } from '../../../lib/contracts/iso-formats';
import '../../../lib/contracts/zod-locale';

/** What a schema says of each input: the parsed value, or the messages of its issues. */
function verdicts(schema: z.ZodMiniType, inputs: readonly unknown[]): unknown[] {
  return inputs.map((input) => {
    const result = schema.safeParse(input);
    return result.success ? { value: result.data } : { messages: result.error.issues.map((issue) => issue.message) };
  });
}

describe('ISO date schemas built without the z.iso namespace', () => {
  const inputs = [
    '2026-12-02',
    '2026-13-01',
    '2026-02-30',
    '2026-12-02T10:00:00Z',
    '2026-12-02T10:00:00.123+01:00',
    '2026-12-02T10:00:00',
    '',
    42,
    null,
  ];

  it('accepts and rejects what z.iso.date() does, with the same messages', () => {
    expect(verdicts(isoDate(), inputs)).toEqual(verdicts(z.iso.date(), inputs));
  });

  it('accepts and rejects what z.iso.datetime({ offset: true }) does, with the same messages', () => {
    expect(verdicts(isoDateTime({ offset: true }), inputs)).toEqual(verdicts(z.iso.datetime({ offset: true }), inputs));
  });

  it('is the same kind of schema as zod builds', () => {
    expect(isoDate()._zod.def).toEqual(z.iso.date()._zod.def);
    expect(isoDateTime({ offset: true })._zod.def).toEqual(z.iso.datetime({ offset: true })._zod.def);
  });
});
