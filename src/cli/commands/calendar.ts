// xinfang calendar [show YEAR | add --holiday D..D --workday D ... | import FILE]: the working-day
// calendar deadlines are counted on (SPEC 4): the package's years, and the office's own years from
// the State Council's notice, which take precedence.

import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { dayRuns, fallbackWarning, weekday, WEEKDAY_EN, WEEKDAY_ZH, type Coverage } from '../../domain/calendar.js';
import { daysBetween, localDate, yearOf } from '../../domain/dates.js';
import { say, usageError } from '../../domain/errors.js';
import type { CalendarChange, YearView } from '../../usecases/calendar.js';
import type { Factory } from '../factory.js';
import { t2 } from '../i18n.js';

const FILE_FORMAT_ZH = `
文件格式（calendar import）：每行一条，# 之后为注释；日期不含空格；区间用 ..
  # 国务院办公厅关于2027年部分节假日安排的通知
  holiday 2027-01-01..2027-01-03  元旦      （也可写“放假”）
  holiday 2027-02-05..2027-02-11  春节
  workday 2027-02-14              春节      （调休上班日，也可写“上班”或“补班”）
文件中出现的每一年都整体替换为文件中的安排。`;

const FILE_FORMAT_EN = `
File format (calendar import): one entry a line, # starts a comment; dates without spaces; ranges with ..
  # State Council notice on the 2027 holidays
  holiday 2027-01-01..2027-01-03  New Year   (also 放假)
  holiday 2027-02-05..2027-02-11  Spring Festival
  workday 2027-02-14              Spring Festival   (a make-up working day; also 上班 or 补班)
Every year in the file is replaced by the file's days.`;

const EXAMPLES_ZH = `
示例：
  xinfang calendar                    内置数据覆盖哪些年、本单位录入了哪些年
  xinfang calendar show 2016          2016 年的放假日和调休上班日及数据来源
  xinfang calendar add --holiday 2027-01-01..2027-01-03 --holiday 2027-02-05..2027-02-11 --workday 2027-02-14
                                      按国务院通知录入 2027 年（可多次追加；--replace 则整年重新录入）
  xinfang calendar import 2027.txt    从文件录入
${FILE_FORMAT_ZH}
没有数据的年份按周一至周五计算，并在计算时限时给出警告。`;

const EXAMPLES_EN = `
Examples:
  xinfang calendar                    which years the package covers and which the office entered
  xinfang calendar show 2016          the year's holidays and make-up working days, and their source
  xinfang calendar add --holiday 2027-01-01..2027-01-03 --holiday 2027-02-05..2027-02-11 --workday 2027-02-14
                                      enter 2027 from the State Council notice (adds; --replace starts the year afresh)
  xinfang calendar import 2027.txt    enter days from a file
${FILE_FORMAT_EN}
A year without data counts Monday to Friday as working days, with a warning when deadlines use it.`;

const collect = (value: string, previous: string[]) => [...previous, ...value.split(/[,，、]/).map((s) => s.trim()).filter((s) => s !== '')];

function coverageText(c: Coverage): ReturnType<typeof say> {
  switch (c) {
    case 'office': return say('本单位录入', 'entered by the office');
    case 'builtin': return say('内置数据（chinese-days）', 'built-in (chinese-days)');
    default: return say('无数据，按周一至周五计算', 'no data: Monday to Friday');
  }
}

/** Years as compact runs: 2004–2026、2028. */
function yearsText(years: readonly number[], f: Factory): string {
  if (years.length === 0) return t2(f, '无', 'none');
  const runs: [number, number][] = [];
  for (const y of years) {
    const last = runs[runs.length - 1];
    if (last && last[1] + 1 === y) last[1] = y;
    else runs.push([y, y]);
  }
  return runs.map(([a, b]) => (a === b ? String(a) : `${a}–${b}`)).join(t2(f, '、', ', '));
}

