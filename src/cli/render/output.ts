// The output options every listing command shares (--format, --json, --output, --no-bom) and the
// one place a listing becomes text in the chosen format and goes to stdout or a file.

import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { once } from 'node:events';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { say, usageError } from '../../domain/errors.js';
import type { Factory } from '../factory.js';
import { csvLine } from './csv.js';
import { FORMATS, type Format, type Listing } from './listing.js';
import { markdownHead, markdownLine } from './markdown.js';
import { PlainTable, renderTable } from './table.js';
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

/** Where output goes: stdout, or a temporary file renamed onto --output when all is written. */
interface Sink {
  write(text: string): Promise<void>;
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
  const tmp = `${target}.${process.pid}.tmp`;
  const fail = (e: unknown) => usageError(say(`无法写入 ${target}：${(e as Error).message}`, `cannot write ${target}: ${(e as Error).message}`));
  let fd: number;
  try {
    fd = openSync(tmp, 'w');
  } catch (e) {
    throw fail(e);
  }
  const abort = () => {
    try { closeSync(fd); } catch { /* closed already */ }
    try { unlinkSync(tmp); } catch { /* nothing to remove */ }
  };
  return {
    write: async (text) => {
      try {
        writeSync(fd, text);
      } catch (e) {
        abort();
        throw fail(e);
      }
    },
    commit: async () => {
      try {
        closeSync(fd);
        renameSync(tmp, target);
      } catch (e) {
        abort();
        throw fail(e);
      }
      f.info(say(`已写入 ${target}`, `wrote ${target}`));
    },
    abort,
  };
}

/** Renders a listing in the chosen format, page by page, to stdout or --output. Returns the row count. */
export async function emitListing<T>(f: Factory, listing: Listing<T>, o: OutputOptions): Promise<number> {
  const format = resolveFormat(o);
  const sink = openSink(f, o);
  let count = 0;
  try {
    const human = (r: T) => listing.columns.map((c) => c.human(r, f.lang));
    const header = listing.columns.map((c) => f.t(c.header));
    const tty = f.io.stdoutIsTTY && o.output === undefined;
    if (format === 'table' && tty) {
      // A terminal table is laid out as a whole; a clerk at a terminal lists screenfuls, not millions.
      const rows: T[] = [];
      for await (const page of listing.pages) for (const r of page) rows.push(r);
      count = rows.length;
      await sink.write(await renderTable(header, rows.map(human), {
        tty: true, color: f.color(), width: (f.io.stdout as { columns?: number }).columns, wide: listing.columns.map((c) => c.wide === true),
      }));
    } else {
      const cols = listing.csvColumns ?? listing.columns;
      let plain: PlainTable | undefined;
      if (format === 'json') await sink.write('[');
      if (format === 'csv') await sink.write((o.bom !== false ? '\uFEFF' : '') + csvLine(cols.map((c) => c.key)));
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
            for (const r of page) text += csvLine(cols.map((c) => (c.raw ? c.raw(r) : c.human(r, 'en'))));
            count += page.length;
            break;
          case 'md':
            for (const r of page) text += markdownLine(human(r));
            count += page.length;
            break;
          default: {
            const cells = page.map(human);
            if (!plain) {
              plain = new PlainTable(header, cells);
              text += plain.lines([header]);
            }
            text += plain.lines(cells);
            count += page.length;
          }
        }
        await sink.write(text);
      }
      if (format === 'json') await sink.write(count === 0 ? ']\n' : '\n]\n');
      if (format === 'table' && !plain) await sink.write(new PlainTable(header, []).lines([header]));
    }
    await sink.commit();
    return count;
  } catch (e) {
    sink.abort();
    throw e;
  }
}
