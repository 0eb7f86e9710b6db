// No unaudited reporter oracle (issue 8 item 2; SPEC 5): --search is text only, a reporter look-up
// needs a reason and is audited with its match count, and a dry run never counts candidates found
// through a reporter's keyed hash.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';

const PHONE = '13912340003';
const REGISTER = ['register', '--source', '本级受理', '--channel', '来信', '--summary', '反映某局干部收受礼金', '--received', '2016-06-21',
  '--reporter-name', '王小明', '--reporter-phone', PHONE, '--reporter-id', '11010519491231002X'];

describe.each(testRegistries)('reporter look-ups on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });
  const auditActions = async () => (JSON.parse(await s.ok(['audit', 'log', '--json'])) as { action: string; details: Record<string, unknown> }[]);

  it('--search with a phone or ID number is refused with a hint to --reporter, and says nothing of the registry', async () => {
    await s.ok(REGISTER);
    for (const term of [PHONE, '139 1234 0003', '139-1234-0003', '１３９１２３４０００３', '11010519491231002X', '0931-8123456']) {
      const r = await s.cli(['list', '--search', term, '--json']);
      expect(r.code, term).toBe(2);
      expect(r.stderr).toContain('--reporter');
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toContain(PHONE);
      expect(r.stderr.replace(/[\s-]/g, ''), term).not.toMatch(/1391234|１３９１２３４/);
    }
    // Text still searches text.
    expect((JSON.parse(await s.ok(['list', '--search', '礼金', '--json'])) as unknown[]).length).toBe(1);
  });

  it('--reporter needs --reason; the look-up is audited with a masked value and its match count, zero included', async () => {
    await s.ok(REGISTER);
    const noReason = await s.cli(['list', '--reporter', PHONE]);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('--reason');
    const before = (await auditActions()).length;
    const hit = JSON.parse(await s.ok(['list', '--reporter', '139-1234-0003', '--reason', '核查重复举报', '--json'])) as { code: string; reporterPhone: string }[];
    expect(hit.map((i) => i.code)).toEqual(['2016-0001']);
    expect(hit[0]!.reporterPhone).toBe('139****0003');
    const miss = JSON.parse(await s.ok(['list', '--reporter', '13912340004', '--reason', '核查', '--json'])) as unknown[];
    expect(miss).toEqual([]);
    const byId = JSON.parse(await s.ok(['list', '--reporter', '11010519491231002x', '--reason', '核查', '--json'])) as unknown[];
    expect(byId.length).toBe(1);
    const byName = JSON.parse(await s.ok(['list', '--reporter', '王 小明', '--reason', '核查', '--json'])) as unknown[];
    expect(byName.length).toBe(1);
    const log = await auditActions();
    const lookups = log.slice(before).filter((e) => e.action === 'reporter-lookup');
    expect(lookups.map((e) => [e.details.field, e.details.matches, e.details.reason])).toEqual([
      ['phone', 1, '核查重复举报'], ['phone', 0, '核查'], ['idNumber', 1, '核查'], ['name', 1, '核查'],
    ]);
    expect(JSON.stringify(log)).not.toContain('13912340004');
    expect(JSON.stringify(log)).not.toContain(PHONE);
  });

  it('a dry run (or a refused file) never counts candidates found through a reporter hash, and names no codes', async () => {
    await s.ok(REGISTER);
    const csv = join(s.dir, 'probe.csv');
    writeFileSync(csv, `来文编号,转办机关,收件日期,内容摘要,反映人,联系电话\n甘纪转〔2016〕99号,甘肃省纪委监委,2016-06-22,试探,某人,${PHONE}\n`);
    const before = (await auditActions()).length;
    const r = await s.cli(['import', csv, '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({ imported: 0, wouldImport: 1, firstCode: null, lastCode: null, possibleDuplicates: null, committed: false });
    const text = await s.cli(['import', csv, '--dry-run']);
    expect(text.stderr).not.toContain('疑似重复');
    expect(text.stderr).toContain('将新登记 1 件');
    expect((await auditActions()).length).toBe(before);
    // The real import is audited, and may count it.
    const real = JSON.parse(await s.ok(['import', csv, '--json'])) as Record<string, unknown>;
    expect(real).toMatchObject({ imported: 1, possibleDuplicates: 1, wouldImport: null });
  });

  it('a dry run does not tell a registered reference with the same reporter from one with another (same vs conflict)', async () => {
    const csv = join(s.dir, 'probe.csv');
    writeFileSync(csv, `来文编号,转办机关,收件日期,内容摘要,反映人,联系电话\n甘纪转〔2016〕99号,甘肃省纪委监委,2016-06-22,试探,某人,${PHONE}\n`);
    // A row whose reference is registered: same or conflict depends on the reporter, so an uncommitted run does not tell.
    const known = join(s.dir, 'known.csv');
    await s.ok(['import', csv]);
    for (const phone of [PHONE, '13912340005']) {
      writeFileSync(known, `来文编号,转办机关,收件日期,内容摘要,反映人,联系电话\n甘纪转〔2016〕99号,甘肃省纪委监委,2016-06-22,试探,某人,${phone}\n`);
      const dry = await s.cli(['import', known, '--dry-run', '--json']);
      expect(JSON.parse(dry.stdout)).toMatchObject({ alreadyPresent: 1, conflicts: 0, wouldImport: 0 });
      expect(dry.stderr).not.toContain('冲突');
    }
    const conflicting = await s.cli(['import', known, '--json']);
    expect(JSON.parse(conflicting.stdout)).toMatchObject({ alreadyPresent: 0, conflicts: 1 });
    expect(conflicting.stderr).toContain('冲突');
  });

  it('a dry run does not tell whether a row without a reference, its reporter guessed, is registered; the import itself is audited (found by a review)', async () => {
    await s.ok(REGISTER);
    const probe = join(s.dir, 'probe.csv');
    const row = (phone: string) => `来文编号,转办机关,收件日期,信访形式,来源,内容摘要,反映人,联系电话,身份证号\n,,2016-06-21,来信,本级受理,反映某局干部收受礼金,王小明,${phone},11010519491231002X\n`;
    for (const phone of [PHONE, '13912340005']) {
      writeFileSync(probe, row(phone));
      const dry = JSON.parse(await s.ok(['import', probe, '--dry-run', '--json'])) as Record<string, unknown>;
      expect(dry, phone).toMatchObject({ alreadyPresent: 0, wouldImport: 1 });
    }
    // The same file twice within one dry run: the second row is a repeat of the first, present.
    writeFileSync(probe, row('13912340005') + row('13912340005').split('\n')[1] + '\n');
    expect(JSON.parse(await s.ok(['import', probe, '--dry-run', '--json']))).toMatchObject({ alreadyPresent: 1, wouldImport: 1 });
    // A committed import that finds its only row present writes nothing, and is still audited.
    writeFileSync(probe, row(PHONE));
    const before = (await auditActions()).length;
    expect(JSON.parse(await s.ok(['import', probe, '--json']))).toMatchObject({ imported: 0, alreadyPresent: 1 });
    const log = await auditActions();
    expect(log.length).toBe(before + 1);
    expect(log.at(-1)).toMatchObject({ action: 'import', details: { imported: 0, alreadyPresent: 1 } });
  });

  it('a registration shown as sharing a reporter with earlier items says so in its audit entry (found by a review)', async () => {
    const first = await s.ok(REGISTER);
    const second = await s.cli(REGISTER.map((a) => (a === '反映某局干部收受礼金' ? '再次反映收受礼金' : a)));
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain('反映人相同');
    const log = await auditActions();
    expect(log.filter((e) => e.action === 'register').map((e) => e.details.sameReporterAs)).toEqual([undefined, [first]]);
    expect(await s.ok(['audit', 'log'])).toContain(`提示反映人与 ${first} 相同`);
  });
});
