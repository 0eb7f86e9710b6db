// `xinfang --version` is answered by the executable itself, without loading the command line:
// the same text and exit code as the command line's own --version.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIN } from './cli.js';

const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

describe('xinfang --version', () => {
  it('prints the package version alone, as the full command line does', () => {
    const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    for (const args of [['--version'], ['-V']]) {
      const fast = run(args);
      expect(fast.status).toBe(0);
      expect(fast.stdout).toBe(`${version}\n`);
      expect(fast.stderr).toBe('');
    }
    // Through commander (another argument beside it): the same output.
    const full = run(['--lang', 'en', '--version']);
    expect(full.status).toBe(0);
    expect(full.stdout).toBe(`${version}\n`);
  });
});
