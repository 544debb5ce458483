#!/usr/bin/env node
// Entry point of the `sitrep` command. It registers tsx so the TypeScript
// sources run as they are, without a separate compile step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
