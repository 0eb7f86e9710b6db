// xinfang report (SPEC 6.1): parse the options, ask the report use case for the one report value,
// hand it to the renderer of the chosen format (render/report), write it to stdout or --output.

import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { say, usageError } from '../../domain/errors.js';
import { PERIOD_FORMS, PERIOD_FORMS_EN } from '../../domain/periods.js';
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension, type CompareKind } from '../../domain/report.js';
import type { Factory } from '../factory.js';
import { t2 } from '../i18n.js';
import { dateOption } from '../options.js';
import { emitDocument, resolveFormat, type OutputOptions } from '../render/output.js';
import { REPORT_EXTENSIONS, REPORT_FORMATS, type ReportFormat } from '../render/report/index.js';
import { terminalWidth } from '../render/table.js';
import { examplesHelp } from './decision.js';

interface ReportOptions extends OutputOptions {
  period?: string; from?: string; to?: string; asOf?: string; asKnownAt?: string; compare?: string; by?: string;
}

const COMPARE = ['yoy', 'mom', 'none'] as const;

function compareOption(value: string | undefined): CompareKind | null {
  const v = (value ?? 'yoy').trim().toLowerCase();
  if (v === 'yoy' || v === '同比') return 'yoy';
  if (v === 'mom' || v === '环比') return 'mom';
  if (v === 'none' || v === '无' || v === '不比较') return null;
  throw usageError(say(`--compare “${value}”：无法识别（可用：yoy 同比、mom 环比、none 不比较）`, `--compare "${value}": unknown comparison (accepted: ${COMPARE.join(', ')})`));
}

/** The dimensions in the clerk's words (the headings of the report's tables), as --compare takes 同比. */
const BY_ZH: Record<string, BreakdownDimension> = {
  来源: 'source', 信访来源: 'source', 形式: 'channel', 信访形式: 'channel', 类型: 'kind', 信访类型: 'kind',
  类别: 'category', 问题类别: 'category', 职级: 'rank', 单位: 'unit', 被反映单位: 'unit', 承办部门: 'office', 承办: 'office',
  处置: 'disposal', 处置方式: 'disposal', 月份: 'month', 按月: 'month', 重复信访: 'repeat', 重复: 'repeat',
};

function byOption(value: string | undefined): BreakdownDimension | null {
  if (value === undefined) return null;
  const v = value.trim().toLowerCase();
  if ((BREAKDOWN_DIMENSIONS as readonly string[]).includes(v)) return v as BreakdownDimension;
  const zh = BY_ZH[v];
  if (zh) return zh;
  const both = BREAKDOWN_DIMENSIONS.map((d) => `${d} ${Object.keys(BY_ZH).find((k) => BY_ZH[k] === d)}`);
  throw usageError(say(`--by “${value}”：无法识别（可用：${both.join('、')}）`, `--by "${value}": unknown dimension (accepted: ${BREAKDOWN_DIMENSIONS.join(', ')})`));
}

/**
 * `--format` (or `--json`) and an `--output` file whose extension means another format are refused
 * (usage error, exit 2, naming both) rather than writing, say, JSON into `r.csv` (SPEC 6: the
 * format is inferred from the extension when not given). A `.txt` file takes the terminal table as
 * well as the bulletin text; an extension that means no format is left to the flag.
 */
function refuseFormatAgainstExtension(opts: ReportOptions, format: ReportFormat): void {
  if (opts.output === undefined || opts.output === '-' || (opts.format === undefined && !opts.json)) return;
  const ext = extname(opts.output).toLowerCase();
  const implied = REPORT_EXTENSIONS[ext];
  if (implied === undefined || implied === format || (ext === '.txt' && format === 'table')) return;
  const given = opts.json ? '--json' : `--format ${opts.format}`;
  throw usageError(
    say(`${given} 与输出文件 ${opts.output} 的扩展名（${ext}，即 ${implied}）不一致`, `${given} disagrees with the output file ${opts.output} (${ext} means ${implied})`),
    say(`去掉 ${given}（格式按扩展名），或把文件改名为 ${basename(opts.output, extname(opts.output))}${extensionOf(format)}`,
      `drop ${given} (the extension sets the format) or name the file ${basename(opts.output, extname(opts.output))}${extensionOf(format)}`),
  );
}

/** The usual extension of a report format (.txt for the bulletin and the table). */
function extensionOf(format: ReportFormat): string {
  return format === 'table' ? '.txt' : Object.keys(REPORT_EXTENSIONS).find((e) => REPORT_EXTENSIONS[e] === format) ?? '';
}

