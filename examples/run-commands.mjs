// Runs many xinfang commands in one process, one a line from standard input (words separated by
// spaces, no quoting; blank lines and # comments skipped), as if each were typed after `xinfang`.
// The demo uses it so that fifty dated decisions take a second rather than fifty node start-ups.
// Each command's stdout (its confirmation line) and stderr (warnings such as possible duplicates)
// are kept back; the first command that fails stops the run, with what it said and its exit code.
//
//   node examples/run-commands.mjs < decisions.txt

import { PassThrough } from 'node:stream';
import { run } from '../dist/src/cli/main.js';

let text = '';
for await (const chunk of process.stdin) text += chunk;
let n = 0;
for (const [i, raw] of text.split('\n').entries()) {
  const line = raw.trim();
  if (line === '' || line.startsWith('#')) continue;
  const argv = line.split(/\s+/);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const said = [];
  stdout.resume();
  stderr.on('data', (c) => said.push(c));
  const io = { stdout, stderr, stdin: process.stdin, stdoutIsTTY: false, stderrIsTTY: false, stdinIsTTY: false };
  const code = await run(argv, { io, env: process.env });
  if (code !== 0) {
    process.stderr.write(Buffer.concat(said));
    process.stderr.write(`line ${i + 1}: xinfang ${line} exited ${code}\n`);
    process.exit(code);
  }
  n++;
}
process.stderr.write(`${n} commands run\n`);