function renderYear(v: YearView, f: Factory): string {
  const lines: string[] = [];
  lines.push(t2(f, `${v.year} 年工作日安排（来源：${coverageText(v.coverage).zh}）`, `${v.year} working days (source: ${coverageText(v.coverage).en})`));
  if (v.coverage === 'none') {
    lines.push(t2(f, '没有放假和调休数据；工作日按周一至周五计算。', 'no holidays or make-up days: Monday to Friday are working days.'));
    return lines.join('\n') + '\n';
  }
  const day = (d: string) => `${d} ${t2(f, WEEKDAY_ZH[weekday(d)]!, WEEKDAY_EN[weekday(d)]!.slice(0, 3))}`;
  lines.push(t2(f, '放假：', 'Holidays:'));
  if (v.holidays.length === 0) lines.push('  ' + t2(f, '（无）', '(none)'));
  for (const [a, b] of dayRuns(v.holidays)) {
    const n = daysBetween(a, b) + 1;
    const span = a === b ? day(a) : `${day(a)} .. ${day(b)}`;
    lines.push(`  ${span}  ${t2(f, `${n} 天`, n === 1 ? '1 day' : `${n} days`)}${v.names[a] ? '  ' + v.names[a] : ''}`);
  }
  lines.push(t2(f, '调休上班：', 'Make-up working days:'));
  if (v.workdays.length === 0) lines.push('  ' + t2(f, '（无）', '(none)'));
  for (const d of v.workdays) lines.push(`  ${day(d)}${v.names[d] ? '  ' + v.names[d] : ''}`);
  return lines.join('\n') + '\n';
}

function reportChanges(changes: readonly CalendarChange[], f: Factory): void {
  for (const c of changes) {
    const counts = say(`放假 ${c.days.holidays.length} 天、调休上班 ${c.days.workdays.length} 天`, `${c.days.holidays.length} holiday(s), ${c.days.workdays.length} make-up working day(s)`);
    f.info(say(`已录入 ${c.year} 年：${counts.zh}`, `entered ${c.year}: ${counts.en}`));
    if (c.before === 'builtin') {
      f.info(say(`${c.year} 年今后以本单位录入的安排为准（不再使用内置数据）`, `${c.year} now follows the office's days (the built-in data is no longer used for it)`));
    }
  }
}

