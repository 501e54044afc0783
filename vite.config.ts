import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The public web app lives in web/ and is built to web/dist (served by the Fastify server).
// DSFR static assets (CSS, fonts, favicons, icons) live in web/public/dsfr (git-ignored), generated
// from @codegouvfr/react-dsfr (see dsfrStaticAssets). Vite's default public folder (<root>/public) is
// used on purpose: react-dsfr finds the same folder from `--projectDir web`.

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
        return [{ tag: 'script', attrs: { src }, injectTo: 'head' }];
      },
    },
  };
}

/**
 * Generates web/public/dsfr before every build and dev start, as react-dsfr's Vite setup does with
 * predev/prebuild scripts: `copy-static-assets` (a no-op when the DSFR version has not changed), then
 * `update-icons` (keeps only the icons our sources use, and stamps their hash in index.html).
 * `--projectDir web` makes react-dsfr use web/index.html and web/public like Vite does.
 */
function dsfrStaticAssets(): Plugin {
  const cli = require.resolve('@codegouvfr/react-dsfr/bin/react-dsfr.js');
  const run = (...args: string[]) => {
    const result = spawnSync(process.execPath, [cli, ...args, '--projectDir', webRoot], { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`react-dsfr ${args[0]} failed:\n${result.stderr || result.stdout}`);
    }
  };
  return {
    name: 'fabriques:dsfr-static-assets',
    buildStart() {
      run('copy-static-assets');
      run('update-icons', '--silent');
      if (!existsSync(`${webRoot}/public/dsfr/dsfr.min.css`)) {
        this.error('DSFR assets missing in web/public/dsfr after `react-dsfr copy-static-assets --projectDir web`.');
      }
    },
  };
}

export default defineConfig({
  root: webRoot,
  plugins: [dsfrStaticAssets(), react(), dsfrEarlyColorScheme()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // one place to read the weight of what a page loads
    reportCompressedSize: true,
    rolldownOptions: {
      // the DSFR step (react-dsfr CLI, ~1.5 s) would otherwise be reported as a slow plugin on each build
      checks: { bundlerTimings: false },
    },
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
