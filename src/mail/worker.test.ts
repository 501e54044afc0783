import { describe, expect, it } from 'vitest';
import { shortError, smtpFailure } from './worker.ts';

describe('shortError', () => {
  it('keeps the code and the message on one short line, addresses masked', () => {
    const e = Object.assign(new Error("Can't send mail - all recipients were rejected:\n550 5.1.1 <lea.martin@example.org>: Recipient address rejected"), {
      code: 'EENVELOPE',
      responseCode: 550,
    });
    const s = shortError(e);
    expect(s).toBe("EENVELOPE 550 Can't send mail - all recipients were rejected: 550 5.1.1 <<adresse masquée>>: Recipient address rejected");
    expect(s).not.toContain('example.org');
  });

  it('is at most 200 characters', () => {
    const s = shortError(new Error('x'.repeat(1000)));
    expect(s).toHaveLength(200);
    expect(s.endsWith('…')).toBe(true);
  });

  it('copes with anything thrown', () => {
    expect(shortError('panne')).toBe('panne');
    expect(shortError(undefined)).toBe('undefined');
  });
});

describe('smtpFailure', () => {
  it('tells a server that is down or refuses us from a mail refused for good and from a passing failure', () => {
    expect(smtpFailure(Object.assign(new Error(), { code: 'ECONNECTION' }))).toBe('server');
    expect(smtpFailure(Object.assign(new Error(), { code: 'ETIMEDOUT' }))).toBe('server');
    expect(smtpFailure(Object.assign(new Error(), { code: 'EAUTH', responseCode: 535 }))).toBe('server');
    expect(smtpFailure(Object.assign(new Error(), { code: 'EENVELOPE', responseCode: 421 }))).toBe('server');
    expect(smtpFailure(Object.assign(new Error(), { code: 'EENVELOPE', responseCode: 550 }))).toBe('permanent');
    expect(smtpFailure(Object.assign(new Error(), { code: 'EMESSAGE', responseCode: 552 }))).toBe('permanent');
    expect(smtpFailure(Object.assign(new Error(), { code: 'EENVELOPE', responseCode: 451 }))).toBe('transient');
    expect(smtpFailure(new Error('?'))).toBe('transient');
  });
});
