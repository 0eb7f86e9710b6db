// The output options every listing command shares (--format, --json, --output, --no-bom, --raw)
// and the one place a listing becomes text in the chosen format and goes to stdout or a file.
// Everything written for people is made safe here (SPEC 5): cells of tables and Markdown have
// their control characters made visible, CSV for people neutralises formulas; JSON and --raw CSV
// keep text exactly. --output files are created owner-only (side-file.ts). `.xlsx` writes a
// spreadsheet of text cells (xlsx-listing.ts, loaded only then).

import { once } from 'node:events';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { say, usageError } from '../../domain/errors.js';
import type { Factory } from '../factory.js';
import { csvLine } from './csv.js';
import { humanCell } from './safe.js';
import { createSideFile } from './side-file.js';
import { FORMATS, type Cell, type Format, type Listing } from './listing.js';
import { markdownHead, markdownLine } from './markdown.js';
import { streamTable, terminalWidth, type StreamTable } from './table.js';
import { t2 } from '../i18n.js';

export interface OutputOptions {
  format?: string;
  json?: boolean;
  output?: string;
  bom?: boolean;
  /** CSV for programs: no BOM, no formula neutralising, text exactly as stored. */
  raw?: boolean;
}

/**
 * What listing commands write: the four text formats, and `xlsx`, a spreadsheet (SPEC 6; to a file
 * or a pipe, never a terminal; at most XLSX_MAX_ROWS rows, xlsx-listing.ts).
 */
export const LISTING_FORMATS: readonly string[] = [...FORMATS, 'xlsx'];

export function addOutputOptions(cmd: Command, f: Factory, formats: readonly string[] = LISTING_FORMATS): Command {
  return cmd
    .option('--format <format>', t2(f, `输出格式：${formats.join('|')}`, `output format: ${formats.join('|')}`))
    .option('--json', t2(f, '等同 --format json', 'same as --format json'))
    .option('-o, --output <file>', t2(f, '写入文件（格式按扩展名推断）', 'write to a file (format inferred from its extension)'))
    .option('--no-bom', t2(f, 'CSV 不加 UTF-8 BOM', 'no UTF-8 BOM in CSV'))
    .option('--raw', t2(f,
      'CSV 供程序读取：不加 BOM，文字原样输出（供人看的 CSV 会在以 = + - @ 开头的单元格前加 \' 以防被 Excel 当作公式）',
      'CSV for programs: no BOM, text exactly as stored (CSV for people puts \' before cells starting with = + - @ so that Excel does not run them)'));
}

const EXTENSIONS: Record<string, Format | 'xlsx'> = { '.json': 'json', '.csv': 'csv', '.md': 'md', '.markdown': 'md', '.txt': 'table', '.xlsx': 'xlsx' };

/**
 * The output format: `--json`, else `--format` (one of `formats`), else from `--output`'s extension
 * through `extensions` (listings by default; reports pass theirs, which write .xlsx and .html),
 * else `table`. Usage errors (exit 2) name what is accepted.
 */
export function resolveFormat(o: OutputOptions, formats: readonly string[] = LISTING_FORMATS, extensions: Readonly<Record<string, string>> = EXTENSIONS): string {
  if (o.json) {
    if (o.format !== undefined && o.format.trim().toLowerCase() !== 'json') {
      throw usageError(say(`--json 即 --format json，不能与 --format ${o.format} 同时使用`, `--json means --format json; it cannot be combined with --format ${o.format}`));
    }
    return 'json';
  }
  if (o.format !== undefined) {
    const fmt = o.format.trim().toLowerCase();
    if (!formats.includes(fmt)) {
      throw usageError(say(`不支持的输出格式“${o.format}”（可用：${formats.join('、')}）`, `unknown format "${o.format}" (accepted: ${formats.join(', ')})`));
    }
    return fmt;
  }
  if (o.output !== undefined) {
    const ext = extname(o.output).toLowerCase();
    if (ext === '.xlsx' && !extensions[ext]) {
      throw usageError(say('这个版本还不能写 .xlsx 文件', 'this version cannot write .xlsx files yet'), say('改用 .csv（Excel 可直接打开）', 'use .csv instead (Excel opens it)'));
    }
    const fmt = extensions[ext];
    if (fmt && formats.includes(fmt)) return fmt;
    const known = Object.keys(extensions).filter((e) => formats.includes(extensions[e]!)).join(' ');
    throw usageError(
      say(`无法从文件名“${o.output}”推断输出格式（可用扩展名：${known}）`, `cannot tell the format from the file name "${o.output}" (accepted extensions: ${known})`),
      say(`换用上面的扩展名之一（如 ${basename(o.output, extname(o.output)) || '输出'}.csv），或用 --format 指定格式`, `use one of those extensions (e.g. ${basename(o.output, extname(o.output)) || 'output'}.csv), or give --format`),
    );
  }
  return 'table';
}

/** Where output goes: stdout, or a temporary file renamed onto --output when all is written. */
interface Sink {
  write(text: string | Uint8Array): Promise<void>;
  commit(): Promise<void>;
  abort(): void;
}

