// show's history and audit log's table and Markdown in the clerk's language (issue 12): actions by
// their labels, details as short phrases with coded values by their labels, reporter values masked;
// JSON and CSV keep the codes and the raw details.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditActionLabel, auditDetailsText } from '../../src/cli/render/history.js';
import { RECORD_ACTIONS, EVENT_KINDS } from '../../src/domain/vocabulary.js';
import { cliSandbox, registerOk, testRegistries, type CliSandbox } from '../support/cli.js';

const now = () => new Date('2016-07-01T10:00:00+08:00');

/** Codes and internals that must not show in a view written for people. */
const INTERNALS = [/source=/, /\{"/, /\bown\b/, /superior-forwarded/, /\bconfig\b/, /\bcalendar\b/, /reporter-lookup/, /\bbackup\b/,
  /\bregister\b/, /\bimport\b/, /\bverify\b/, /\bduplicate\b/, /scope-out/, /out-of-scope/, /\bdispose\b/, /\bconclude\b/, /unsubstantiated/,
  /\bamend\b/, /\bvisit\b/, /\bphone\b/, /idNumber/, /=/];

describe.each(testRegistries)('history and audit log for people on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });
  const ok = (args: string[]) => s.ok(args, { now });

  /** A registry with one of each kind of entry a clerk's commands write. */
  async function busyRegistry(): Promise<void> {
    writeFileSync(join(s.dir, 'cases.csv'),
      '来文编号,转办机关,收件日期,信访形式,被反映人,被反映人单位,内容摘要\n' +
      '甘纪转〔2016〕1号,甘肃省纪委监委,2016-06-03,来信,张某,某县某局,反映张某收受礼金\n' +
      '甘纪转〔2016〕2号,甘肃省纪委监委,2016-06-04,来信,李某,某县某局,反映李某违规吃喝\n');
    await ok(['import', join(s.dir, 'cases.csv')]); // 2016-0001, 2016-0002
    await registerOk(s, { 'reporter-name': '王小明', 'reporter-phone': '13812345678', received: '2016-06-05' }, [], { now }); // 2016-0003
    await registerOk(s, { summary: '反映张某收受礼金一事', received: '2016-06-06' }, [], { now }); // 2016-0004
    await ok(['dup', 'mark', '2016-0004', '--of', '2016-0001', '--on', '2016-06-10']);
    await ok(['scope', 'out', '2016-0002', '--refer-to', '县信访局', '--reason', '不属于纪检监察范围', '--on', '2016-06-10']);
    await ok(['dispose', '2016-0003', '--as', 'verify', '--on', '2016-06-12']);
    await ok(['conclude', '2016-0003', '--result', 'unsubstantiated', '--on', '2016-06-28']);
    await ok(['amend', '2016-0003', '--channel', '来访', '--reason', '录错']);
    await ok(['reveal', '2016-0003', '--reason', '核实身份']);
    await ok(['list', '--reporter', '13812345678', '--reason', '核查重复举报', '--json']);
    await ok(['config', 'set', 'deadline.accept', '7']);
    await ok(['calendar', 'add', '--holiday', '2027-01-01..2027-01-03']);
    await ok(['activity', 'add', '--kind', 'visit', '--on', '2016-06-15', '--count', '2']);
    if (s.engine === 'sqlite') await ok(['backup', join(s.dir, 'copy.db')]);
  }

  it('show: the history speaks the clerk\'s language (labels, phrases, no codes or JSON)', async () => {
    await busyRegistry();
    const out = await ok(['show', '2016-0003']);
    const history = out.slice(out.indexOf('经过：'));
    expect(history).toContain('来源：本级受理');
    expect(history).toContain('初步核实');
    expect(history).toContain('不属实');
    expect(history).toContain('信访形式：来信 → 来访');
    expect(history).toContain('查看反映人身份');
    expect(history).toContain('理由：核实身份');
    for (const code of INTERNALS) expect(history).not.toMatch(code);
    const imported = await ok(['show', '2016-0002']);
    const h2 = imported.slice(imported.indexOf('经过：'));
    expect(h2).toContain('导入');
    expect(h2).toContain('不予受理');
    expect(h2).toContain('业务范围外，转 县信访局');
    for (const code of INTERNALS) expect(h2).not.toMatch(code);
    expect(await ok(['show', '2016-0004'])).toContain('认定重复件');
  });

  it('audit log as a table and as Markdown: every action by its label, details as phrases, the reporter masked', async () => {
    await busyRegistry();
    for (const format of ['table', 'md']) {
      const out = await ok(['audit', 'log', '--format', format]);
      const body = out.slice(out.indexOf('\n') + 1); // below the header row
      for (const label of ['建立或升级登记库', '导入', '登记', '认定重复件', '不予受理', '处置', '办结', '更正', '查看反映人身份', '按反映人查找', '修改设置', '维护工作日历', '下访与调研']) {
        expect(body, `${format}: ${label}`).toContain(label);
      }
      expect(body).toContain(`文件：${join(s.dir, 'cases.csv')}（UTF-8，2 行），新登记 2 件（2016-0001 至 2016-0002）`);
      expect(body).toContain('新登记 2 件');
      expect(body).toContain('按联系电话 138****5678 查找，匹配 1 件');
      expect(body).toContain('deadline.accept：5 → 7 个工作日');
      expect(body).toContain('2027 年：放假 3 天，调休上班 0 天；命令添加');
      expect(body).toContain('下访/实地走访 2 次');
      if (s.engine === 'sqlite') expect(body).toContain('备份到 ');
      expect(out).not.toContain('13812345678');
      expect(out).not.toContain('王小明');
      for (const code of INTERNALS.filter((c) => String(c) !== '/=/')) expect(body, `${format}: ${String(code)}`).not.toMatch(code);
    }
    const en = await ok(['--lang', 'en', 'audit', 'log']);
    expect(en).toContain('setting changed');
    expect(en).toContain('source: received directly');
    expect(en).not.toContain('13812345678');
  });

  it('audit log --json and CSV keep the codes and the raw details', async () => {
    await busyRegistry();
    const log = JSON.parse(await ok(['audit', 'log', '--json'])) as { action: string; details: Record<string, unknown> }[];
    expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(['init', 'import', 'register', 'duplicate', 'scope-out', 'dispose', 'conclude', 'amend', 'reveal', 'reporter-lookup', 'config', 'calendar', 'activity']));
    expect(log.find((e) => e.action === 'register')!.details).toEqual({ source: 'own', wrote: { items: [[3, 3]], intakes: [[2, 2]], digest: expect.stringMatching(/^[0-9a-f]{16}$/) } });
    expect(log.find((e) => e.action === 'config')!.details).toEqual({ key: 'deadline.accept', from: 5, to: 7 });
    expect(log.find((e) => e.action === 'dispose')!.details).toMatchObject({ disposal: 'verify' });
    const csv = await ok(['audit', 'log', '--format', 'csv', '--raw']);
    expect(csv).toContain(',register,');
    expect(csv).toContain('{""source"":""own"",""wrote"":{""items"":[[3,3]],""intakes"":[[2,2]],""digest"":""');
  });
});

