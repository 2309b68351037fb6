// Start-up benchmark: median wall time of `prepub --version` against `node -e 0`, interleaved.
//   node bench/startup.js [runs]     (default 30 runs each; needs `npm run build`)
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'prepub.js');
const runs = Number(process.argv[2] ?? 30);

function time(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, {
    stdio: 'ignore',
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return performance.now() - t0;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const cases = {
  'node -e 0': ['-e', '0'],
  'prepub --version': [bin, '--version'],
  'prepub --help': [bin, '--help'],
};
const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (const args of Object.values(cases)) time(args); // warm the file cache
for (let i = 0; i < runs; i++)
  for (const [name, args] of Object.entries(cases)) times[name].push(time(args));

const base = median(times['node -e 0']);
console.log(`startup (${runs} interleaved runs each, median wall time)`);
for (const [name, xs] of Object.entries(times)) {
  const m = median(xs);
  console.log(
    `  ${name.padEnd(18)} ${m.toFixed(1).padStart(7)} ms   ${(m / base).toFixed(2)}× node -e 0`,
  );
}
const ratio = median(times['prepub --version']) / base;
console.log(`prepub --version / node -e 0 = ${ratio.toFixed(2)}× (target ≤ 1.5×)`);
if (ratio > 1.5) process.exitCode = 1;
