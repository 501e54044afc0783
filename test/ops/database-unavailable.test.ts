// Which errors mean "the database is away" (503 base_indisponible) rather than a bug (500).
import { describe, expect, it } from 'vitest';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { isDatabaseUnavailable } from '../../src/http/error-handler.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('sees the driver error through drizzle’s wrapper and Node’s AggregateError', () => {
    expect(isDatabaseUnavailable(new DrizzleQueryError('select 1', [], withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], ''), { code: undefined }))).toBe(true);
    expect(isDatabaseUnavailable(new DrizzleQueryError('commit', [], new Error('Client has encountered a connection error and is not queryable')))).toBe(true);
  });

  it('knows the server’s shutdown and connection codes', () => {
    for (const code of ['57P01', '57P03', '08006', '53300', 'ECONNRESET']) expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('leaves real errors alone: they stay 500 or their own 4xx', () => {
    expect(isDatabaseUnavailable(new DrizzleQueryError('insert', [], withCode('23505', 'duplicate key value violates unique constraint')))).toBe(false);
    expect(isDatabaseUnavailable(withCode('42P01', 'relation "x" does not exist'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('undefined is not a function'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
