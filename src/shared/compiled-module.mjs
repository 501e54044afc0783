/**
 * TypeScript entry points compiled to one plain JavaScript file each, for the code whose start-up
 * counts: the batch jobs of `fabriques admissions` (bin/fabriques.mjs) and their worker thread
 * (admissions/batch/parallel.ts). Through tsx they start in ~0.5 s; from the compiled file in ~0.1 s.
 *
 * Plain JavaScript, not TypeScript: bin/fabriques.mjs uses it before any TypeScript loader exists.
 *
 * A compiled file is used only while every source file it was built from (esbuild's list) has the
 * same content (SHA-1) as at its build; otherwise the caller runs the sources through tsx and builds
 * it again for the next runs (esbuild, ~0.1 s, in esbuild's own process). The files are kept in
 * node_modules/.cache/fabriques (the usual place for a project's build caches, ADR 0017): not in the
 * shared temporary directory, where another user of the machine could leave a file to be run.
 * Any problem (no esbuild, a read-only node_modules) gives null: the sources then run through tsx.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The project's root (this file is src/shared/compiled-module.mjs). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'fabriques');

const sha1 = (bytes) => createHash('sha1').update(bytes).digest('hex');

/** Writes a file whole or not at all (a reader never sees half of it). */
function writeWhole(file, content) {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, file);
}

/** The manifest of an entry: its path from the root, with / turned into -, then .json. */
function manifestFile(entry, cacheDir) {
  const relative = path.relative(ROOT, fileURLToPath(entry));
  return path.join(cacheDir, `${relative.replace(/\.[^./]+$/, '').split(path.sep).join('-')}.json`);
}

function fresh(cacheDir, manifest) {
  try {
    for (const [input, hash] of Object.entries(manifest.inputs)) if (sha1(readFileSync(path.join(ROOT, input))) !== hash) return false;
    return existsSync(path.join(cacheDir, manifest.bundle));
  } catch {
    return false;
  }
}

/**
 * The compiled file of the TypeScript entry `entry` (a file URL) when it is up to date, else null
 * (at once: nothing is built here).
 * @param {URL} entry
 * @param {string} [cacheDir]
 * @returns {URL | null}
 */
export function compiledModule(entry, cacheDir = CACHE_DIR) {
  try {
    const manifest = JSON.parse(readFileSync(manifestFile(entry, cacheDir), 'utf8'));
    if (fresh(cacheDir, manifest)) return pathToFileURL(path.join(cacheDir, manifest.bundle));
  } catch {
    /* not built yet */
  }
  return null;
}

/**
 * Each source file's `import.meta.url` becomes its own URL, as when it runs from the sources: the
 * batch jobs find their worker's files next to their own (parallel.ts).
 */
const META_URL = /\bimport\.meta\.url\b/g;
const ownUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.(ts|mts|mjs|js)$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const contents = readFileSync(args.path, 'utf8').replace(META_URL, JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader: /\.m?ts$/.test(args.path) ? 'ts' : 'js' };
    });
  },
};

/**
 * Builds the compiled file of `entry` (for the next runs); its URL, or null on any failure.
 * @param {URL} entry
 * @param {string} [cacheDir]
 * @returns {Promise<URL | null>}
 */
export async function buildModule(entry, cacheDir = CACHE_DIR) {
  try {
    const esbuild = await import('esbuild');
    const built = await esbuild.build({
      entryPoints: [fileURLToPath(entry)],
      absWorkingDir: ROOT,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // loaded from the project's node_modules when needed (the compiled file lives under it)
      external: ['esbuild'],
      plugins: [ownUrl],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const code = built.outputFiles[0].contents;
    const inputs = Object.fromEntries(Object.keys(built.metafile.inputs).map((input) => [input, sha1(readFileSync(path.join(ROOT, input)))]));
    const manifest = manifestFile(entry, cacheDir);
    const bundle = `${path.basename(manifest, '.json')}-${sha1(code).slice(0, 16)}.mjs`;
    mkdirSync(cacheDir, { recursive: true });
    writeWhole(path.join(cacheDir, bundle), code);
    writeWhole(manifest, JSON.stringify({ bundle, inputs }));
    return pathToFileURL(path.join(cacheDir, bundle));
  } catch {
    return null;
  }
}
