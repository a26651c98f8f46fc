#!/usr/bin/env node
// The meshward command. Runs the compiled CLI from dist/ (built by `npm install` through the
// `prepare` script); in a checkout without a build it falls back to the TypeScript sources via tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (existsSync(dist)) {
  await import(pathToFileURL(dist).href);
} else {
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch {
    process.stderr.write('meshward: no build found in dist/ and tsx is not installed: run `npm install`\n');
    process.exit(2);
  }
  await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
