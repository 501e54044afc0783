import { mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The server's log lines carry no personal data (ARCHITECTURE.md): requests are logged by method and
 * path only (no query string, body, cookie or header), errors by type, code and a message from which
 * e-mail addresses, phone numbers and query parameters are masked, and every string of every log
 * object goes through the same masking before it is written. The whole test suite's log output is
 * scanned for personal values afterwards (test/personal-data-in-logs.check.ts).
 */

export const MASK = '[masqué]';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// French numbers: 06 12 34 56 78, 06.12.34.56.78, +33 6 12 34 56 78, 0612345678
const PHONE = /(?<![\d.])(?:\+33[\s.-]?|0)[1-9](?:[\s.-]?\d{2}){4}(?![\d])/g;
// drizzle's failed-query errors end with the bound values: « params: camille@…,Camille,… »
const QUERY_PARAMS = /\bparams:[\s\S]*$/;
const QUERY_STRING = /\?[^\s"']*/g;

/** Masks e-mail addresses, phone numbers, query strings and bound query values in a text. */
export function maskText(text: string): string {
  return text
    .replace(QUERY_PARAMS, `params: ${MASK}`)
    .replace(EMAIL, MASK)
    .replace(PHONE, MASK)
    .replace(QUERY_STRING, `?${MASK}`);
}

/**
 * Applies maskText to every string of a log object's plain objects and arrays (depth-limited, cycles
 * cut); other objects (a request, a reply, an error) are left to their serializer.
 */
export function maskDeep(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return maskText(value);
  if (value === null || typeof value !== 'object' || depth > 6) return value;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return value;
  if (seen.has(value)) return '[cycle]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.test(k) ? MASK : maskDeep(v, depth + 1, seen);
  return out;
}

/** keys whose value is never logged, whatever it holds */
const SECRET_KEYS = /^(cookie|set-cookie|authorization|x-csrf-token|password|currentPassword|newPassword|token|email|phone|body|payload|query|headers)$/i;

interface ErrorLike {
  name?: string;
  code?: unknown;
  message?: unknown;
  stack?: unknown;
  statusCode?: unknown;
  cause?: unknown;
}

/** An error as the logs show it: type, code, masked message and stack; never its other fields (a driver's `detail`, a query's values). */
export function serializeError(err: unknown, depth = 0): { type: string; message: string; stack: string; [key: string]: unknown } {
  if (!err || typeof err !== 'object') return { type: typeof err, message: maskText(String(err)), stack: '' };
  const e = err as ErrorLike;
  // the stack's first line repeats the message: keep the frames only
  const stack = typeof e.stack === 'string' ? maskText(e.stack.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 20).join('\n')) : '';
  const out: { type: string; message: string; stack: string; [key: string]: unknown } = {
    type: e.name ?? (err as object).constructor?.name ?? 'Error',
    message: maskText(typeof e.message === 'string' ? e.message : ''),
    stack,
  };
  if (typeof e.code === 'string' || typeof e.code === 'number') out.code = e.code;
  if (typeof e.statusCode === 'number') out.statusCode = e.statusCode;
  if (e.cause && depth < 2) out.cause = serializeError(e.cause, depth + 1);
  return out;
}

export const logSerializers = {
  // the path only: query strings, bodies, cookies and headers may hold personal data
  req: (req: Pick<FastifyRequest, 'method' | 'url'>) => ({ method: req.method, path: maskText(req.url.split('?')[0] ?? '') }),
  res: (res: Pick<FastifyReply, 'statusCode'>) => ({ statusCode: res.statusCode }),
  err: (err: unknown) => serializeError(err),
};

/** Where the server writes its logs: stdout by default; tests give a file (see test/support/logs.ts). */
export interface LogDestination {
  stream: { write(line: string): void };
  level?: string;
}

const copies = new Map<string, number>();

/**
 * Log lines to stdout and, appended synchronously, to `server-<pid>.log` in `dir` (LOG_DIR): the
 * servers the tests start write there, and the suite scans the files for personal data.
 */
export function logFileCopy(dir: string): LogDestination {
  let fd = copies.get(dir);
  if (fd === undefined) {
    mkdirSync(dir, { recursive: true });
    fd = openSync(path.join(dir, `server-${process.pid}.log`), 'a');
    copies.set(dir, fd);
  }
  const out = fd;
  return {
    stream: {
      write: (line: string) => {
        process.stdout.write(line);
        writeSync(out, line);
      },
    },
  };
}

/** The pino options of Fastify's logger. */
export function loggerOptions(level: string, destination?: LogDestination) {
  return {
    level: destination?.level ?? level,
    serializers: logSerializers,
    // belt and braces: a call that logs a request, its headers or a body by hand
    redact: {
      paths: ['req.headers', 'req.body', 'req.query', 'headers', 'body', 'query', 'cookies', '*.headers', '*.body', '*.query', '*.cookies', '*.password', '*.email'],
      censor: MASK,
    },
    formatters: { log: (obj: Record<string, unknown>) => maskDeep(obj) as Record<string, unknown> },
    // the message too (Fastify logs some errors with their message as the line's message)
    hooks: {
      logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? maskText(a) : a)));
      },
    },
    ...(destination ? { stream: destination.stream } : {}),
  };
}
