// Help and command-line messages in the clerk's language (SPEC 1, 6; issue 12).
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { displayWidth } from '../../src/cli/render/table.js';

describe('help', () => {
  it('has Chinese headings in Chinese mode and English ones with --lang en', async () => {
    const zh = await runCli(['--help']);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^用法： xinfang \[选项\] \[命令\]/);
    expect(zh.stdout).toContain('\n选项：\n');
    expect(zh.stdout).toContain('\n命令：\n');
    expect(zh.stdout).not.toMatch(/Usage:|Options:|Commands:/);
    const en = await runCli(['--lang', 'en', '--help']);
    expect(en.stdout).toMatch(/^Usage: xinfang \[options\] \[command\]/);
    expect(en.stdout).toContain('\nCommands:\n');
  });

  it('aligns the descriptions of Chinese help by display width', async () => {
    const r = await runCli(['register', '--help']);
    expect(r.code).toBe(0);
    // Every option line's description starts in the same display column.
    const starts = r.stdout.split('\n').filter((l) => /^ {2}(-\w, )?--/.test(l)).map((l) => {
      const m = /^(\s+\S.*?\S)\s{2,}(\S)/.exec(l)!;
      return displayWidth(m[1]!) + (m[0].length - m[1]!.length - 1);
    });
    expect(starts.length).toBeGreaterThan(10);
    expect(new Set(starts).size).toBe(1);
    // Chinese descriptions wrap within 80 columns (examples are command lines, kept whole).
    const beforeExamples = r.stdout.slice(0, r.stdout.indexOf('\n示例：'));
    for (const line of beforeExamples.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(80);
  });

  it.each(['init', 'register', 'import', 'list', 'show', 'reveal', 'audit log', 'audit verify'])('shows examples for %s', async (cmd) => {
    const r = await runCli([...cmd.split(' '), '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\n示例：\n');
    expect(r.stdout).toContain(`  xinfang ${cmd}`);
    const en = await runCli(['--lang', 'en', ...cmd.split(' '), '--help']);
    expect(en.stdout).toContain('\nExamples:\n');
  });

  it('help audit log shows that subcommand, not the group', async () => {
    const r = await runCli(['help', 'audit', 'log']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^用法： xinfang audit log/);
    expect(r.stdout).toContain('xinfang audit log 2016-0012');
    const group = await runCli(['help', 'audit']);
    expect(group.stdout).toMatch(/^用法： xinfang audit/);
    expect(group.stdout).toContain('verify');
  });

  it('help nosuch exits 2 with the usage and a suggestion', async () => {
    const r = await runCli(['help', 'nosuch']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('用法： xinfang');
    expect(r.stderr).toContain('错误：没有这个命令：“nosuch”');
    const close = await runCli(['help', 'regster']);
    expect(close.code).toBe(2);
    expect(close.stderr).toContain('你是不是要：xinfang help register？');
    const sub = await runCli(['help', 'audit', 'verfy']);
    expect(sub.code).toBe(2);
    expect(sub.stderr).toContain('你是不是要：xinfang help audit verify？');
  });

  it('help alone shows the program help (exit 0); a group without its subcommand exits 2 with its usage', async () => {
    const r = await runCli(['help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^用法： xinfang \[选项\] \[命令\]/);
    const group = await runCli(['audit']);
    expect(group.code).toBe(2);
    expect(group.stderr).toMatch(/^用法： xinfang audit/);
  });

  it('a bare xinfang exits 2 with the usage on stderr', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('用法： xinfang');
  });

  it('a misspelt command or option gets a suggestion in Chinese', async () => {
    const r = await runCli(['regster']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('错误：未知命令 regster');
    expect(r.stderr).toContain('你是不是要：register？');
    expect(r.stderr).not.toContain('Did you mean');
    const en = await runCli(['--lang', 'en', 'regster']);
    expect(en.stderr).toContain('Did you mean register?');
    const opt = await runCli(['list', '--perod', '2016']);
    expect(opt.code).toBe(2);
    expect(opt.stderr).toContain('你是不是要：--period？');
  });
});
