#!/usr/bin/env node
// The xinfang executable: the compiled command line lives in dist/ (built by `npm ci` / `npm run build`).
// `xinfang --version` alone is answered here, without loading the command line's 40-odd modules
// (scripts call it to check the install; SPEC 9 asks for it within 2× of `node -e 0`).
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { readFileSync } = await import('node:fs');
  process.stdout.write(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version + '\n');
} else {
  const { main } = await import('../dist/src/cli/main.js');
  await main();
}
