#!/usr/bin/env node
/**
 * `npm ci` / `npm install` step: builds native/ (the admissions engine's W.csv scanner and call-order
 * row writer, ADR 0018) with the node-gyp that npm ships, against the Node headers npm is set to use.
 * A failed build does not stop the installation: the engine then runs in JavaScript only (the
 * same results, slower), and the test `native.test.ts` says the scanner is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));

function nodeGyp() {
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp)) return process.env.npm_config_node_gyp;
  try {
    return createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    const bundled = path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    return existsSync(bundled) ? bundled : null;
  }
}

const gyp = nodeGyp();
const args = ['rebuild', '--release'];
// the headers of the Node that runs this (npm's setting, else beside the binary): node-gyp would
// otherwise download them, and this machine has no internet
const prefix = path.dirname(path.dirname(process.execPath));
const nodedir = process.env.npm_config_nodedir || (existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? prefix : null);
if (nodedir) args.push(`--nodedir=${nodedir}`);
const result = gyp ? spawnSync(process.execPath, [gyp, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' }) : null;
if (result?.status === 0) {
  console.log('fabriques : module natif du moteur d’admission compilé (build/Release/admissions.node)');
} else {
  const why = !gyp ? 'node-gyp introuvable' : (result.stderr || result.stdout || String(result.error)).trim().split('\n').slice(-6).join('\n');
  console.warn(`fabriques : le module natif du moteur d’admission n’a pas pu être compilé ; le moteur fonctionnera en JavaScript seul (mêmes résultats, plus lent).\n${why}`);
}
