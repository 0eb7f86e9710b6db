// xinfang import FILE|-: forwarded cases from CSV or an .xlsx spreadsheet (SPEC 7). Problems go to stderr as they are
// found (and to --rejects as CSV); the summary goes to stderr, or to stdout as JSON with --json.

import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { say, usageError } from '../../domain/errors.js';
import { FIELD_LABELS, type DraftField } from '../../domain/item.js';
import { vocab } from '../../domain/vocabulary.js';
import type { ImportSummary, RowReport } from '../../usecases/import.js';
import type { Factory } from '../factory.js';
import { t2 } from '../i18n.js';
import { csvLine } from '../render/csv.js';
import { humanMessage } from '../render/safe.js';
import { createSideFile, type SideFile } from '../render/side-file.js';
import { codedOption } from '../options.js';

interface ImportOptions {
  source?: string; forwardedBy?: string; encoding?: string; map?: string[]; dryRun?: boolean; skipInvalid?: boolean;
  rejects?: string; json?: boolean; sheet?: string;
}

const ENCODINGS = ['auto', 'utf-8', 'gb18030'] as const;
/** Problems printed on a terminal before pointing to the rejects file; piped output gets all. */
const TTY_PROBLEM_LINES = 200;

export function defineImport(program: Command, f: Factory): void {
  program
    .command('import')
    .description(t2(f, '从 CSV 或 Excel（.xlsx）文件导入上级转办的信访件（全部成功或全部不导入；可重复导入）', 'import forwarded cases from a CSV or Excel (.xlsx) file (all or nothing; safe to repeat)'))
    .argument('<file>', t2(f, 'CSV 或 .xlsx 文件；- 表示从标准输入读 CSV', 'CSV or .xlsx file; - reads CSV from standard input'))
    .option('--source <source>', t2(f, `文件中没有来源列时的来源（默认 上级转办）：${vocab.source.accepted('zh')}`, `source when the file has no source column (default superior-forwarded): ${vocab.source.accepted('en')}`))
    .option('--forwarded-by <organ>', t2(f, '文件中没有转办机关列（或为空）时的转办机关', 'forwarding organ when the file has no such column (or it is empty)'))
    .option('--encoding <encoding>', t2(f, '文件编码：auto（默认：BOM，否则 UTF-8，否则 GB18030）| utf-8 | gb18030', 'encoding: auto (default: BOM, else UTF-8, else GB18030) | utf-8 | gb18030'))
    .option('--sheet <name>', t2(f, '.xlsx 文件中要导入的工作表（名称或从 1 起的序号；默认第一个）', 'the sheet of an .xlsx file to import (name, or number from 1; default the first)'))
    .option('--map <HEADER=field>', t2(f, '指定列与字段的对应，可重复，如 --map "举报时间=received"；列=sealed 与反映人信息一起加密保存，列=ignore 不导入，列=extra 原样保存', 'map a column to a field, repeatable, e.g. --map "举报时间=received"; HEADER=sealed seals it with the reporter, HEADER=ignore drops it, HEADER=extra keeps it verbatim'), (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .option('--dry-run', t2(f, '只检查并报告，不写入', 'check and report, write nothing'))
    .option('--skip-invalid', t2(f, '导入有效行，无效行写入 --rejects 文件', 'import the valid rows; write the invalid ones to the rejects file'))
    .option('--rejects <file>', t2(f, '把无效行连同原因写入此 CSV 文件（冲突在标准错误中列出）', 'write invalid rows, with reasons, to this CSV file (conflicts are listed on stderr)'))
    .option('--json', t2(f, '以 JSON 在标准输出打印汇总', 'print the summary as JSON on stdout'))
    .addHelpText('after', t2(f,
      [
        '',
        '表头按名称识别（来文编号、转办机关、收件日期/收文日期、信访形式、反映人、被反映人、',
        '工作单位及职务、问题类别/问题性质、内容摘要……）；表头上方的标题行、序号列、合计行，',
        '以及无效行文件自带的“行号”“错误原因”列自动略过；无法识别的列原样保存。',
        '像反映人信息的列（列名含举报人、身份证、手机、联系方式等，或值像电话、身份证号）',
        '不会原样保存：能确定对应字段时按该字段导入；否则须用 --map "列名=sealed"（加密保存）、',
        '--map "列名=字段" 或 --map "列名=ignore" 指明，否则拒绝导入。',
        '.xlsx 文件读第一个工作表（或 --sheet），日期单元格按日期读取；',
        'CSV 中的 Excel 日期序列号（如 42524）会被拒绝，并说明它对应的日期。',
        '有无效行时退出码为 2：默认整个文件不导入；用 --skip-invalid 时有效行已导入。',
      ].join('\n'),
      [
        '',
        'Headers are matched by name (来文编号, 转办机关, 收件日期/收文日期, 信访形式, 反映人, 被反映人,',
        '工作单位及职务, 问题类别/问题性质, 内容摘要 ...). A title row above the header, a 序号 column,',
        'total rows (合计) and a rejects file\'s own 行号/错误原因 columns are skipped; other unknown',
        'columns are kept verbatim.',
        'A column that looks like reporter data (its header names the reporter, an ID, a phone ...;',
        'or its values look like phone or ID numbers) is never kept verbatim: it is imported as that',
        'field when that is unambiguous; else say --map "HEADER=sealed" (sealed with the reporter),',
        '--map "HEADER=field" or --map "HEADER=ignore", or the import is refused.',
        'An .xlsx file is read from its first sheet (or --sheet), date cells as dates; in CSV an',
        'Excel serial date (42524) is refused, saying the date it stands for.',
        'Exit 2 when any row is invalid: by default nothing is imported; with --skip-invalid the',
        'valid rows are.',
      ].join('\n')))
    .action(async (file: string, opts: ImportOptions) => {
      const encoding = (opts.encoding ?? 'auto').trim().toLowerCase().replace(/^utf8$/, 'utf-8').replace(/^(gbk|gb2312)$/, 'gb18030');
      if (!(ENCODINGS as readonly string[]).includes(encoding)) {
        throw usageError(say(`--encoding “${opts.encoding}”：不支持（可用：auto、utf-8、gb18030）`, `--encoding "${opts.encoding}": not supported (accepted: auto, utf-8, gb18030)`));
      }
      const fromStdin = file === '-';
      if (fromStdin && f.io.stdinIsTTY) {
        throw usageError(say('“-”表示从标准输入读取 CSV，但标准输入是终端', '"-" reads CSV from standard input, but standard input is a terminal'), say('用管道或重定向提供文件，如 xinfang import - < 转办件.csv', 'pipe or redirect a file, e.g. xinfang import - < cases.csv'));
      }
      let size: number | undefined;
      let format: 'csv' | 'xlsx' = 'csv';
      if (!fromStdin) {
        if (!existsSync(file)) throw usageError(say(`找不到文件 ${file}`, `no such file: ${file}`));
        const st = statSync(file);
        if (!st.isFile()) throw usageError(say(`${file} 不是文件`, `${file} is not a file`));
        size = st.size;
        format = await fileFormat(file);
      }
      if (opts.sheet !== undefined && format !== 'xlsx') {
        throw usageError(say('--sheet 只用于 .xlsx 文件', '--sheet applies to .xlsx files only'));
      }
      const rejectsPath = opts.rejects ?? (opts.skipInvalid ? `${fromStdin ? 'import' : basename(file)}.rejects.csv` : undefined);
      const ctx = await f.context();
      const { importCsv, rowProblemText } = await import('../../usecases/import.js');

      const rejects = rejectsPath ? new RejectsFile(rejectsPath, f.lang, f.dbLocation()) : undefined;
      const progress = f.io.stderrIsTTY && !f.globals().quiet && size !== undefined ? await progressBar(f, size) : undefined;
      let printed = 0;
      let warned = 0;
      const limit = f.io.stderrIsTTY ? TTY_PROBLEM_LINES : Infinity;
      const say1 = (line: string) => {
        progress?.clear();
        f.io.stderr.write(humanMessage(line) + '\n');
      };
      let summary: ImportSummary;
      try {
        summary = await importCsv(ctx, {
          input: fromStdin ? { kind: 'stream', stream: f.io.stdin as NodeJS.ReadableStream } : { kind: 'file', path: file, size: size!, format, sheet: opts.sheet },
          fileName: fromStdin ? '-' : file,
          encoding: encoding as 'auto' | 'utf-8' | 'gb18030',
          source: opts.source !== undefined ? codedOption('--source', opts.source, vocab.source) : undefined,
          forwardedBy: opts.forwardedBy,
          map: opts.map ?? [],
          dryRun: opts.dryRun === true,
          skipInvalid: opts.skipInvalid === true,
          onProgress: (bytes) => progress?.update(bytes),
          onProblem: (r: RowReport) => {
            if (r.kind === 'invalid') rejects?.add(r, r.problems.map((p) => f.t(rowProblemText(p))).join('；'));
            for (const p of r.problems) if (printed++ < limit) say1(f.t(rowProblemText(p)));
          },
          onWarning: (p) => {
            if (warned++ < 20) say1((f.lang === 'zh' ? '警告：' : 'warning: ') + f.t(rowProblemText(p)));
          },
        });
      } catch (e) {
        rejects?.discard();
        throw e;
      } finally {
        progress?.stop();
      }
      if (printed > limit) say1(t2(f, `……另有 ${printed - limit} 条问题${rejectsPath ? `，见 ${rejectsPath}` : '（用 --rejects 文件查看全部）'}`, `... and ${printed - limit} more${rejectsPath ? `, see ${rejectsPath}` : ' (use --rejects FILE to see all)'}`));
      if (warned > 20) say1(t2(f, `……另有 ${warned - 20} 条警告`, `... and ${warned - 20} more warnings`));
      if (rejects?.count) {
        rejects.commit();
        f.info(t2(f, `无效行已写入 ${rejectsPath}`, `invalid rows written to ${rejectsPath}`));
      } else rejects?.discard();

      if (opts.json) f.io.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      // The summary for people is an informational message: --quiet drops it (SPEC 6 global
      // options; factory.ts info). Problems, the refusal below and --json's summary on stdout stay.
      else if (!f.globals().quiet) f.io.stderr.write(humanMessage(summaryText(f, summary)) + '\n');

      if (summary.rejected > 0) {
        throw usageError(
          summary.committed
            ? say(`${summary.rejected} 行无效，未导入；其余有效行已导入`, `${summary.rejected} invalid rows were not imported; the valid rows were`)
            : say(`${summary.rejected} 行无效，整个文件未导入（登记库没有任何改动）`, `${summary.rejected} invalid rows: nothing was imported (the registry is unchanged)`),
          summary.committed ? undefined : say('改正后重新导入，或用 --skip-invalid 只导入有效行', 'fix them and import again, or use --skip-invalid to import the valid rows'),
        );
      }
    });
}

/**
 * The summary's text (SPEC 7). A dry run or a refused file wrote nothing: it says what *would* be
 * registered (`wouldImport`, which the use case adds; `imported` until it does) and names no codes.
 */
function summaryText(f: Factory, s: ImportSummary): string {
  const enc = s.encoding.toUpperCase();
  const codes = s.firstCode ? (s.firstCode === s.lastCode ? `（${s.firstCode}）` : `（${s.firstCode} 至 ${s.lastCode}）`) : '';
  const codesEn = s.firstCode ? (s.firstCode === s.lastCode ? ` (${s.firstCode})` : ` (${s.firstCode} to ${s.lastCode})`) : '';
  const verb = s.dryRun ? t2(f, '试导入（未写入）', 'dry run (nothing written)') : s.committed ? t2(f, '导入', 'import') : t2(f, '导入失败（未写入）', 'import failed (nothing written)');
  const would = s.wouldImport ?? s.imported;
  const registered = s.committed
    ? t2(f, `新登记 ${s.imported} 件${codes}`, `${s.imported} imported${codesEn}`)
    : s.dryRun
      ? t2(f, `将新登记 ${would} 件`, `${would} would be registered`)
      : t2(f, `改正无效行后将新登记 ${would} 件`, `${would} would be registered once the invalid rows are fixed`);
  const lines = [
    t2(f,
      `${verb} ${s.file}（${enc}）：读取 ${s.rows} 行，${registered}，已存在 ${s.alreadyPresent} 件，冲突 ${s.conflicts} 件，无效 ${s.rejected} 行${s.possibleDuplicates === null ? '' : `，疑似重复 ${s.possibleDuplicates} 件`}`,
      `${verb} ${s.file} (${enc}): ${s.rows} rows read, ${registered}, ${s.alreadyPresent} already present, ${s.conflicts} conflicts, ${s.rejected} rejected${s.possibleDuplicates === null ? '' : `, ${s.possibleDuplicates} possible duplicates`}`),
  ];
  if (s.unknownColumns.length > 0) lines.push(t2(f, `未识别的列（原样保存）：${s.unknownColumns.join('、')}`, `unknown columns (kept verbatim): ${s.unknownColumns.join(', ')}`));
  // What the importer did with the spreadsheet's shape, when the use case reports it (import-prepare's ready message and batches).
  const shape = s as ImportSummary & SpreadsheetShape;
  if (shape.reporterColumns?.length) {
    lines.push(t2(f,
      `按反映人信息导入的列（加密保存）：${shape.reporterColumns.map(([h, fld]) => `${h}→${FIELD_LABELS[fld].zh}`).join('、')}`,
      `columns imported as reporter data (sealed): ${shape.reporterColumns.map(([h, fld]) => `${h} → ${FIELD_LABELS[fld].en}`).join(', ')}`));
  }
  if (shape.sealedColumns?.length) lines.push(t2(f, `与反映人信息一起加密保存的列：${shape.sealedColumns.join('、')}`, `columns sealed with the reporter: ${shape.sealedColumns.join(', ')}`));
  if (shape.droppedColumns?.length) lines.push(t2(f, `未导入的列：${shape.droppedColumns.join('、')}`, `columns not imported: ${shape.droppedColumns.join(', ')}`));
  if (shape.totalRows) lines.push(t2(f, `略过合计行 ${shape.totalRows} 行`, `${shape.totalRows} total rows skipped`));
  return lines.join('\n');
}

/** Optional summary fields about the file's shape (SPEC 7), carried over from import-prepare's messages. */
interface SpreadsheetShape {
  droppedColumns?: string[];
  sealedColumns?: string[];
  reporterColumns?: [string, DraftField][];
  totalRows?: number;
}

/** CSV unless the file is a ZIP (.xlsx); the old binary .xls is refused with what to do instead. */
async function fileFormat(path: string): Promise<'csv' | 'xlsx'> {
  const head = Buffer.alloc(8);
  const fd = openSync(path, 'r');
  let n: number;
  try {
    n = readSync(fd, head, 0, 8, 0);
  } finally {
    closeSync(fd);
  }
  const { looksLikeXls, looksLikeXlsx } = await import('../../usecases/import-xlsx.js');
  if (looksLikeXlsx(head.subarray(0, n))) return 'xlsx';
  const again = say('用 Excel 另存为“Excel 工作簿 (*.xlsx)”或“CSV UTF-8”再导入', 'save it in Excel as "Excel Workbook (*.xlsx)" or "CSV UTF-8" and import that');
  if (looksLikeXls(head.subarray(0, n))) {
    throw usageError(say(`${path} 是旧版 Excel（.xls）文件，不能直接导入`, `${path} is an old Excel (.xls) file, which cannot be imported directly`), again);
  }
  if (/\.xlsx$/i.test(path)) throw usageError(say(`${path} 不是有效的 .xlsx 文件`, `${path} is not a valid .xlsx file`), again);
  return 'csv';
}

/**
 * Rejected rows as CSV for Excel: the original columns, then the line number and the reasons.
 * A side file (owner-only, exclusive temporary name, renamed at the end: SPEC 5); its cells are
 * neutralised against formulas, which the importer undoes when the file is read back.
 */
class RejectsFile {
  count = 0;
  private file: SideFile | undefined;
  constructor(private readonly path: string, private readonly lang: 'zh' | 'en', private readonly registry: string) {}
  add(r: RowReport, reason: string): void {
    if (this.file === undefined) {
      this.file = createSideFile(this.path, this.registry);
      this.file.write('\uFEFF' + csvLine([...r.header, this.lang === 'zh' ? '行号' : 'line', this.lang === 'zh' ? '错误原因' : 'problems']));
    }
    this.file.write(csvLine([...r.fields, r.line, reason]));
    this.count++;
  }
  commit(): void {
    this.file?.commit();
  }
  discard(): void {
    this.file?.discard();
  }
}

async function progressBar(f: Factory, total: number): Promise<{ update: (n: number) => void; clear: () => void; stop: () => void }> {
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar({
    stream: f.io.stderr as NodeJS.WriteStream,
    format: t2(f, '导入 [{bar}] {percentage}% | {done}/{size} MB | 剩余 {eta}s', 'import [{bar}] {percentage}% | {done}/{size} MB | eta {eta}s'),
    hideCursor: true,
    clearOnComplete: true,
  }, cliProgress.Presets.shades_classic);
  const mb = (n: number) => (n / 1e6).toFixed(1);
  bar.start(total, 0, { done: mb(0), size: mb(total) });
  // Ctrl-C while the bar is drawn: give the terminal back the cursor and line wrap the bar took
  // away, and exit 130 (SPEC 6); the import's transaction has not committed, so nothing is written.
  const onSigint = () => {
    bar.stop();
    f.io.stderr.write('\x1b[?25h\x1b[?7h\r\x1b[2K' + t2(f, '已取消，未导入\n', 'cancelled, nothing imported\n'));
    process.exit(130);
  };
  process.once('SIGINT', onSigint);
  // A message printed while the bar is drawn first wipes the bar's line; the next update redraws it.
  return {
    update: (n) => bar.update(Math.min(n, total), { done: mb(Math.min(n, total)) }),
    clear: () => f.io.stderr.write('\r\x1b[2K'),
    stop: () => { process.removeListener('SIGINT', onSigint); bar.stop(); },
  };
}
