// Exporting the whole registry (SPEC 6 `export`): every item, void ones included, masked unless
// revealed; a revealing export is audited once, before any reporter is opened (SPEC 5).

import type { IsoDate } from '../domain/dates.js';
import { say, usageError } from '../domain/errors.js';
import type { ItemView } from '../domain/item.js';
import type { Reporter } from '../domain/reporter.js';
import { nonEmpty } from '../domain/text.js';
import { appendAudit } from '../store/audit.js';
import { itemStates } from '../store/events.js';
import { itemExtent } from '../store/export.js';
import { queryItemRecords, ReporterReader, rowToItem, type ItemCursor } from '../store/items.js';
import { today, type UseCaseContext } from './context.js';
import { itemViewOf } from './views.js';

/** An exported item: the item `list --json` prints; revealed, with the reporter in clear. */
export interface ExportedItem extends ItemView {
  /**
   * Revealed exports only: the columns imported with `--map HEADER=sealed`, header → value, as
   * `reveal` shows them ({} when the item has none). Absent from a masked export, whose keys are
   * exactly `list --json`'s.
   */
  reporterSealed?: Record<string, string>;
}

export interface ExportRequest {
  /** Reporter fields in clear (`--reveal`): needs `reason`. */
  reveal: boolean;
  /** Why (`--reason`): required with `reveal`, refused without it. */
  reason?: string;
  /** Where the export goes, as recorded in the audit entry (an absolute path); undefined for stdout. */
  file?: string;
  /** The output format (json, csv, md, table), recorded in the audit entry. */
  format: string;
  /** State of each item at this date (default today). */
  asOf?: IsoDate;
  /** Items read and decrypted per page (memory stays flat on a large registry). */
  pageSize?: number;
  /**
   * The most items the output can hold (an .xlsx spreadsheet is built whole in memory), with the
   * error to throw for more: a revealing export checks it before its audit entry is written, so a
   * refused export records no disclosure that did not happen.
   */
  limit?: { items: number; refuse: () => Error };
}

/** What a revealing export recorded in the audit log (its entry's details, SPEC 5). */
export interface ExportAudit {
  reason: string;
  /** How many items were exported with their reporter in clear (void items included). */
  items: number;
  /** The output file (absolute path), or null for standard output. */
  file: string | null;
  format: string;
}

export interface ItemExport {
  revealed: boolean;
  /**
   * The items, a page at a time, in received order (received date, then code: the order `list`
   * uses, so an export and a listing line up). For a revealing export, pulling the first page writes
   * the audit entry before any reporter block is opened, and only the items that existed then are
   * written (the count recorded is the count written).
   */
  pages: AsyncGenerator<ExportedItem[]>;
  /** Set once a revealing export's audit entry is written; undefined for a masked export. */
  audit(): ExportAudit | undefined;
}

/**
 * Prepares an export of every item (SPEC 6 `export [--reveal --reason TEXT]`). Checks the request and
 * opens the key at once, so that a usage error (exit 2) or a wrong key stops the command before any
 * output is opened; nothing is read, and nothing is audited, until the first page is asked for.
 *
 * A masked export writes no audit entry: it shows exactly what `list --include-void` shows without
 * one (reporters masked as everywhere), so an entry would record no disclosure and would suggest a
 * control that list does not have. A revealing export writes ONE entry `export` with the reason, the
 * number of items revealed, the output file and the format: never any reporter value.
 *
 * Errors: usage (exit 2) for `reveal` without a reason or with a blank one, and for a reason without
 * `reveal` (the message names the flag to add or drop); `limit.refuse()` from the first page when a
 * revealing export has more items than `limit.items` (nothing audited).
 */
export async function exportItems(ctx: UseCaseContext, req: ExportRequest): Promise<ItemExport> {
  const reason = nonEmpty(req.reason);
  if (req.reveal && !reason) {
    throw usageError(
      say('--reveal 导出反映人身份须用 --reason 说明理由（记入审计日志）', '--reveal needs a reason: add --reason TEXT (it is recorded in the audit log)'),
      say('例：xinfang export --reveal --reason "年度归档" -o 2016年信访件.csv', 'e.g. xinfang export --reveal --reason "annual archive" -o items.csv'),
    );
  }
  if (!req.reveal && req.reason !== undefined) {
    throw usageError(
      say('--reason 只用于 --reveal：不加 --reveal 的导出已屏蔽反映人，无需理由', '--reason goes with --reveal: an export without --reveal masks the reporters and needs no reason'),
      say('要导出反映人身份，加 --reveal；否则去掉 --reason', 'add --reveal to export reporters in clear, or drop --reason'),
    );
  }
  const vault = await ctx.vault();
  const asOf = req.asOf ?? today(ctx);
  const pageSize = req.pageSize ?? 2000;
  let recorded: ExportAudit | undefined;

  async function* pages(): AsyncGenerator<ExportedItem[]> {
    let lastId = Infinity;
    if (req.reveal) {
      const details: ExportAudit = { reason: reason!, items: 0, file: req.file ?? null, format: req.format };
      await ctx.registry.write(async (trx) => {
        const extent = await itemExtent(trx);
        if (req.limit !== undefined && extent.count > req.limit.items) throw req.limit.refuse();
        lastId = extent.lastId;
        details.items = extent.count;
        await appendAudit(trx, { at: ctx.now(), operator: ctx.operator, action: 'export', details: { ...details } });
      });
      recorded = details;
    }
    let after: ItemCursor | undefined;
    for (;;) {
      const rows = await queryItemRecords(ctx.registry.db, { after, limit: pageSize });
      if (rows.length === 0) return;
      const last = rows[rows.length - 1]!;
      after = { received: last.received, year: Number(last.year), seq: Number(last.seq) };
      // Items registered after a revealing export was audited are not part of it.
      const kept = req.reveal ? rows.filter((r) => Number(r.id) <= lastId) : rows;
      const states = await itemStates(ctx.registry.db, { asOf, itemIds: kept.map((r) => Number(r.id)) });
      const reporters = await ReporterReader.load(ctx.registry.db, vault, kept);
      const page: ExportedItem[] = [];
      for (const r of kept) {
        const item = rowToItem(r, reporters.reporterOf(r));
        const view = itemViewOf(item, states.get(Number(r.id))!);
        page.push(req.reveal ? revealed(view, item.reporter) : view);
      }
      if (page.length > 0) yield page;
      if (rows.length < pageSize) return;
    }
  }

  return { revealed: req.reveal, pages: pages(), audit: () => recorded };
}

/**
 * The view with the reporter in clear, in list's key order, the sealed columns last. A damaged block
 * stays damaged (fields null, `reporterDamaged` true), as list and show show it: nothing to reveal,
 * and no crash. (One spread: rebuilding the object key by key cost ~10 µs an item.)
 */
function revealed(view: ItemView, r: Reporter): ExportedItem {
  return {
    ...view,
    reporterName: r.name ?? null, reporterId: r.idNumber ?? null, reporterPhone: r.phone ?? null, reporterAddress: r.address ?? null,
    reporterSealed: { ...r.sealed },
  };
}
