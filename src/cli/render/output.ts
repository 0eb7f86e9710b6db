// The output options every listing command shares (--format, --json, --output, --no-bom) and the
// one place a listing becomes text in the chosen format and goes to stdout or a file.

import { renameSync, writeFileSync, unlinkSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { say, usageError } from '../../domain/errors.js';
import type { Factory } from '../factory.js';
import { renderCsv } from './csv.js';
import { FORMATS, type Format, type Listing } from './listing.js';
import { renderMarkdown } from './markdown.js';
import { renderTable } from './table.js';
import { t2 } from '../i18n.js';

export interface OutputOptions {
  format?: string;
  json?: boolean;
  output?: string;
  bom?: boolean;
}

export function addOutputOptions(cmd: Command, f: Factory, formats: readonly string[] = FORMATS): Command {
  return cmd
    .option('--format <format>', t2(f, `输出格式：${formats.join('|')}`, `output format: ${formats.join('|')}`))
    .option('--json', t2(f, '等同 --format json', 'same as --format json'))
    .option('-o, --output <file>', t2(f, '写入文件（格式按扩展名推断）', 'write to a file (format inferred from its extension)'))
    .option('--no-bom', t2(f, 'CSV 不加 UTF-8 BOM', 'no UTF-8 BOM in CSV'));
}

const EXTENSIONS: Record<string, Format> = { '.json': 'json', '.csv': 'csv', '.md': 'md', '.markdown': 'md', '.txt': 'table' };

export function resolveFormat(o: OutputOptions, formats: readonly string[] = FORMATS): string {
  if (o.json) return 'json';
  if (o.format !== undefined) {
    const fmt = o.format.trim().toLowerCase();
    if (!formats.includes(fmt)) {
      throw usageError(say(`不支持的输出格式“${o.format}”（可用：${formats.join('、')}）`, `unknown format "${o.format}" (accepted: ${formats.join(', ')})`));
    }
    return fmt;
  }
  if (o.output !== undefined) {
    const ext = extname(o.output).toLowerCase();
    if (ext === '.xlsx') {
      throw usageError(say('这个版本还不能写 .xlsx 文件', 'this version cannot write .xlsx files yet'), say('改用 .csv（Excel 可直接打开）', 'use .csv instead (Excel opens it)'));
    }
    const fmt = EXTENSIONS[ext];
    if (fmt && formats.includes(fmt)) return fmt;
    throw usageError(say(`无法从文件名“${o.output}”推断输出格式`, `cannot tell the format from the file name "${o.output}"`), say('用 --format 指定', 'give --format'));
  }
  return 'table';
}

export async function renderListing<T>(f: Factory, listing: Listing<T>, format: string, o: OutputOptions): Promise<string> {
  switch (format) {
    case 'json':
      return JSON.stringify(listing.json, null, 2) + '\n';
    case 'csv': {
      const cols = listing.csvColumns ?? listing.columns;
      return renderCsv(
        cols.map((c) => c.key),
        listing.rows.map((r) => cols.map((c) => (c.raw ? c.raw(r) : c.human(r, 'en')))),
        o.bom !== false,
      );
    }
    case 'md':
      return renderMarkdown(listing.columns.map((c) => f.t(c.header)), listing.rows.map((r) => listing.columns.map((c) => c.human(r, f.lang))));
    default:
      return renderTable(
        listing.columns.map((c) => f.t(c.header)),
        listing.rows.map((r) => listing.columns.map((c) => c.human(r, f.lang))),
        {
          tty: f.io.stdoutIsTTY && o.output === undefined,
          color: f.color() && o.output === undefined,
          width: (f.io.stdout as { columns?: number }).columns,
          wide: listing.columns.map((c) => c.wide === true),
        },
      );
  }
}

/** Writes the text to stdout, or to --output atomically (a temporary file renamed into place). */
export function deliver(f: Factory, text: string, o: OutputOptions): void {
  if (o.output === undefined || o.output === '-') {
    f.io.stdout.write(text);
    return;
  }
  const tmp = `${o.output}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, o.output);
  } catch (e) {
    try { unlinkSync(tmp); } catch { /* nothing to remove */ }
    throw usageError(say(`无法写入 ${o.output}：${(e as Error).message}`, `cannot write ${o.output}: ${(e as Error).message}`));
  }
  f.info(say(`已写入 ${o.output}`, `wrote ${o.output}`));
}

export async function emitListing<T>(f: Factory, listing: Listing<T>, o: OutputOptions): Promise<void> {
  const format = resolveFormat(o);
  deliver(f, await renderListing(f, listing, format, o), o);
}
