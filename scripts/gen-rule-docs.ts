/**
 * Writes docs/rules/<ID>.md for every lint rule and docs/rules/README.md, from rule metadata.
 * Run: `npx tsx scripts/gen-rule-docs.ts` (test/analyze/lint/rule-docs.test.ts fails when stale).
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinRules } from '../src/analyze/lint/index.js';
import { renderRuleDocs } from '../src/analyze/lint/rule-docs.js';

const dir = fileURLToPath(new URL('../docs/rules/', import.meta.url));
mkdirSync(dir, { recursive: true });
const files = renderRuleDocs(builtinRules);
// Pages of removed rules go away.
for (const name of readdirSync(dir)) if (name.endsWith('.md') && !files.has(name)) rmSync(join(dir, name));
for (const [name, text] of files) writeFileSync(join(dir, name), text);
process.stdout.write(`wrote ${files.size} files to docs/rules/\n`);
