// Invisible operators and reasons, and the OS user beside the declared operator (SPEC 5, issue 8
// item 9): a name or a reason that reads as blank (U+200B, U+2800, U+3164 …) is refused like an
// empty one; people reading the log see the account that ran a command beside the name it gave.
import { userInfo } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseOperator } from '../../src/cli/factory.js';
import { operatorText } from '../../src/cli/render/history.js';
import { isBlank, nonEmpty } from '../../src/domain/text.js';
import { cliSandbox, registerOk, testRegistries, type CliSandbox } from '../support/cli.js';

const now = () => new Date('2016-07-01T10:00:00+08:00');
/** Blank-looking characters: zero width space, braille blank, Hangul filler, BOM, Hangul choseong filler, half-width filler, ideographic space, word joiner. */
const BLANKS = ['\u200b', '\u2800', '\u3164', '\ufeff', '\u115f', '\uffa0', '\u3000\u200b', '\u2060', '\u00ad'];

describe('blank-looking text', () => {
  it.each(BLANKS)('reads %j as blank', (b) => {
    expect(isBlank(b)).toBe(true);
    expect(nonEmpty(` ${b} `)).toBeUndefined();
    expect(() => chooseOperator(b, undefined, () => 'clerk')).toThrow(/cannot be blank/);
    expect(chooseOperator(undefined, b, () => 'clerk')).toBe('clerk');
  });
  it('keeps visible text, and refuses a name with an invisible character inside', () => {
    for (const t of ['王五', 'a', '·', '\u200b王五']) expect(isBlank(t)).toBe(false);
    expect(nonEmpty(' 核实身份 ')).toBe('核实身份');
    expect(chooseOperator('局长', undefined, () => 'clerk')).toBe('局长');
    expect(() => chooseOperator('局\u200b长', undefined, () => 'clerk')).toThrow(/invisible characters/);
  });
  it('shows the OS user beside a declared operator that differs', () => {
    expect(operatorText('局长', 'clerk2', 'zh')).toBe('局长（OS 用户 clerk2）');
    expect(operatorText('局长', 'clerk2', 'en')).toBe('局长 (OS user clerk2)');
    expect(operatorText('clerk2', 'clerk2', 'zh')).toBe('clerk2');
    expect(operatorText('局长', null, 'zh')).toBe('局长');
  });
});

describe.each(testRegistries)('invisible operators and reasons on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });
  const os = userInfo().username;

  it.each(['\u200b', '\u2800', '\u3164'])('refuses --operator %j and writes nothing', async (b) => {
    const r = await s.cli(['--operator', b, 'register', '--source', '本级受理', '--channel', '来信', '--summary', '反映某事', '--received', '2016-06-01'], { now });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--operator 不能为空');
    expect(JSON.parse(await s.ok(['list', '--json'], { now }))).toEqual([]);
  });

  it('refuses a blank-looking --reason for reveal, list --reporter, export --reveal, amend and void', async () => {
    const code = await registerOk(s, { 'reporter-name': '王小明', 'reporter-phone': '13812345678' }, [], { now });
    const before = await s.ok(['audit', 'log', '--json'], { now });
    for (const [b, args] of [
      ['\u200b', ['reveal', code, '--reason', '\u200b']],
      ['\u2800', ['list', '--reporter', '13812345678', '--reason', '\u2800']],
      ['\u3164', ['export', '--reveal', '--reason', '\u3164']],
      ['\ufeff', ['amend', code, '--channel', '来访', '--reason', '\ufeff']],
      ['\u3000\u200b', ['void', code, '--reason', ' \u3000\u200b ']],
    ] as const) {
      const r = await s.cli(args, { now });
      expect(r.code, `${args[0]} ${JSON.stringify(b)}: ${r.stderr}`).toBe(2);
      expect(r.stdout).not.toContain('13812345678');
    }
    expect(await s.ok(['audit', 'log', '--json'], { now })).toBe(before);
  });

  it('audit log and show name the OS user beside a declared operator; CSV has an osUser column; JSON keys unchanged', async () => {
    const code = await registerOk(s, {}, [], { now, env: { XINFANG_OPERATOR: '局长' } });
    const table = await s.ok(['audit', 'log'], { now });
    expect(table).toContain(`局长（OS 用户 ${os}）`);
    const md = await s.ok(['audit', 'log', '--format', 'md', '--lang', 'en'], { now });
    expect(md).toContain(`局长 (OS user ${os})`);
    const csv = (await s.ok(['audit', 'log', '--format', 'csv'], { now })).replace(/^\uFEFF/, '').split(/\r?\n/);
    const head = csv[0]!.split(',');
    expect(head.slice(0, 4)).toEqual(['seq', 'at', 'operator', 'osUser']);
    const last = csv[csv.length - 1]!.split(',');
    expect([last[2], last[3]]).toEqual(['局长', os]);
    const json = JSON.parse(await s.ok(['audit', 'log', '--json'], { now })) as Record<string, unknown>[];
    expect(json.at(-1)).toMatchObject({ operator: '局长', osUser: os });
    expect(await s.ok(['show', code], { now })).toContain(`局长（OS 用户 ${os}）`);
    const shown = JSON.parse(await s.ok(['show', code, '--json'], { now })) as { history: Record<string, unknown>[] };
    expect(Object.keys(shown.history[0]!).sort()).toEqual(['action', 'at', 'details', 'on', 'operator']);
    // The operator who is the OS user is shown once.
    await registerOk(s, {}, [], { now, env: { XINFANG_OPERATOR: os } });
    expect(await s.ok(['audit', 'log'], { now })).not.toContain(`${os}（OS 用户`);
  });
});
