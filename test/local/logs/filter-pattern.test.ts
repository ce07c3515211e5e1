import { compileFilterPattern } from '../../../lib/local/logs';

// Each case follows "Filter pattern syntax for metric filters, subscription filters, filter log
// events, and Live Tail" (CloudWatch Logs User Guide).
describe('CloudWatch Logs filter patterns', () => {
  const matches = (pattern: string, message: string) => compileFilterPattern(pattern)(message);

  it('matches every event with an empty pattern', () => {
    expect(matches('', 'anything')).toBe(true);
    expect(matches('   ', '')).toBe(true);
  });

  it('matches events that contain every term, case-sensitively', () => {
    expect(matches('ERROR Exception', 'ERROR: NullPointer Exception thrown')).toBe(true);
    expect(matches('ERROR Exception', 'ERROR: timeout')).toBe(false);
    expect(matches('ERROR', 'error: lower case')).toBe(false);
  });

  it('matches a quoted phrase as a whole', () => {
    expect(matches('"order received"', 'INFO order received ord-1')).toBe(true);
    expect(matches('"order received"', 'received order ord-1')).toBe(false);
  });

  it('excludes events with a -term', () => {
    expect(matches('ERROR -Retrying', 'ERROR Retrying in 5 s')).toBe(false);
    expect(matches('ERROR -Retrying', 'ERROR gave up')).toBe(true);
  });

  it('matches any of the ?terms', () => {
    expect(matches('?ERROR ?WARN', 'WARN disk almost full')).toBe(true);
    expect(matches('?ERROR ?WARN', 'INFO all good')).toBe(false);
  });

  it('compares JSON members with = and string wildcards', () => {
    expect(matches('{ $.level = "ERROR" }', '{"level":"ERROR","message":"x"}')).toBe(true);
    expect(matches('{ $.level = "ERROR" }', '{"level":"INFO"}')).toBe(false);
    expect(matches('{ $.orderId = "ord-*" }', '{"orderId":"ord-42"}')).toBe(true);
    expect(matches('{ $.level = "ERROR" }', 'not json ERROR')).toBe(false);
  });

  it('compares JSON numbers and nested members', () => {
    expect(matches('{ $.latency > 5 }', '{"latency":7}')).toBe(true);
    expect(matches('{ $.latency > 5 }', '{"latency":5}')).toBe(false);
    expect(matches('{ $.order.items[0].qty >= 2 }', '{"order":{"items":[{"qty":2}]}}')).toBe(true);
    expect(matches('{ $.latency != 5 }', '{"latency":6}')).toBe(true);
  });

  it('combines JSON conditions with && and || and parentheses', () => {
    const pattern = '{ ($.level = "ERROR" && $.amount > 100) || $.fatal IS TRUE }';
    expect(matches(pattern, '{"level":"ERROR","amount":150}')).toBe(true);
    expect(matches(pattern, '{"level":"ERROR","amount":50}')).toBe(false);
    expect(matches(pattern, '{"fatal":true}')).toBe(true);
  });

  it('tests JSON members for NULL and NOT EXISTS', () => {
    expect(matches('{ $.user IS NULL }', '{"user":null}')).toBe(true);
    expect(matches('{ $.user NOT EXISTS }', '{"other":1}')).toBe(true);
    expect(matches('{ $.user NOT EXISTS }', '{"user":1}')).toBe(false);
  });

  it('matches space-delimited fields with ... and comparisons', () => {
    const pattern = '[ip, user, ..., status = 5*, bytes > 1000]';
    expect(matches(pattern, '127.0.0.1 frank [10/Oct/2000] "GET /a" 503 2326')).toBe(true);
    expect(matches(pattern, '127.0.0.1 frank [10/Oct/2000] "GET /a" 200 2326')).toBe(false);
  });

  it('refuses a malformed pattern with InvalidParameterException', () => {
    expect(() => compileFilterPattern('{ $.level = }')).toThrow(
      expect.objectContaining({ code: 'InvalidParameterException' }),
    );
    expect(() => compileFilterPattern('{ $.level = "x"')).toThrow(
      expect.objectContaining({ code: 'InvalidParameterException' }),
    );
  });
});
