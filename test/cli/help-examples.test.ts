// Every command's help ends with examples, in Chinese by default and in English with --lang en
// (issue 12: only `register` had any).
import { PassThrough } from 'node:stream';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { makeFactory } from '../../src/cli/factory.js';
import { runCli } from '../support/cli.js';

/** The path of every command a clerk runs ("dup mark", "list" ...), from the program itself. */
function leafCommands(): string[] {
  const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), stdoutIsTTY: false, stderrIsTTY: false, stdinIsTTY: false };
  const f = makeFactory(io, {}, () => new Date(), 'zh', () => ({}) as never);
  const paths: string[] = [];
  const walk = (c: Command, prefix: string[]) => {
    for (const sub of c.commands) {
      const path = [...prefix, sub.name()];
      if (sub.commands.length === 0) paths.push(path.join(' '));
      else walk(sub, path);
    }
  };
  walk(buildProgram(f), []);
  return paths;
}

const COMMANDS = leafCommands();

describe('help examples', () => {
  it('finds the commands of SPEC 6', () => {
    expect(COMMANDS).toEqual(expect.arrayContaining(['init', 'register', 'import', 'list', 'show', 'dup scan', 'dup mark', 'amend', 'void',
      'scope out', 'instruct', 'assign', 'dispose', 'conclude', 'sanction', 'notify', 'reply', 'supervise', 'extend', 'overdue', 'report',
      'activity add', 'reveal', 'audit log', 'audit verify', 'backup', 'migrate-to', 'calendar show', 'calendar add', 'config set']));
  });

  it.each(COMMANDS)('%s --help ends with examples in either language', async (cmd) => {
    const zh = await runCli([...cmd.split(' '), '--help']);
    expect(zh.code).toBe(0);
    // The same 示例 block as every other command (issue: backup and migrate-to had one "例：" line).
    const block = (out: string, title: string) => out.slice(out.indexOf(`\n${title}\n`) + title.length + 2);
    expect(zh.stdout).toContain('\n示例：\n');
    expect(block(zh.stdout, '示例：')).toMatch(new RegExp(`^  (\\S+=\\$\\()?xinfang (--\\S+ \\S+ )?${cmd}( |$)`, 'm'));
    const en = await runCli(['--lang', 'en', ...cmd.split(' '), '--help']);
    expect(en.stdout).toContain('\nExamples:\n');
    expect(block(en.stdout, 'Examples:')).toMatch(new RegExp(`^  (\\S+=\\$\\()?xinfang (--\\S+ \\S+ )?${cmd}( |$)`, 'm'));
  });

  it.each(['backup', 'migrate-to'])('%s --help has the 示例 block, not a one-line 例', async (cmd) => {
    const zh = await runCli([cmd, '--help']);
    expect(zh.stdout).toMatch(new RegExp(`\\n示例：\\n {2}xinfang (--db \\S+ )?${cmd} `));
    expect(zh.stdout).not.toMatch(/例：xinfang/);
    const en = await runCli(['--lang', 'en', cmd, '--help']);
    expect(en.stdout).toMatch(new RegExp(`\\nExamples:\\n {2}xinfang (--db \\S+ )?${cmd} `));
    expect(en.stdout).not.toMatch(/Example: xinfang/);
  });
});
