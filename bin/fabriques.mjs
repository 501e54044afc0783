#!/usr/bin/env node
// `npx fabriques <command>`: runs the TypeScript sources through tsx (no build step needed after npm ci).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
