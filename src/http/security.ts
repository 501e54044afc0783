import { createHash } from 'node:crypto';
import helmet from 'helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The only inline styles the web app needs: the French State design system (react-dsfr) writes the
 * page's colour scheme in a `<style>` element before the first paint. They are allowed by their hash.
 */
const DSFR_COLOR_SCHEME_STYLES = [':root { color-scheme: light; }', ':root { color-scheme: dark; }'];
const hashed = (css: string) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
const APP_STYLES = ["'self'", ...DSFR_COLOR_SCHEME_STYLES.map(hashed)];

/**
 * The Content-Security-Policy of every answer: nothing inline, neither scripts nor styles (the web
 * app's CSS is in files; React sets `style` props through the CSSOM, which CSP allows), but for the
 * two hashed colour-scheme rules above.
 */
function directives(https: boolean, styleSrc: string[]): Record<string, string[]> {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc,
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    workerSrc: ["'self'", 'blob:'],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    ...(https ? { upgradeInsecureRequests: [] } : {}),
  };
}

function headerOf(d: Record<string, string[]>): string {
  return Object.entries(d)
    .map(([name, values]) => [name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), ...values].join(' '))
    .join('; ');
}

/**
 * The same policy with inline styles allowed, for the few server-rendered pages of the demonstration
 * mode only (the mail viewer shows our mails' HTML, whose style attributes mail clients need; the
 * local identity provider's pages): they set it on their own answers.
 */
export function demoPageCsp(https: boolean): string {
  return headerOf(directives(https, ["'self'", "'unsafe-inline'"]));
}

/**
 * Security headers on every answer, with a strict Content-Security-Policy (no inline script, no inline
 * style but two hashed rules). helmet computes the headers once, here: @fastify/helmet built them again
 * on every request (parsing the policy each time), a measurable share of a catalogue search.
 */
export async function registerSecurityHeaders(app: FastifyInstance, opts: { https: boolean }): Promise<void> {
  const setHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: directives(opts.https, APP_STYLES) },
    // HSTS only makes sense behind HTTPS
    strictTransportSecurity: opts.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  app.addHook('onRequest', (request, reply, done) => {
    reply.raw.setHeader('permissions-policy', PERMISSIONS_POLICY);
    setHeaders(request.raw, reply.raw, (err) => done(err as Error | undefined));
  });
}

const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=()';
