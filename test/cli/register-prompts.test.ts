// Registering at a terminal (issue 12; SPEC 5, 6): what is asked, validation as typed, flags
// checked before the first question, confirmation with the reporter masked, Ctrl-C → exit 130
// with nothing written, prompts on stderr, missing-flag errors without a terminal.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';
import { CTRL_C, ScriptedPrompter, runAtTerminal, type Answer } from './register-support.js';

const now = () => new Date('2016-06-21T10:00:00+08:00');

/** Answers to the whole interview of a bare `xinfang register`, in the order it asks. */
const FULL: Answer[] = [
  '', // received: Enter takes today
  'own', 'letter', 'accusation',
  '王五', '', '13912340003', '', // reporter name, ID, phone, address
  true, // real-name
  '张某', '某县交通局', '局长', '乡科级', '违反廉洁纪律',
  '反映张某收受礼金',
  true, // confirm
];

describe.each(testRegistries)('register at a terminal on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  const items = async () => JSON.parse(await s.ok(['list', '--json'])) as Record<string, unknown>[];

  it('asks what a clerk registers, shows the item masked, and registers on confirmation', async () => {
    const p = new ScriptedPrompter([...FULL]);
    const r = await runAtTerminal(['register'], { env: s.env, prompter: p, now });
    expect(r.stderr).not.toContain('错误');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('2016-0001\n');
    expect(p.remaining).toBe(0);
    const messages = p.asked.map((a) => a.message);
    for (const label of ['收件日期', '来源', '信访形式', '信访类别', '反映人', '身份证号', '联系电话', '住址', '是否实名举报', '被反映人', '被反映人单位', '职务', '职级', '问题类别', '内容摘要', '确认登记']) {
      expect(messages.some((m) => m.startsWith(label)), label).toBe(true);
    }
    expect(p.asked[0]!.default).toBe('2016-06-21');
    // Category and rank offer the suggested values, plus "other" and "none".
    const category = p.asked.find((a) => a.message.startsWith('问题类别'))!;
    expect(category.choices!.map((c) => c.name)).toEqual(expect.arrayContaining(['违反中央八项规定精神', '涉嫌职务犯罪', '其他（自行输入）', '（不填）']));
    // The confirmation shows the whole item with the reporter masked, on stderr.
    expect(r.stderr).toContain('王*');
    expect(r.stderr).toContain('139****0003');
    expect(r.stderr).not.toContain('13912340003');
    expect(r.stderr).toContain('违反廉洁纪律');
    const [item] = await items();
    expect(item).toMatchObject({
      code: '2016-0001', received: '2016-06-21', source: 'own', channel: 'letter', kind: 'accusation', realName: true,
      reporterName: '王*', accusedName: '张某', accusedUnit: '某县交通局', accusedRank: '乡科级', category: '违反廉洁纪律', summary: '反映张某收受礼金',
    });
  });

  it('asks for the organ and reference of a superior source, and takes a typed category', async () => {
    const p = new ScriptedPrompter([
      '2016-06-03', 'superior-forwarded', '甘肃省纪委监委', '甘纪转〔2016〕12号', 'visit', 'appeal',
      '', '', '', '', // anonymous: no reporter
      '', '', '', '\u0000skip', '\u0000other', '违反换届纪律', '反映问题', true,
    ]);
    const r = await runAtTerminal(['register'], { env: s.env, prompter: p, now });
    expect(r.code).toBe(0);
    expect(p.asked.some((a) => a.message.startsWith('是否实名'))).toBe(false);
    const [item] = await items();
    expect(item).toMatchObject({ received: '2016-06-03', source: 'superior-forwarded', forwardedBy: '甘肃省纪委监委', ref: '甘纪转〔2016〕12号', channel: 'visit', kind: 'appeal', realName: false, category: '违反换届纪律', accusedRank: null });
  });

  it('checks each answer as it is typed, with the rules of buildDraft', async () => {
    const answers = [...FULL];
    answers.splice(0, 1, '2016-02-30', '2099-01-01', '2016-06-03'); // no such date, a future date, then a good one
    answers.splice(answers.indexOf('13912340003'), 1, '12345', '12345'); // a bad phone warns once; the same again is kept
    answers.splice(answers.indexOf('反映张某收受礼金'), 0, '  '); // a blank summary is refused
    const p = new ScriptedPrompter(answers);
    const r = await runAtTerminal(['register'], { env: s.env, prompter: p, now });
    expect(r.code).toBe(0);
    expect(p.rejected).toEqual([
      '日期不存在',
      '收件日期晚于今天（2016-06-21）',
      expect.stringMatching(/^应为11位手机号.*确认无误请再按一次回车$/),
      '必填',
    ]);
    expect((await items())[0]).toMatchObject({ received: '2016-06-03' });
  });

  it('checks the flags before the first question, so no answer is lost', async () => {
    const p = new ScriptedPrompter([...FULL]);
    const r = await runAtTerminal(['register', '--received', '2016-02-30', '--channel', '飞鸽'], { env: s.env, prompter: p, now });
    expect(r.code).toBe(2);
    expect(p.asked).toEqual([]);
    expect(r.stderr).toContain('--received “2016-02-30”：日期不存在');
    expect(r.stderr).toContain('--channel “飞鸽”：无法识别的信访形式');
    expect(await items()).toEqual([]);
  });

  it('asks only for what the flags did not give', async () => {
    const p = new ScriptedPrompter(['', '', '', '', '', '', '', '\u0000skip', '\u0000skip', '反映问题', true]);
    const r = await runAtTerminal(['register', '--received', '2016-06-01', '--source', '本级受理', '--channel', '来电', '--kind', '申诉'], { env: s.env, prompter: p, now });
    expect(r.code).toBe(0);
    expect(p.asked.map((a) => a.message.replace(/[（(].*$/, '').trim())).toEqual(
      ['反映人', '身份证号', '联系电话', '住址', '被反映人', '被反映人单位', '职务', '职级', '问题类别', '内容摘要', '确认登记？'],
    );
    expect((await items())[0]).toMatchObject({ received: '2016-06-01', channel: 'phone', kind: 'appeal', realName: false, category: null });
  });

  it('Ctrl-C at a prompt: one line, exit 130, nothing written', async () => {
    const p = new ScriptedPrompter(['', 'own', CTRL_C]);
    const r = await runAtTerminal(['register'], { env: s.env, prompter: p, now });
    expect(r.code).toBe(130);
    expect(r.stderr).toBe('已取消，未登记\n');
    expect(r.stdout).toBe('');
    expect(await items()).toEqual([]);
    const audit = await s.cli(['audit', 'log', '--json']);
    expect((JSON.parse(audit.stdout) as { action: string }[]).map((e) => e.action)).not.toContain('register');
  });

  it('declining the confirmation registers nothing (exit 130)', async () => {
    const answers = [...FULL];
    answers[answers.length - 1] = false;
    const r = await runAtTerminal(['--lang', 'en', 'register'], { env: s.env, prompter: new ScriptedPrompter(answers), now });
    expect(r.code).toBe(130);
    expect(r.stderr.trim().split('\n').at(-1)).toBe('cancelled, nothing registered');
    expect(await items()).toEqual([]);
  });

  it('prompts when stdout is captured (code=$(xinfang register)), since prompts go to stderr', async () => {
    const p = new ScriptedPrompter([...FULL]);
    const r = await runAtTerminal(['register'], { env: s.env, prompter: p, now, tty: { stdin: true, stderr: true, stdout: false } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('2016-0001\n'); // only the code: what $(...) captures
  });

  it('without a terminal, or with --no-input, names the missing flags', async () => {
    const p = new ScriptedPrompter([...FULL]);
    const piped = await runAtTerminal(['register'], { env: s.env, prompter: p, now, tty: { stdin: false, stderr: true } });
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain('缺少必填项：来源（--source）、信访形式（--channel）、内容摘要（--summary）');
    expect(piped.stderr).toContain('标准输入或标准错误不是终端');
    const stderrRedirected = await runAtTerminal(['register'], { env: s.env, prompter: p, now, tty: { stdin: true, stderr: false, stdout: true } });
    expect(stderrRedirected.code).toBe(2);
    const noInput = await runAtTerminal(['--no-input', '--lang', 'en', 'register', '--source', 'superior-forwarded'], { env: s.env, prompter: p, now });
    expect(noInput.code).toBe(2);
    expect(noInput.stderr).toContain('missing: --forwarded-by (forwarded by), --channel (channel), --summary (summary)');
    expect(noInput.stderr).toContain('drop --no-input');
    expect(p.asked).toEqual([]);
  });

  it('--reporter-phone 12345 warns naming the rule, with the number masked', async () => {
    const r = await s.cli(['register', '--source', 'own', '--channel', 'phone', '--summary', 'x', '--reporter-name', '王五', '--reporter-phone', '54321']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('警告：联系电话：应为11位手机号（1开头），或7–8位固定电话号码');
    expect(r.stderr).not.toContain('54321');
    const good = await s.cli(['register', '--source', 'own', '--channel', 'phone', '--summary', 'x', '--reporter-phone', '+86 139-1234-0003']);
    expect(good.stderr).toBe('');
    const landline = await s.cli(['register', '--source', 'own', '--channel', 'phone', '--summary', 'x', '--reporter-phone', '0931-8123456']);
    expect(landline.stderr).toBe('');
  });

  describe('--reporter-file', () => {
    it('reads name=, id=, phone=, address= from a file and from stdin', async () => {
      const file = join(s.dir, 'reporter.txt');
      writeFileSync(file, '\uFEFF# 反映人\nname=王五\nid=620105199001011234\n\nphone = 139 1234 0003\naddress=甘肃省兰州市城关区某街1号\n');
      const code = await s.ok(['register', '--source', 'own', '--channel', 'letter', '--summary', '反映问题', '--reporter-file', file]);
      const shown = JSON.parse(await s.ok(['reveal', code, '--reason', '测试', '--json'])) as Record<string, unknown>;
      expect(shown).toMatchObject({ realName: true, reporterName: '王五', reporterId: '620105199001011234', reporterPhone: '139 1234 0003', reporterAddress: '甘肃省兰州市城关区某街1号' });
      const piped = await s.ok(['register', '--source', 'own', '--channel', 'letter', '--summary', '反映问题', '--reporter-file', '-'], { stdin: 'name=赵六\nphone=13800001111\n' });
      expect(JSON.parse(await s.ok(['reveal', piped, '--reason', '测试', '--json']))).toMatchObject({ reporterName: '赵六', reporterPhone: '13800001111' });
    });

    it('refuses an unknown key or a line without = naming the line, never its value', async () => {
      const file = join(s.dir, 'r.txt');
      writeFileSync(file, 'name=王五\nmobile=13912340003\n');
      const r = await s.cli(['register', '--source', 'own', '--channel', 'letter', '--summary', 'x', '--reporter-file', file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--reporter-file 第 2 行：未知的键“mobile”（可用：name=, id=, phone=, address=）');
      expect(r.stderr).not.toContain('13912340003');
      writeFileSync(file, 'name=王五\n13912340003\n');
      const noEq = await s.cli(['register', '--source', 'own', '--channel', 'letter', '--summary', 'x', '--reporter-file', file]);
      expect(noEq.code).toBe(2);
      expect(noEq.stderr).toContain('第 2 行：应为“键=值”');
      expect(noEq.stderr).not.toContain('13912340003');
      expect(await items()).toEqual([]);
    });

    it('refuses a field given both by flag and by file, and a missing file', async () => {
      const file = join(s.dir, 'r.txt');
      writeFileSync(file, 'name=王五\n');
      const both = await s.cli(['register', '--source', 'own', '--channel', 'letter', '--summary', 'x', '--reporter-file', file, '--reporter-name', '李四']);
      expect(both.code).toBe(2);
      expect(both.stderr).toContain('--reporter-name 与 --reporter-file 都给出了反映人');
      const missing = await s.cli(['register', '--source', 'own', '--channel', 'letter', '--summary', 'x', '--reporter-file', join(s.dir, 'nope.txt')]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('--reporter-file：找不到文件');
    });

    it('at a terminal, asks only for the reporter fields the file does not give', async () => {
      const file = join(s.dir, 'r.txt');
      writeFileSync(file, 'name=王五\n');
      const p = new ScriptedPrompter(['', 'own', 'letter', 'accusation', '', '13912340003', '', true, '', '', '', '\u0000skip', '\u0000skip', '反映问题', true]);
      const r = await runAtTerminal(['register', '--reporter-file', file], { env: s.env, prompter: p, now });
      expect(r.code).toBe(0);
      const asked = p.asked.map((a) => a.message);
      expect(asked.some((m) => m.startsWith('反映人'))).toBe(false);
      expect(asked.some((m) => m.startsWith('联系电话'))).toBe(true);
      const code = r.stdout.trim();
      expect(JSON.parse(await s.ok(['reveal', code, '--reason', '测试', '--json']))).toMatchObject({ reporterName: '王五', reporterPhone: '13912340003', realName: true });
    });
  });
});
