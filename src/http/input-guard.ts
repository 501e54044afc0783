import type { FastifyInstance } from 'fastify';
import { InputError } from '../shared/errors.ts';

/**
 * Characters PostgreSQL cannot store: the NUL character (U+0000, refused in text and jsonb) and lone
 * UTF-16 surrogates (an invalid \ud800 escape in jsonb; silently turned into U+FFFD in text). A request
 * holding one anywhere — path parameters, query string, JSON body at any depth, keys included — is
 * refused here, before validation and any use case, with one French message per field (a 400 instead
 * of a database error).
 */
export const NUL_MESSAGE = 'Ce champ contient un caractère nul (U+0000), qui n’est pas accepté.';
export const SURROGATE_MESSAGE = 'Ce champ contient un caractère Unicode invalide (une moitié de paire de substitution).';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function problemOf(s: string): string | undefined {
  if (s.includes('\u0000')) return NUL_MESSAGE;
  if (LONE_SURROGATE.test(s)) return SURROGATE_MESSAGE;
  return undefined;
}

/** The fields (dotted paths, like the validation errors') whose value or key holds such a character, with the message. */
export function unstorableFields(value: unknown, prefix = ''): Record<string, string> {
  const found: Record<string, string> = {};
  let n = 0;
  // an explicit stack: a deeply nested body must not exhaust the call stack
  const stack: [unknown, string][] = [[value, prefix]];
  while (stack.length && n < 20) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const problem = problemOf(v);
      if (problem) {
        found[path || 'requête'] = problem;
        n++;
      }
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], path ? `${path}.${i}` : String(i)]);
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [k, child] of Object.entries(v)) {
        const problem = problemOf(k);
        // the key itself, shown with its bad characters written out
        const key = problem ? k.replaceAll('\u0000', '\\0').replace(new RegExp(LONE_SURROGATE.source, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16)}`) : k;
        const at = path ? `${path}.${key}` : key;
        if (problem) {
          found[at] = problem;
          n++;
        }
        stack.push([child, at]);
      }
    }
  }
  return found;
}

export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const fields = { ...unstorableFields(req.params), ...unstorableFields(req.query), ...unstorableFields(req.body) };
    if (Object.keys(fields).length) throw new InputError(fields, 'Certains champs contiennent un caractère qui n’est pas accepté.');
  });
}
