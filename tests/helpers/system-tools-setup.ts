/**
 * Vitest global setup (vitest.config.ts, vitest.e2e.config.ts): under CI=true, every system program the tests use
 * (tests/helpers/system-tools.ts) must be installed, or the run stops at once with one message naming the Debian
 * packages to install — no test is skipped for want of a tool. Elsewhere each test file decides for itself.
 */
import { isCi, missingMessage, missingTools, SYSTEM_TOOLS, type ToolName } from './system-tools.js';

export default function setup(): void {
  if (!isCi()) return;
  const missing = missingTools(Object.keys(SYSTEM_TOOLS) as ToolName[]);
  if (missing.length > 0) throw new Error(missingMessage(missing));
}
