// xinfang export [--reveal --reason TEXT]: every item, void ones included, in any listing format;
// reporters masked unless revealed, and a revealing export is audited (SPEC 5, 6).

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { localDate } from '../../domain/dates.js';
import type { Factory } from '../factory.js';
import { t2 } from '../i18n.js';
import { dateOption } from '../options.js';
import { addOutputOptions, emitListing, resolveFormat, type OutputOptions } from '../render/output.js';
import { exportListing } from '../render/export.js';

interface ExportOptions extends OutputOptions {
  reveal?: boolean;
  reason?: string;
  asOf?: string;
}

export function defineExport(program: Command, f: Factory): void {
  const cmd = program
    .command('export')
    .description(t2(f,
      '导出全部信访件（含已作废的，按收件日期排序；反映人默认屏蔽，--reveal 显示明文并记入审计日志）',
      'export every item (void ones included, in received order); reporters masked unless --reveal (audited)'))
    .option('--reveal', t2(f, '反映人身份（姓名、身份证号、电话、住址、密封列）以明文导出（须同时给 --reason，记入审计日志）',
      'reporter identity in clear (name, ID number, phone, address, sealed columns; needs --reason; audited)'))
    .option('--reason <text>', t2(f, '明文导出的理由（与 --reveal 同用，记入审计日志）', 'why the reporters are exported in clear (with --reveal; recorded in the audit log)'))
    .option('--as-of <date>', t2(f, '按该日的状态（默认今天）', 'state as of this date (default today)'));
  addOutputOptions(cmd, f).action(async (opts: ExportOptions) => {
    const format = resolveFormat(opts);
    const asOf = opts.asOf !== undefined ? dateOption('--as-of', opts.asOf) : localDate(f.now());
    const ctx = await f.context();
    const { exportItems } = await import('../../usecases/export.js');
    const toFile = opts.output !== undefined && opts.output !== '-';
    // A spreadsheet holds at most XLSX_MAX_ROWS items: a revealing export says so before it is audited.
    const limit = format === 'xlsx'
      ? await import('../render/xlsx-listing.js').then(({ XLSX_MAX_ROWS, tooMany }) => ({ items: XLSX_MAX_ROWS, refuse: () => tooMany(XLSX_MAX_ROWS) }))
      : undefined;
    const exported = await exportItems(ctx, {
      reveal: opts.reveal === true, reason: opts.reason, asOf, format, file: toFile ? resolve(opts.output!) : undefined, limit,
    });
    const count = await emitListing(f, exportListing(exported.pages, exported.revealed), opts);
    if (exported.revealed) {
      f.info(t2(f, `已导出 ${count} 件，反映人身份为明文；已记入审计日志。`, `exported ${count} items with the reporters in clear; recorded in the audit log.`));
    } else if (format !== 'table' || toFile) {
      f.info(t2(f, `已导出 ${count} 件（反映人已屏蔽）。`, `exported ${count} items (reporters masked).`));
    }
  });
}
