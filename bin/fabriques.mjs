#!/usr/bin/env node
// `npx fabriques <command>`: runs the TypeScript sources through tsx (no build step needed after npm ci).
// `fabriques admissions …`, the national batch jobs, runs from its compiled file when it is up to
// date with the sources (~0.1 s to start instead of ~0.5 s); otherwise through tsx, building that
// file for the next runs (src/shared/compiled-module.mjs).
import { buildModule, compiledModule } from '../src/shared/compiled-module.mjs';

const argv = process.argv.slice(2);
const admissions = argv[0] === 'admissions' ? new URL('../src/cli/admissions-main.ts', import.meta.url) : null;
const compiled = admissions && compiledModule(admissions);
if (compiled) {
  if (process.env.FABRIQUES_TRACE === '1') console.error(`fabriques admissions : compilé (${compiled.pathname})`);
  const { run } = await import(compiled.href);
  process.exitCode = await run(argv.slice(1));
} else {
  const building = admissions && buildModule(admissions);
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../src/cli.ts');
  process.exitCode = await main(argv);
  await building;
}
