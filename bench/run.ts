/**
 * Runs every bench/*.bench.ts in its own process (so one cannot warm or pollute another), collects
 * the JSON lines each prints, and writes them with the machine's description to
 * bench/results/latest.json. `npm run bench -- engine` runs only the matching files.
 */
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, totalmem, platform, release } from 'node:os';
import { join } from 'node:path';

const dir = new URL('.', import.meta.url).pathname;
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  os: `${platform()} ${release()}`,
};
const results: unknown[] = [];
for (const f of files) {
  process.stderr.write(`bench ${f} …\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, f)], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    process.exitCode = 1;
    continue;
  }
  for (const line of r.stdout.split('\n')) {
    const t = line.trim();
    if (t.startsWith('{')) {
      const parsed = JSON.parse(t) as Record<string, unknown>;
      results.push({ file: f, ...parsed });
      process.stdout.write(`${t}\n`);
    }
  }
}
mkdirSync(join(dir, 'results'), { recursive: true });
writeFileSync(join(dir, 'results', 'latest.json'), `${JSON.stringify({ machine, results }, null, 2)}\n`);
