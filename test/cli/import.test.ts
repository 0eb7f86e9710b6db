// The importer in-process on every engine: encodings, idempotence, conflicts, all-or-nothing,
// --skip-invalid, --dry-run, --map, standard input and bad input. Files large enough for the parsing
// worker (which loads the built dist/ JavaScript), kill -9 and real pipes stay in
// test/e2e/import.test.ts on the built binary.
import { readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';

const HEADER = '来文编号,转办机关,收件日期,信访形式,反映人,联系电话,身份证号,被反映人,被反映人单位,职级,问题类别,内容摘要,备注';
const ROWS = [
  '甘纪转〔2016〕1号,甘肃省纪委监委,2016-01-05,来信,王小明,13812345678,11010519491231002X,张三,某镇人民政府,乡科级,违反群众纪律,反映张三在低保评定中优亲厚友,',
  '甘纪转〔2016〕2号,甘肃省纪委监委,2016/2/3,来访,,,,李四,某县交通运输局,县处级,涉嫌职务违法,"反映李四违规发包工程,收受""好处费""\r\n第二点：公车私用",加急',
  '兰纪转〔2016〕7号,兰州市纪委监委,2016.3.9,网络举报,赵六,,,王五,某村委会,村(社区)干部,违反廉洁纪律,反映村支书侵占集体资金,',
  '兰纪转〔2016〕8号,兰州市纪委监委,2016年4月1日,来电,孙七,13900001111,,钱八,某乡卫生院,事业单位人员,违反工作纪律,反映卫生院院长吃空饷,',
];

function csv(rows: string[], header = HEADER): string {
  return [header, ...rows].join('\r\n') + '\r\n';
}

describe.each(testRegistries)('import on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  function write(name: string, text: string, encoding: 'utf-8-bom' | 'utf-8' | 'gb18030' = 'utf-8'): string {
    const path = join(s.dir, name);
    const bytes = encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from((encoding === 'utf-8-bom' ? '\uFEFF' : '') + text, 'utf8');
    writeFileSync(path, bytes);
    return path;
  }
  async function items(): Promise<Array<Record<string, any>>> {
    return JSON.parse((await s.cli(['list', '--json'])).stdout);
  }
  async function auditCount(): Promise<number> {
    return JSON.parse((await s.cli(['audit', 'log', '--json'])).stdout).length;
  }

    it.each(['gb18030', 'utf-8-bom', 'utf-8'] as const)('imports a %s file with quoted newlines and mixed dates', async (enc) => {
      const file = write('forwarded.csv', csv(ROWS), enc);
      const r = await s.cli(['import', file, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const summary = JSON.parse(r.stdout);
      expect(summary).toMatchObject({
        encoding: enc === 'gb18030' ? 'gb18030' : 'utf-8', rows: 4, imported: 4, alreadyPresent: 0, conflicts: 0, rejected: 0,
        unknownColumns: ['备注'], committed: true, firstCode: '2016-0001', lastCode: '2016-0004',
      });
      const list = await items();
      expect(list.map((i) => i.received)).toEqual(['2016-01-05', '2016-02-03', '2016-03-09', '2016-04-01']);
      expect(list[1]).toMatchObject({
        source: 'superior-forwarded', forwardedBy: '甘肃省纪委监委', ref: '甘纪转〔2016〕2号', channel: 'visit',
        summary: '反映李四违规发包工程,收受"好处费"\r\n第二点：公车私用', realName: false, reporterName: null,
        accusedName: '李四', accusedRank: '县处级', extra: { 备注: '加急' },
      });
      expect(list[0]).toMatchObject({ realName: true, reporterName: '王*' });
      // A name alone is not real-name (SPEC 7: a name plus a phone or address).
      expect(list[2]).toMatchObject({ realName: false, reporterName: '赵*' });
      expect((await s.cli(['reveal', '2016-0001', '--reason', '核对', '--json'])).stdout).toContain('13812345678');
    });

    it('changes nothing when the same file comes again', async () => {
      const file = write('forwarded.csv', csv(ROWS), 'gb18030');
      expect((await s.cli(['import', file])).code).toBe(0);
      const before = await items();
      const audits = await auditCount();
      const r = await s.cli(['import', file, '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ rows: 4, imported: 0, alreadyPresent: 4, conflicts: 0, committed: true });
      expect(await items()).toEqual(before);
      // No item changes; the run itself is audited (it answered whether each row is registered, SPEC 5).
      expect(await auditCount()).toBe(audits + 1);
    });

    it('an item with the office\'s own reference number and no forwarding organ is found by its content on re-import', async () => {
      const file = write('own.csv', csv(['信-7,2016-05-01,本级受理,来信,反映某村干部优亲厚友', '信-8,2016-05-02,本级受理,来信,反映某站长吃拿卡要'], '来文编号,收件日期,来源,信访形式,内容摘要'));
      expect((await s.cli(['import', file])).code).toBe(0);
      const r = await s.cli(['import', file, '--json']);
      expect(JSON.parse(r.stdout)).toMatchObject({ rows: 2, imported: 0, alreadyPresent: 2 });
      expect(await items()).toHaveLength(2);
    });

    it('reports a conflict for the same reference with other content, and never overwrites', async () => {
      const file = write('a.csv', csv(ROWS));
      expect((await s.cli(['import', file])).code).toBe(0);
      const changed = ROWS[0]!.replace('优亲厚友', '优亲厚友，另有新情况');
      const r = await s.cli(['import', write('b.csv', csv([changed, ROWS[1]!]))]);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('第 2 行');
      expect(r.stderr).toContain('已登记为 2016-0001');
      expect(r.stderr).toContain('冲突 1 件');
      expect((await items())[0]!.summary).toBe('反映张三在低保评定中优亲厚友');
    });

    it('rejects the whole file for one bad row, names every problem, and writes nothing', async () => {
      const bad = [
        ROWS[0]!,
        ROWS[1]!.replace('2016/2/3', '2016-02-30'),
        ROWS[2]!.replace('网络举报', '飞鸽传书'),
        ROWS[3]!,
      ];
      const rejects = join(s.dir, 'rejects.csv');
      const r = await s.cli(['import', write('bad.csv', csv(bad)), '--rejects', rejects]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('第 3 行，“收件日期”列：“2016-02-30”：日期不存在');
      expect(r.stderr).toContain('第 5 行，“信访形式”列：“飞鸽传书”：无法识别的信访形式');
      expect(r.stderr).toContain('整个文件未导入');
      expect(await items()).toEqual([]);
      expect(await auditCount()).toBe(1);
      const rej = readFileSync(rejects, 'utf8');
      expect(rej.startsWith('\uFEFF')).toBe(true);
      expect(rej).toContain('日期不存在');
      expect(rej.split('\r\n').filter((l) => l.startsWith('甘纪转') || l.startsWith('兰纪转'))).toHaveLength(2);
      const en = await s.cli(['import', write('bad.csv', csv(bad)), '--lang', 'en']);
      expect(en.stderr).toContain('line 3, column 收件日期: value "2016-02-30": no such date');
    });

    it('with --skip-invalid imports the valid rows and writes the rest to the rejects file', async () => {
      const bad = [ROWS[0]!, ROWS[1]!.replace('2016/2/3', ''), ROWS[2]!];
      const rejects = join(s.dir, 'rej.csv');
      const r = await s.cli(['import', write('bad.csv', csv(bad)), '--skip-invalid', '--rejects', rejects, '--json']);
      expect(r.code).toBe(2);
      expect(JSON.parse(r.stdout)).toMatchObject({ rows: 3, imported: 2, rejected: 1, committed: true });
      expect((await items()).map((i) => i.ref)).toEqual(['甘纪转〔2016〕1号', '兰纪转〔2016〕7号']);
      expect(readFileSync(rejects, 'utf8')).toContain('缺少收件日期');
      expect((await s.cli(['audit', 'verify'])).code).toBe(0);
    });

    it('--dry-run checks everything and writes nothing', async () => {
      const r = await s.cli(['import', write('a.csv', csv(ROWS)), '--dry-run', '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ rows: 4, imported: 0, wouldImport: 4, firstCode: null, lastCode: null, dryRun: true, committed: false }); // SPEC 7
      expect(await items()).toEqual([]);
    });

    it('--map names a column the importer does not know; --forwarded-by and --source fill what the file lacks', async () => {
      const text = csv(['2016-05-06,本级受理,反映某局长公款吃喝,13812345678'], '举报时间,来源,主要内容,手机');
      const r = await s.cli(['import', write('m.csv', text), '--map', '举报时间=received', '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect((await items())[0]).toMatchObject({ received: '2016-05-06', source: 'own', summary: '反映某局长公款吃喝', extra: {} });
      const noOrgan = write('n.csv', csv(['2016-05-07,反映问题'], '收件日期,内容摘要'));
      const refused = await s.cli(['import', noOrgan]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('没有转办机关列');
      expect((await s.cli(['import', noOrgan, '--forwarded-by', '甘肃省纪委监委'])).code).toBe(0);
      expect((await items())[1]).toMatchObject({ forwardedBy: '甘肃省纪委监委', source: 'superior-forwarded', channel: 'other' });
      expect((await s.cli(['import', noOrgan, '--map', 'nonsense'])).code).toBe(2);
    });

    it('reads standard input', async () => {
      const r = await s.cli(['import', '-'], { stdin: iconv.encode(csv(ROWS), 'gb18030') });
      expect(r.code, r.stderr).toBe(0);
      expect(await items()).toHaveLength(4);
    });

    describe('bad input', () => {
      it.each([
        ['binary garbage', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))],
        ['an empty file', Buffer.alloc(0)],
        ['a truncated last line', Buffer.from(csv(ROWS).replace(/,加急\r\n[\s\S]*$/, ',"加急'), 'utf8')],
      ])('%s: exit 2 with the reason, nothing written', async (_name, bytes) => {
        const path = join(s.dir, 'x.csv');
        writeFileSync(path, bytes);
        const r = await s.cli(['import', path]);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/^错误：/m);
        expect(r.stderr).not.toMatch(/\n\s+at /);
        expect(await items()).toEqual([]);
      });

      it('a header row only imports nothing and says so', async () => {
        const r = await s.cli(['import', write('h.csv', HEADER + '\r\n'), '--json']);
        expect(r.code).toBe(0);
        expect(JSON.parse(r.stdout)).toMatchObject({ rows: 0, imported: 0 });
      });

      it('rows of bare delimiters, as Excel leaves below the data, are skipped', async () => {
        const r = await s.cli(['import', write('blank.csv', csv([ROWS[0]!, ',,,,,,,,,,,,', ' , ,,,,,,,,,,,']), 'gb18030'), '--json']);
        expect(r.code, r.stderr).toBe(0);
        expect(JSON.parse(r.stdout)).toMatchObject({ rows: 1, imported: 1, rejected: 0 });
      });

      it('a semicolon-separated file is read by its header', async () => {
        const text = csv(ROWS.slice(0, 1).map((r) => r.replace(/,/g, ';')), HEADER.replace(/,/g, ';'));
        const r = await s.cli(['import', write('semi.csv', text), '--json']);
        expect(r.code, r.stderr).toBe(0);
        expect(JSON.parse(r.stdout)).toMatchObject({ delimiter: ';', imported: 1 });
      });

      it('rows with too many or too few fields are named', async () => {
        const r = await s.cli(['import', write('w.csv', csv([ROWS[0]!, '甘纪转〔2016〕9号,甘肃省纪委监委,2016-01-05', ROWS[2]! + ',多余,字段']))]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('第 3 行：有 3 个字段，表头有 13 列');
        expect(r.stderr).toContain('第 4 行：有 15 个字段，表头有 13 列');
        expect(await items()).toEqual([]);
      });

      it('two columns for one field must be told apart with --map; repeated unknown headers are kept apart', async () => {
        const dup = csv(['2016-01-01,2016-01-02,反映问题,甘肃省纪委监委,a,b'], '收件日期,受理日期,内容摘要,转办机关,备注,备注');
        const r = await s.cli(['import', write('d.csv', dup)]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('都对应收件日期');
        const ok = await s.cli(['import', write('d.csv', dup), '--map', '受理日期=extra-date'.replace('extra-date', 'received'), '--map', '收件日期=ref']);
        expect(ok.code, ok.stderr).toBe(0);
        expect((await items())[0]).toMatchObject({ received: '2016-01-02', ref: '2016-01-01', extra: { 备注: 'a', '备注(2)': 'b' } });
      });

      it('a file in GB18030 forced as UTF-8 is refused with a hint', async () => {
        const r = await s.cli(['import', write('g.csv', csv(ROWS), 'gb18030'), '--encoding', 'utf-8']);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('gb18030');
        expect(await items()).toEqual([]);
      });

      it('a missing file or an unknown encoding is a usage error', async () => {
        expect((await s.cli(['import', join(s.dir, 'nope.csv')])).code).toBe(2);
        expect((await s.cli(['import', write('a.csv', csv(ROWS)), '--encoding', 'latin1'])).code).toBe(2);
      });

      it.each([
      ['a bad --map', ['--map', 'nonsense'], csv(ROWS)],
      ['binary garbage', [], Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))],
      ['a bad row', [], csv([ROWS[0]!.replace('2016-01-05', '2016-02-30')])],
    ] as const)('%s refused leaves the file closed (one process runs many commands)', async (_name, flags, content) => {
      const path = join(s.dir, 'closed.csv');
      writeFileSync(path, content);
      const r = await s.cli(['import', path, ...flags]);
      expect(r.code).toBe(2);
      await new Promise((res) => setTimeout(res, 50));
      // Linux: every descriptor this process holds, by what it points at.
      const open = readdirSync('/proc/self/fd').filter((fd) => { try { return readlinkSync(`/proc/self/fd/${fd}`) === path; } catch { return false; } });
      expect(open).toEqual([]);
    });

    it('an ID number with a bad check digit is a warning; the row is imported', async () => {
        const r = await s.cli(['import', write('id.csv', csv([ROWS[0]!.replace('11010519491231002X', '110105194912310021')]))]);
        expect(r.code).toBe(0);
        expect(r.stderr).toContain('校验位');
        expect(await items()).toHaveLength(1);
      });
    });
});