export function defineCalendar(program: Command, f: Factory): void {
  const calendar = program
    .command('calendar')
    .description(t2(f, '工作日日历：法定节假日与调休（用于计算时限）', 'the working-day calendar: statutory holidays and make-up days (for deadlines)'))
    .option('--json', t2(f, '以 JSON 输出', 'print as JSON'))
    .addHelpText('after', t2(f, EXAMPLES_ZH, EXAMPLES_EN))
    .action(async (opts: { json?: boolean }) => {
      const ctx = await f.context();
      const { calendarOverview } = await import('../../usecases/calendar.js');
      const o = await calendarOverview(ctx);
      if (opts.json) {
        f.io.stdout.write(JSON.stringify(o, null, 2) + '\n');
        return;
      }
      const thisYear = yearOf(localDate(f.now()));
      const covered = (y: number): Coverage => (o.office.includes(y) ? 'office' : o.builtin.includes(y) ? 'builtin' : 'none');
      const out = [
        t2(f, `内置数据（chinese-days）：${yearsText(o.builtin, f)}`, `built-in (chinese-days): ${yearsText(o.builtin, f)}`),
        t2(f, `本单位录入：${yearsText(o.office, f)}`, `entered by the office: ${yearsText(o.office, f)}`),
        ...[thisYear, thisYear + 1].map((y) => t2(f, `${y} 年：${coverageText(covered(y)).zh}`, `${y}: ${coverageText(covered(y)).en}`)),
      ];
      f.io.stdout.write(out.join('\n') + '\n');
      // This year without data always deserves a warning; next year's from November, when the
      // State Council's notice is due.
      const month = Number(localDate(f.now()).slice(5, 7));
      const missing = [thisYear, ...(month >= 11 ? [thisYear + 1] : [])].filter((y) => covered(y) === 'none');
      const w = fallbackWarning(missing);
      if (w) f.warn(w);
    });

  calendar
    .command('show')
    .description(t2(f, '显示一年的放假日、调休上班日及数据来源', "show a year's holidays, make-up working days and their source"))
    .argument('<year>', t2(f, '年份，如 2027', 'year, e.g. 2027'))
    .option('--json', t2(f, '以 JSON 输出', 'print as JSON'))
    .action(async (yearText: string, _o: unknown, cmd: Command) => {
      // `calendar` itself takes --json too and commander gives it to the parent: read both.
      const opts = cmd.optsWithGlobals<{ json?: boolean }>();
      const { readYear, showYear } = await import('../../usecases/calendar.js');
      const year = readYear(yearText);
      const ctx = await f.context();
      const v = await showYear(ctx, year);
      if (opts.json) f.io.stdout.write(JSON.stringify(v, null, 2) + '\n');
      else f.io.stdout.write(renderYear(v, f));
      const w = v.coverage === 'none' ? fallbackWarning([year]) : undefined;
      if (w) f.warn(w);
    });

  calendar
    .command('add')
    .description(t2(f, '录入本单位的放假日和调休上班日（按国务院办公厅通知；记入审计日志）', "enter the office's holidays and make-up working days (from the State Council notice; audited)"))
    .option('--holiday <days>', t2(f, '放假日或区间，如 2027-01-01..2027-01-03（可重复，或用逗号分隔）', 'a holiday or a range, e.g. 2027-01-01..2027-01-03 (repeatable, or comma-separated)'), collect, [])
    .option('--workday <day>', t2(f, '调休上班日（周六或周日；可重复）', 'a make-up working day (a Saturday or Sunday; repeatable)'), collect, [])
    .option('--replace', t2(f, '整年重新录入（不保留该年原有安排）', 'start the year afresh (drop its current days)'))
    .option('--json', t2(f, '以 JSON 输出录入结果', 'print the result as JSON'))
    .addHelpText('after', t2(f, EXAMPLES_ZH, EXAMPLES_EN))
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<{ holiday: string[]; workday: string[]; replace?: boolean; json?: boolean }>();
      const ctx = await f.context();
      const { addCalendarDays } = await import('../../usecases/calendar.js');
      const changes = await addCalendarDays(ctx, { holidays: opts.holiday, workdays: opts.workday, replace: opts.replace === true });
      if (opts.json) f.io.stdout.write(JSON.stringify(changes.map((c) => ({ year: c.year, ...c.days })), null, 2) + '\n');
      reportChanges(changes, f);
    });

  calendar
    .command('import')
    .description(t2(f, '从文件录入放假日和调休上班日（文件中的年份整体替换；记入审计日志）', 'enter holidays and make-up working days from a file (each year in it is replaced; audited)'))
    .argument('<file>', t2(f, '文件（UTF-8），- 为标准输入', 'file (UTF-8), - for standard input'))
    .option('--json', t2(f, '以 JSON 输出录入结果', 'print the result as JSON'))
    .addHelpText('after', t2(f, FILE_FORMAT_ZH, FILE_FORMAT_EN))
    .action(async (file: string, _o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<{ json?: boolean }>();
      const text = file === '-' ? await readAll(f.io.stdin) : readText(file);
      const ctx = await f.context();
      const { importCalendar } = await import('../../usecases/calendar.js');
      const changes = await importCalendar(ctx, text, file === '-' ? t2(f, '标准输入', 'standard input') : file);
      if (opts.json) f.io.stdout.write(JSON.stringify(changes.map((c) => ({ year: c.year, ...c.days })), null, 2) + '\n');
      reportChanges(changes, f);
    });
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? say('文件不存在', 'no such file') : code === 'EISDIR' ? say('这是文件夹', 'it is a folder') : code === 'EACCES' ? say('没有读取权限', 'permission denied') : say(String(code ?? e), String(code ?? e));
    throw usageError(say(`无法读取 ${file}：${why.zh}`, `cannot read ${file}: ${why.en}`));
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}