describe('audit entries written by init, migrate-to and other versions', () => {
  it('every action the store writes has a label in both languages', () => {
    for (const t of [...RECORD_ACTIONS, ...EVENT_KINDS]) {
      expect(auditActionLabel(t.code, 'zh')).toBe(t.zh);
      expect(auditActionLabel(t.code, 'en')).toBe(t.en);
    }
  });

  it('re-keying, copying in, init and import read as phrases', () => {
    expect(auditDetailsText('audit-rekey', { entries: 42, legacyHead: '42:abcd' }, 'zh')).toBe('旧版无密钥哈希链的 42 条记录改用密钥重新链接；旧链头 42:abcd');
    expect(auditDetailsText('migrate-in', { from: '/srv/x.db', rows: { items: 10, events: 5 } }, 'zh')).toBe('从 /srv/x.db 复制，共 15 行');
    expect(auditDetailsText('init', { migrations: ['001', '002'], keyCreated: true }, 'zh')).toBe('数据库结构升级 2 步；生成新密钥');
    expect(auditDetailsText('import', { file: 'cases.csv', encoding: 'gb18030', rows: 125, imported: 120, alreadyPresent: 3, conflicts: 0, rejected: 2, firstCode: '2016-0001', lastCode: '2016-0120' }, 'zh'))
      .toBe('文件：cases.csv（GB18030，125 行），新登记 120 件（2016-0001 至 2016-0120），已有 3 件，拒收 2 行');
    expect(auditDetailsText('calendar', { year: 2027, via: 'import', file: 'cal.txt', holidays: ['2027-01-01'], workdays: [] }, 'zh')).toBe('2027 年：放假 1 天，调休上班 0 天；由 cal.txt 导入');
  });

  it('a reporter value kept plain by some earlier version is masked; unknown actions drop reporter fields', () => {
    expect(auditDetailsText('reporter-lookup', { field: 'phone', value: '13812345678', reason: '核查', matches: 0 }, 'zh')).toBe('按联系电话 138****5678 查找，匹配 0 件；理由：核查');
    const other = auditDetailsText('future-thing', { reporterPhone: '13812345678', count: 3 }, 'zh');
    expect(other).toBe('count：3');
  });

  it('a decision entry without its event reads from the payload in the details', () => {
    expect(auditDetailsText('dispose', { event: 7, disposal: 'verify' }, 'zh')).toBe('初步核实');
    expect(auditDetailsText('scope-out', { event: 8, scope: 'no-substance', referTo: null, reason: '无具体人和事' }, 'zh')).toBe('无实质内容；理由：无具体人和事');
    expect(auditDetailsText('amend', { event: 9, changes: [{ field: 'source', from: 'own', to: 'judicial' }], reason: '录错' }, 'zh')).toBe('来源：本级受理 → 公检法移交；理由：录错');
  });
});
