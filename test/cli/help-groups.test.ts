// The help of a command group (dup, scope, activity, audit ...) lists its `help` subcommand in the
// clerk's language, not commander's English default (SPEC 1, 6).
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

describe('help of command groups', () => {
  it.each(['dup', 'scope', 'activity', 'audit', 'calendar', 'config'])('%s --help has no English line in Chinese mode', async (group) => {
    const zh = await runCli([group, '--help']);
    expect(zh.code).toBe(0);
    expect(zh.stdout).not.toContain('display help for command');
    expect(zh.stdout).toMatch(/\n {2}help \[命令\] +显示子命令的帮助\n/);
    const en = await runCli(['--lang', 'en', group, '--help']);
    expect(en.stdout).toMatch(/\n {2}help \[command\] +show help for a subcommand\n/);
  });

  it('the group help command still shows a subcommand help', async () => {
    const r = await runCli(['dup', 'help', 'mark']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^用法： xinfang dup mark/);
  });
});