function openSink(f: Factory, o: OutputOptions): Sink {
  if (o.output === undefined || o.output === '-') {
    const out = f.io.stdout;
    return {
      write: async (text) => {
        if (!out.write(text)) await once(out, 'drain');
      },
      commit: async () => undefined,
      abort: () => undefined,
    };
  }
  const target = o.output;
  const file = createSideFile(target, f.dbLocation());
  return {
    write: async (text) => file.write(text),
    commit: async () => {
      file.commit();
      f.info(say(`已写入 ${target}`, `wrote ${target}`));
    },
    abort: () => file.discard(),
  };
}

/**
 * Writes one finished document (a report: text, or the bytes of a spreadsheet) to stdout, or to
 * `--output` atomically and owner-only (side-file.ts).
 */
export async function emitDocument(f: Factory, o: OutputOptions, content: string | Uint8Array): Promise<void> {
  if (o.output === undefined || o.output === '-') {
    if (!f.io.stdout.write(content)) await once(f.io.stdout, 'drain');
    return;
  }
  const file = createSideFile(o.output, f.dbLocation());
  try {
    file.write(content);
  } catch (e) {
    file.discard();
    throw e;
  }
  file.commit();
  f.info(say(`已写入 ${o.output}`, `wrote ${o.output}`));
}

/**
 * Renders a listing in the chosen format, page by page, to stdout or --output. Returns the row count.
 * `xlsx` (SPEC 6): every CSV column under the table's headers, cells as a person reads them, built in
 * memory by xlsx-listing.ts (loaded only then); refused on a terminal, and above XLSX_MAX_ROWS rows
 * (usage errors, exit 2; an --output file is not left behind).
 */
export async function emitListing<T>(f: Factory, listing: Listing<T>, o: OutputOptions): Promise<number> {
  const format = resolveFormat(o);
  const tty = f.io.stdoutIsTTY && (o.output === undefined || o.output === '-');
  if (format === 'xlsx' && tty) {
    throw usageError(say('xlsx 是二进制文件，不能显示在终端上', 'xlsx is a binary file and cannot be shown on a terminal'), say('用 -o 列表.xlsx 写入文件', 'write it to a file with -o listing.xlsx'));
  }
  const sink = openSink(f, o);
  let count = 0;
  try {
    if (format === 'xlsx') {
      const { listingXlsx, listingSheetName } = await import('./xlsx-listing.js');
      const cols = listing.csvColumns ?? listing.columns;
      const rows = async function* () {
        for await (const page of listing.pages) yield page.map((r) => cols.map((c) => humanCell(c.human(r, f.lang))));
      };
      const book = await listingXlsx(cols.map((c) => f.t(c.header)), rows(), { lang: f.lang, sheet: listingSheetName(o.output, f.lang) });
      await sink.write(book.bytes);
      await sink.commit();
      return book.count;
    }
    const human = (r: T) => listing.columns.map((c) => humanCell(c.human(r, f.lang)));
    const header = listing.columns.map((c) => f.t(c.header));
    // CSV for people shown on a terminal is read there, not in Excel: its cells are made safe too.
    const forPeople = o.raw !== true;
    const csvCell = forPeople && tty ? humanCell : (c: Cell) => c;
    {
      const cols = listing.csvColumns ?? listing.columns;
      let plain: StreamTable | undefined;
      // Tables are written page by page; on a terminal, fitted to its width (SPEC 6).
      const tableOpts = { tty, color: f.color(), width: terminalWidth(f.io.stdout, f.env), wide: listing.columns.map((c) => c.wide === true) };
      if (format === 'json') await sink.write('[');
      if (format === 'csv') await sink.write((o.bom !== false && forPeople ? '\uFEFF' : '') + csvLine(cols.map((c) => c.key), { forPeople }));
      if (format === 'md') await sink.write(markdownHead(header));
      for await (const page of listing.pages) {
        let text = '';
        switch (format) {
          case 'json':
            for (const r of page) {
              text += (count++ === 0 ? '\n  ' : ',\n  ') + JSON.stringify(listing.toJson ? listing.toJson(r) : r, null, 2).replace(/\n/g, '\n  ');
            }
            break;
          case 'csv':
            for (const r of page) text += csvLine(cols.map((c) => csvCell(c.raw ? c.raw(r) : c.human(r, 'en'))), { forPeople });
            count += page.length;
            break;
          case 'md':
            for (const r of page) text += markdownLine(human(r));
            count += page.length;
            break;
          default: {
            const cells = page.map(human);
            if (!plain) {
              plain = streamTable(header, cells, tableOpts);
              text += plain.head();
            }
            text += plain.lines(cells);
            count += page.length;
          }
        }
        await sink.write(text);
      }
      if (format === 'json') await sink.write(count === 0 ? ']\n' : '\n]\n');
      if (format === 'table') await sink.write(plain ? plain.end() : streamTable(header, [], tableOpts).head());
    }
    await sink.commit();
    return count;
  } catch (e) {
    sink.abort();
    throw e;
  }
}
