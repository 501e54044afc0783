import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loggerOptions, maskDeep, maskText, serializeError } from './logging.ts';

describe('the server log masking', () => {
  it('masks e-mail addresses, French phone numbers, query strings and bound query values', () => {
    expect(maskText('envoi à lea.martin@exemple.fr refusé')).toBe('envoi à [masqué] refusé');
    expect(maskText('appel au 06 12 34 56 78 ou +33 6 12 34 56 78 ou 0612345678')).toBe('appel au [masqué] ou [masqué] ou [masqué]');
    expect(maskText('/api/x?email=a@b.fr&q=1')).toBe('/api/x?[masqué]');
    expect(maskText('Failed query: insert into "users" ("email") values ($1)\nparams: zoe@exemple.fr,Zoé,Petit')).toBe('Failed query: insert into "users" ("email") values ($1)\nparams: [masqué]');
    // numbers that are not phone numbers stay
    expect(maskText('durée 0.6123456789 ms, horodatage 1795953607515')).toBe('durée 0.6123456789 ms, horodatage 1795953607515');
  });

  it('logs an error by type, code, masked message and frames, never its other fields', () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505', detail: 'Key (email)=(zoe@exemple.fr) already exists.' });
    const err = Object.assign(new Error('Failed query: select … params: zoe@exemple.fr', { cause }), { name: 'DrizzleQueryError' });
    const s = JSON.stringify(serializeError(err));
    expect(s).not.toContain('zoe@exemple.fr');
    expect(s).not.toContain('detail');
    expect(serializeError(err)).toMatchObject({ type: 'DrizzleQueryError', message: 'Failed query: select … params: [masqué]', cause: { code: '23505' } });
  });

  it('masks every string of plain log objects and drops secret keys, leaving requests and errors to their serializer', () => {
    expect(maskDeep({ a: { b: ['x@y.fr'] }, password: 'p', headers: { cookie: 'c' }, n: 3 })).toEqual({ a: { b: ['[masqué]'] }, password: '[masqué]', headers: '[masqué]', n: 3 });
    const e = new Error('a@b.fr');
    expect(maskDeep({ err: e })).toEqual({ err: e });
  });

  it('is what Fastify logs with: a request with personal data in its query, body, cookie and headers leaves none in the log', async () => {
    let out = '';
    const stream = new Writable({ write: (chunk, _enc, done) => ((out += String(chunk)), done()) });
    const app = Fastify({ logger: loggerOptions('info', { stream: { write: (l: string) => void stream.write(l) }, level: 'debug' }) });
    app.post('/x', async (req) => {
      req.log.info({ body: req.body, headers: req.headers, note: 'pour nadia.haddad@exemple.fr' }, 'reçu');
      throw Object.assign(new Error('échec pour 06 12 34 56 78'), { detail: 'nadia.haddad@exemple.fr' });
    });
    const res = await app.inject({ method: 'POST', url: '/x?email=nadia.haddad@exemple.fr', payload: { email: 'nadia.haddad@exemple.fr', phone: '0612345678' }, headers: { cookie: 'fabriques-session=abc', authorization: 'Bearer tok' } });
    expect(res.statusCode).toBe(500);
    await app.close();
    expect(out).toContain('"path":"/x"');
    expect(out).toContain('reçu');
    for (const secret of ['nadia.haddad', '0612345678', '06 12 34 56 78', 'fabriques-session=abc', 'Bearer tok']) expect(out).not.toContain(secret);
  });
});
