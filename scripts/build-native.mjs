#!/usr/bin/env node
/**
 * `npm ci` / `npm install` step: builds native/wish_scan.cc (the W.csv scanner of the admissions
 * engine, ADR 0018) with the node-gyp that npm ships, against the Node headers npm is set to use.
 * A failed build does not stop the installation: the engine then reads W.csv in JavaScript only
 * (the same results, slower), and the test `native.test.ts` says the scanner is missing.
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
if (process.env.npm_config_nodedir) args.push(`--nodedir=${process.env.npm_config_nodedir}`);
const result = gyp ? spawnSync(process.execPath, [gyp, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' }) : null;
if (result?.status === 0) {
  console.log('fabriques : lecteur natif de W.csv compilé (build/Release/wish_scan.node)');
} else {
  const why = !gyp ? 'node-gyp introuvable' : (result.stderr || result.stdout || String(result.error)).trim().split('\n').slice(-6).join('\n');
  console.warn(`fabriques : le lecteur natif de W.csv n’a pas pu être compilé ; le moteur d’admission lira W.csv en JavaScript (mêmes résultats, plus lent).\n${why}`);
}