export function defineReport(program: Command, f: Factory): void {
  const dims = BREAKDOWN_DIMENSIONS.join('|');
  program
    .command('report')
    .description(t2(f, '期间统计报表与工作简报（收件、重复件、处置、初核率、同比……）', 'period report and work bulletin (received, duplicates, disposals, verification rate, year on year ...)'))
    .option('--period <period>', t2(f, `统计期间（默认 ytd，即今年至今）：${PERIOD_FORMS}`, `period (default ytd): ${PERIOD_FORMS_EN}`))
    .option('--from <date>', t2(f, '期间起日（代替 --period）', 'period start (instead of --period)'))
    .option('--to <date>', t2(f, '期间止日（默认今天）', 'period end (default today)'))
    .option('--as-of <date>', t2(f, '按该日的状态统计（默认期间末日，未到则今天）', 'state as of this date (default the period end, or today if earlier)'))
    .option('--as-known-at <time>', t2(f, '只计到该时刻为止已记录的决定，用于重现已发布的报表（日期或 2016-07-05 09:30）', 'count only decisions recorded by then, to reproduce a published report (a date or 2016-07-05 09:30)'))
    .option('--compare <kind>', t2(f, '对比：yoy 同比（默认）| mom 环比（上一同类期间）| none', 'comparison: yoy (default) | mom (the preceding period) | none'))
    .option('--by <dimension>', t2(f, `分类统计：${dims}`, `breakdown: ${dims}`))
    .option('--format <format>', t2(f, `输出格式：${REPORT_FORMATS.join('|')}（text 为工作简报段落；xlsx 需 --output）`, `output format: ${REPORT_FORMATS.join('|')} (text: the bulletin paragraphs; xlsx needs --output)`))
    .option('--json', t2(f, '等同 --format json', 'same as --format json'))
    .option('-o, --output <file>', t2(f, '写入文件，格式按扩展名：.json .csv .md .txt .html .xlsx', 'write to a file, format from the extension: .json .csv .md .txt .html .xlsx'))
    .option('--no-bom', t2(f, 'CSV 不加 UTF-8 BOM', 'no UTF-8 BOM in CSV'))
    .option('--raw', t2(f, 'CSV 供程序读取：不加 BOM，文字原样输出', 'CSV for programs: no BOM, text exactly as stored'))
    .addHelpText('after', examplesHelp(f, [
      ['xinfang report --period 2016-H1', 'xinfang report --period 2016-H1'],
      ['xinfang report --period 2016-06 --format text          # 工作简报的统计段落', 'xinfang report --period 2016-06 --format text          # the bulletin paragraphs'],
      ['xinfang report --period 2016 --by office -o 2016年报表.xlsx', 'xinfang report --period 2016 --by office -o report-2016.xlsx'],
      ['xinfang report --period 2016-Q2 --compare mom --json', 'xinfang report --period 2016-Q2 --compare mom --json'],
      ['xinfang report --period 2016-06 --as-known-at "2016-07-05 09:30"   # 重现 7月5日发布的月报', 'xinfang report --period 2016-06 --as-known-at "2016-07-05 09:30"   # the June report as published on 5 July'],
      ['xinfang config set period.monthStartDay 21              # 业务月：6月 = 5月21日至6月20日', 'xinfang config set period.monthStartDay 21              # business months: June = 21 May to 20 June'],
    ]))
    .action(async (opts: ReportOptions) => {
      // Everything that can be checked without the registry is checked first (exit 2, nothing opened).
      const format = resolveFormat(opts, REPORT_FORMATS, REPORT_EXTENSIONS) as ReportFormat;
      refuseFormatAgainstExtension(opts, format);
      const toTerminal = opts.output === undefined || opts.output === '-';
      if (format === 'xlsx' && toTerminal && f.io.stdoutIsTTY) {
        throw usageError(say('xlsx 是二进制文件，不能显示在终端上', 'xlsx is a binary file and cannot be shown on a terminal'), say('用 --output 报表.xlsx 写入文件', 'write it to a file with --output report.xlsx'));
      }
      if (opts.period !== undefined && (opts.from !== undefined || opts.to !== undefined)) {
        throw usageError(say('--period 不能与 --from/--to 同时使用', '--period cannot be combined with --from/--to'));
      }
      if (opts.to !== undefined && opts.from === undefined) {
        throw usageError(say('给了 --to 就要给 --from', '--to needs --from'), say(`或用 --period（${PERIOD_FORMS}）`, `or use --period (${PERIOD_FORMS_EN})`));
      }
      const compare = compareOption(opts.compare);
      const by = byOption(opts.by);
      const from = opts.from !== undefined ? dateOption('--from', opts.from) : undefined;
      const to = opts.to !== undefined ? dateOption('--to', opts.to) : undefined;
      const asOf = opts.asOf !== undefined ? dateOption('--as-of', opts.asOf) : undefined;
      const { periodReport, readRecordedTime, reportOfficeName } = await import('../../usecases/report.js');
      const knownAt = opts.asKnownAt !== undefined ? readRecordedTime('--as-known-at', opts.asKnownAt) : undefined;

      const ctx = await f.context();
      const report = await periodReport(ctx, { period: opts.period, from, to, asOf, knownAt, compare, by });
      const { renderReport } = await import('../render/report/index.js');
      const out = await renderReport(report, format, {
        lang: f.lang,
        width: toTerminal ? terminalWidth(f.io.stdout, f.env) : 100,
        color: toTerminal && f.color(),
        bom: opts.bom !== false && opts.raw !== true,
        raw: opts.raw === true,
        officeName: await reportOfficeName(ctx),
      });
      await emitDocument(f, opts, typeof out === 'string' ? out : new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
    });
}
