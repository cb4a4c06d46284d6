#!/usr/bin/env node
// The `bulletin` command. Runs the esbuild bundle of cli/ (out/cli/main.mjs, made by postinstall through
// scripts/build-cli.mjs), so no TypeScript is compiled at start. When the bundle is missing, or a source file it was
// made from changed after its build started, or a file of it is missing (out/cli/build-info.json), it is rebuilt
// first: a developer never runs stale code. `npm run bulletin:dev -- …` runs the TypeScript sources through tsx instead.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const entry = new URL('../out/cli/main.mjs', import.meta.url);

/** Why the bundle must be (re)built, or undefined when it is up to date. */
function staleness() {
  let info;
  try {
    statSync(entry);
    info = JSON.parse(readFileSync(new URL('../out/cli/build-info.json', import.meta.url), 'utf8'));
  } catch {
    return 'missing';
  }
  if (!Array.isArray(info?.inputs) || !Array.isArray(info.outputs) || typeof info.startedAt !== 'number') return 'damaged';
  for (const output of info.outputs) {
    try {
      statSync(new URL(`../out/cli/${output}`, import.meta.url));
    } catch {
      return `${output} missing`;
    }
  }
  for (const input of info.inputs) {
    let mtimeMs;
    try {
      mtimeMs = statSync(root + input).mtimeMs;
    } catch {
      return `${input} removed`;
    }
    if (mtimeMs >= info.startedAt) return `${input} changed`;
  }
  return undefined;
}

/** Builds the bundle; on failure says why in one Chinese line and exits 2. */
async function rebuild() {
  try {
    const { buildCli } = await import('../scripts/build-cli.mjs');
    await buildCli({ quiet: true });
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ');
    process.stderr.write(`错误：无法生成 bulletin 命令的程序包（out/cli）：${reason}\n`);
    process.exit(2);
  }
}

if (staleness()) await rebuild();
const { runCli } = await import(entry.href);
const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
process.exitCode = code;
