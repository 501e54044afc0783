import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Serves the built web app (SPA fallback to index.html) and the map shapes under /geo/. */
export async function registerStatic(app: FastifyInstance, opts: { webDist: string; geoDir: string }): Promise<void> {
  await app.register(fastifyStatic, { root: opts.geoDir, prefix: '/geo/', decorateReply: false, maxAge: '1d', allowedPath: (p) => p.endsWith('.geojson') });
  const index = path.join(opts.webDist, 'index.html');
  if (!existsSync(index)) {
    app.log.warn('web app not built (npm run build:web): only the API is served');
    return;
  }
  await app.register(fastifyStatic, { root: opts.webDist, prefix: '/', wildcard: false, index: false, maxAge: 0 });
  await app.register(fastifyStatic, { root: path.join(opts.webDist, 'assets'), prefix: '/assets/', decorateReply: false, immutable: true, maxAge: '365d' });
  const html = readFileSync(index);
  // any other GET that is not the API answers the app, whose router shows the page (or its own 404)
  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return;
    const url = req.url.split('?')[0]!;
    if (url.startsWith('/api') || url.startsWith('/geo/') || url.startsWith('/dev/') || url.startsWith('/oidc/') || url.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(url)) return;
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  });
}
