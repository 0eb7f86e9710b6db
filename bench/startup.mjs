// Start-up time: `xinfang --version` against `node -e 0`, alternating runs on the same machine.
// Usage: node bench/startup.mjs [runs=21]   (build first: npm run build)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const runs = Number(process.argv[2] ?? 21);
const bin = fileURLToPath(new URL('../bin/xinfang.js', import.meta.url));
const cases = {
  'node -e 0': [process.execPath, ['-e', '0']],
  'xinfang --version': [process.execPath, [bin, '--version']],
  'xinfang --help': [process.execPath, [bin, '--help']],
};
const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i < runs; i++) {
  for (const [name, [cmd, args]] of Object.entries(cases)) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${name} exited ${r.status}`);
    times[name].push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(times['node -e 0']);
for (const [name, xs] of Object.entries(times)) {
  console.log(`${name.padEnd(20)} median ${median(xs).toFixed(1)} ms  (${(median(xs) / base).toFixed(2)}× node -e 0)`);
}
