// How an export looks: list's item columns with every reporter field beside the reporter's name
// (masked, or in clear when revealed), and for a revealed export the sealed columns too.

import { FIELD_LABELS } from '../../domain/item.js';
import { say } from '../../domain/errors.js';
import type { ExportedItem } from '../../usecases/export.js';
import { itemListing } from './items.js';
import type { Column, Listing } from './listing.js';

const field = (key: 'reporterId' | 'reporterPhone' | 'reporterAddress'): Column<ExportedItem> => ({
  key, header: FIELD_LABELS[key], human: (v) => v[key],
});

/** Imported columns sealed with the reporter (`--map HEADER=sealed`): header → value as JSON, like `extra`. */
const sealed: Column<ExportedItem> = {
  key: 'reporterSealed', header: say('反映人其他信息', 'sealed reporter columns'),
  human: (v) => (v.reporterSealed && Object.keys(v.reporterSealed).length ? JSON.stringify(v.reporterSealed) : ''),
};

/** `columns` with `more` inserted after the column keyed `after`. */
function insertAfter<T>(columns: readonly Column<T>[], after: string, more: readonly Column<T>[]): Column<T>[] {
  const at = columns.findIndex((c) => c.key === after);
  return [...columns.slice(0, at + 1), ...more, ...columns.slice(at + 1)];
}

/**
 * The export as a listing: JSON rows are the items as `list --json` prints them (plus
 * `reporterSealed` when revealed); CSV has list's columns with reporterId, reporterPhone,
 * reporterAddress after reporterName (and reporterSealed when revealed); tables and Markdown add the
 * four reporter fields after the channel. A damaged reporter reads `（已损坏）`/`(damaged)` as in list.
 */
export function exportListing(pages: AsyncIterable<ExportedItem[]>, revealed: boolean): Listing<ExportedItem> {
  const base = itemListing(pages);
  const reporterName = base.csvColumns!.find((c) => c.key === 'reporterName')!;
  const reporterFields = [field('reporterId'), field('reporterPhone'), field('reporterAddress')];
  return {
    columns: insertAfter<ExportedItem>(base.columns, 'channel', [reporterName, ...reporterFields]),
    csvColumns: insertAfter<ExportedItem>(base.csvColumns!, 'reporterName', revealed ? [...reporterFields, sealed] : reporterFields),
    pages,
  };
}
