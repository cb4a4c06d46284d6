#!/usr/bin/env node
// `npm run bulletin:dev -- …`: the `bulletin` command straight from the TypeScript sources through tsx (no bundle).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../cli/main.ts');
const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
process.exitCode = code;
