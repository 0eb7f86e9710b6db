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

describe('global option help', () => {
  it('--db says it takes an SQLite file or a postgres:// URL, in either language', async () => {
    const flat = (s: string) => s.replace(/\n +/g, '');
    const zh = flat((await runCli(['--help'])).stdout);
    expect(zh.replace(/\s/g, '')).toContain('SQLite文件或postgres://地址（默认$XINFANG_DB）');
    const en = (await runCli(['--lang', 'en', 'list', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(en.replace(/\s/g, '')).toContain('SQLitefileorpostgres://URL(default$XINFANG_DB)');
  });
});
