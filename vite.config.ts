import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The public web app lives in web/ and is built to web/dist (served by the Fastify server).
// DSFR static assets (CSS, fonts, favicons, icons) live in web/public/dsfr, generated from
// @codegouvfr/react-dsfr by `react-dsfr copy-static-assets --projectDir web` then trimmed by
// `react-dsfr update-icons --projectDir web` (git-ignored). Vite's default public folder
// (<root>/public) is used on purpose: react-dsfr resolves the same folder from --projectDir.

const webRoot = fileURLToPath(new URL('./web', import.meta.url));
const require = createRequire(import.meta.url);
const API_TARGET = 'http://localhost:3000';

/**
 * react-dsfr ships `early-color-scheme.js`: a classic script that applies the user's colour scheme
 * (light/dark) before the first paint. Our CSP forbids inline scripts (`script-src 'self'`), so it
 * is served as a same-origin file and referenced with <script src> at the top of <head>.
 */
function dsfrEarlyColorScheme(): Plugin {
  const sourcePath = require.resolve('@codegouvfr/react-dsfr/early-color-scheme.js');
  const publicName = 'early-color-scheme.js';
  let isBuild = false;
  return {
    name: 'fabriques:dsfr-early-color-scheme',
    configResolved(config) {
      isBuild = config.command === 'build';
    },
    configureServer(server) {
      server.middlewares.use(`/${publicName}`, (_req, res) => {
        res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
        res.end(readFileSync(sourcePath));
      });
    },
    buildStart() {
      if (!isBuild) return;
      this.emitFile({ type: 'asset', name: publicName, source: readFileSync(sourcePath) });
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        let src = `/${publicName}`;
        if (ctx.bundle) {
          const asset = Object.values(ctx.bundle).find(
            (chunk) => chunk.type === 'asset' && (chunk.names ?? []).includes(publicName),
          );
          if (asset) src = `/${asset.fileName}`;
        }
        return [{ tag: 'script', attrs: { src }, injectTo: 'head-prepend' }];
      },
    },
  };
}

/** Fail early, with the fix, when the DSFR static assets have not been generated. */
function requireDsfrAssets(): Plugin {
  return {
    name: 'fabriques:require-dsfr-assets',
    buildStart() {
      if (!existsSync(`${webRoot}/public/dsfr/dsfr.min.css`)) {
        this.error(
          'DSFR assets missing in web/public/dsfr: run `npx react-dsfr copy-static-assets --projectDir web && npx react-dsfr update-icons --projectDir web` first.',
        );
      }
    },
  };
}

export default defineConfig({
  root: webRoot,
  plugins: [react(), dsfrEarlyColorScheme(), requireDsfrAssets()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // one place to read the weight of what a page loads
    reportCompressedSize: true,
  },
  server: {
    proxy: {
      '/api': API_TARGET,
      '/geo': API_TARGET,
    },
  },
  preview: {
    proxy: {
      '/api': API_TARGET,
      '/geo': API_TARGET,
    },
  },
});
