// chinese-days (~27 ms) is loaded on first need, never at start-up: `xinfang --version` and
// `config` do not load it; `calendar show` does.
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { cliSandbox, runCli, testRegistries } from '../support/cli.js';

const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('chinese-days'));

it('start-up and config do not load the calendar package; calendar show does', async () => {
  expect(loaded()).toBe(false);
  expect((await runCli(['--version'])).code).toBe(0);
  const s = await cliSandbox(testRegistries[0]!);
  try {
    await s.ok(['config']);
    expect(loaded()).toBe(false);
    await s.ok(['calendar', 'show', '2016']);
    expect(loaded()).toBe(true);
  } finally {
    await s.cleanup();
  }
});
