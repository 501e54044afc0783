/**
 * The worker thread of parallel.ts as one plain JavaScript file, compiled once per version of its
 * sources and kept in the temporary directory: a worker started from it is ready in ~70 ms, against
 * ~0.5 s when it loads the TypeScript runner (tsx) and the sources itself — time it would not spend
 * reading its part of W.csv.
 *
 * The bundle is used only while every source file it was built from (esbuild's list) still has the
 * same content (SHA-1); otherwise it is built again (esbuild, ~0.1 s). Any problem (no esbuild, a
 * read-only temporary directory) gives null: the worker then starts through tsx (worker-boot.mjs).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface Manifest {
  bundle: string;
  /** Source path (relative to the project) → SHA-1 of its content. */
  inputs: Record<string, string>;
}

const sha1 = (bytes: Buffer | Uint8Array | string) => createHash('sha1').update(bytes).digest('hex');

function writeAtomic(file: string, content: string | Uint8Array): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, file);
}

function fresh(root: string, dir: string, manifest: Manifest): boolean {
  try {
    for (const [input, hash] of Object.entries(manifest.inputs)) if (sha1(readFileSync(path.join(root, input))) !== hash) return false;
    return existsSync(path.join(dir, manifest.bundle));
  } catch {
    return false;
  }
}

const DEFAULT_DIR = path.join(tmpdir(), 'fabriques-engine');

function where(entry: URL, cacheDir: string) {
  const source = fileURLToPath(entry);
  return { source, root: path.resolve(path.dirname(source), '../../../..'), manifestFile: path.join(cacheDir, `${path.basename(source, '.ts')}.json`) };
}

/** The compiled worker for the TypeScript entry `entry` when it is up to date, else null (at once, no build). */
export function compiledWorker(entry: URL, cacheDir = DEFAULT_DIR): URL | null {
  const { root, manifestFile } = where(entry, cacheDir);
  try {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    if (fresh(root, cacheDir, manifest)) return pathToFileURL(path.join(cacheDir, manifest.bundle));
  } catch {
    /* no bundle yet */
  }
  return null;
}

/** Builds the compiled worker (for the next jobs: this one has already started its worker); null on failure. */
export async function buildWorker(entry: URL, cacheDir = DEFAULT_DIR): Promise<URL | null> {
  const { source, root, manifestFile } = where(entry, cacheDir);
  try {
    const esbuild = await import('esbuild');
    const built = await esbuild.build({
      entryPoints: [source],
      absWorkingDir: root,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const code = built.outputFiles[0]!.contents;
    const inputs = Object.fromEntries(Object.keys(built.metafile.inputs).map((input) => [input, sha1(readFileSync(path.join(root, input)))]));
    const bundle = `${path.basename(source, '.ts')}-${sha1(code).slice(0, 16)}.mjs`;
    mkdirSync(cacheDir, { recursive: true });
    writeAtomic(path.join(cacheDir, bundle), code);
    writeAtomic(manifestFile, JSON.stringify({ bundle, inputs } satisfies Manifest));
    return pathToFileURL(path.join(cacheDir, bundle));
  } catch {
    return null;
  }
}
