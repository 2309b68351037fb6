// npm run bench: every benchmark, one after another. Each prints its own figures.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const benches = [
  ['startup.js'],
  ['scan.js'],
  ['scan.js', '--hostile'],
  ['scan.js', '--accuracy'],
  ['corpus.js'],
  ['status.js'],
  ['status.js', '--realistic'],
];
let failed = 0;
for (const args of benches) {
  console.log(`\n== bench/${args.join(' ')} ==`);
  const r = spawnSync(process.execPath, [path.join(here, args[0]), ...args.slice(1)], {
    stdio: 'inherit',
  });
  if (r.status !== 0) failed++;
}
if (failed > 0) {
  console.log(`\n${failed} benchmark(s) missed their target or failed`);
  process.exitCode = 1;
}
