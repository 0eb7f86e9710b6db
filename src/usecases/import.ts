// Import forwarded cases from a CSV file (SPEC 7): rows prepared by import-prepare.ts (in a worker
// for large files) are inserted in one transaction — all or nothing by default, the valid rows
// with --skip-invalid. Re-importing is idempotent: (forwardedBy, ref), or the row's whole content
// when it has no reference, identifies an item already present; the same key with other content
// is a conflict, reported and never overwritten.

import { say, type Bilingual } from '../domain/errors.js';
import { DigestSum, parseDigest } from '../domain/row-digest.js';
import { nonEmpty } from '../domain/text.js';
import type { Source } from '../domain/vocabulary.js';
import { appendAudit } from '../store/audit.js';
import type { Presence } from '../store/bulk.js';
import type { Db } from '../store/registry.js';
import { intakeOfItem, rowRecord } from '../store/row-digests.js';
import { addImportedItems } from '../store/item-state.js';
import type { Vault } from '../store/vault.js';
import { ImportedRows, importCandidates, type DupCandidate } from './dupscan.js';
import { today, type UseCaseContext } from './context.js';
import type { EncodingChoice, RowProblem } from './import-prepare.js';
import { preparedMessages, type ImportInput } from './import-source.js';

export type { EncodingChoice, RowProblem } from './import-prepare.js';
export type { ImportInput } from './import-source.js';

export interface ImportOptions {
  input: ImportInput;
  /** The file name for messages and the audit log ('-' for stdin). */
  fileName: string;
  encoding: EncodingChoice;
  source?: Source;
  forwardedBy?: string;
  /** `--map HEADER=field` specs. */
  map: readonly string[];
  dryRun: boolean;
  skipInvalid: boolean;
  onProgress?: (bytesRead: number) => void;
  /** Every problem as it is found (rejected rows and conflicts). */
  onProblem?: (p: RowReport) => void;
  /** Warnings about rows that were still accepted (e.g. an ID number with a bad check digit). */
  onWarning?: (p: RowProblem) => void;
}

export interface RowReport {
  line: number;
  /** The file's header row, for writing rejected rows back out. */
  header: string[];
  fields: string[];
  kind: 'invalid' | 'conflict';
  problems: RowProblem[];
}

export interface ImportSummary {
  file: string;
  encoding: string;
  delimiter: string;
  rows: number;
  imported: number;
  alreadyPresent: number;
  conflicts: number;
  rejected: number;
  /**
   * How many new items are possible duplicates (the length of duplicateCandidates); null when
   * nothing was written (a dry run or a refused file): an uncommitted, unaudited run must not
   * answer whether a phone or ID belongs to a reporter in the registry (SPEC 5).
   */
  possibleDuplicates: number | null;
  /** What a dry run or a refused file would have registered; null once committed (then see `imported`). */
  wouldImport: number | null;
  /**
   * The possible duplicates among the new items (SPEC 7: counted, listed with --json): each with the
   * earlier item it looks like and why (same accused in the same unit, same reporter); null when
   * nothing was written.
   */
  duplicateCandidates: DupCandidate[] | null;
  warnings: number;
  unknownColumns: string[];
  dryRun: boolean;
  /** False when nothing was written: a dry run, or rows were rejected without --skip-invalid. */
  committed: boolean;
  firstCode: string | null;
  lastCode: string | null;
}

/** Conflicts listed one by one (all are counted): a whole file re-sent with other content stays in bounded memory. */
const MAX_CONFLICTS_LISTED = 10_000;

/** A forwarded-case row is 200 to 400 bytes; the lower figure errs toward expecting more rows. */
const BYTES_PER_ROW = 250;

/** Thrown inside the transaction to roll it back while keeping the figures. */
class Rollback extends Error {
  constructor(readonly summary: ImportSummary) {
    super('rollback');
  }
}

export function rowProblemText(p: RowProblem): Bilingual {
  const value = p.value === '' ? null : p.value;
  return say(
    `第 ${p.line} 行${p.column !== null ? `，“${p.column}”列` : ''}${value !== null ? `：“${value}”` : ''}：${p.message.zh}`,
    `line ${p.line}${p.column !== null ? `, column ${p.column}` : ''}${value !== null ? `: value "${value}"` : ''}: ${p.message.en}`,
  );
}

export async function importCsv(ctx: UseCaseContext, o: ImportOptions): Promise<ImportSummary> {
  const vault = await ctx.vault();
  const now = ctx.now();
  const messages = preparedMessages(o.input, { encoding: o.encoding, source: o.source, forwardedBy: nonEmpty(o.forwardedBy), map: o.map, today: today(ctx) }, vault);
  // The header is read (and refused, if need be) before the registry is locked for writing.
  const first = await messages.next();
  if (first.done || first.value.type !== 'ready') throw new Error('import: the file reader said nothing');
  const ready = first.value;
  const summary: ImportSummary = {
    file: o.fileName, encoding: ready.encoding, delimiter: ready.delimiter, rows: 0, imported: 0, alreadyPresent: 0,
    conflicts: 0, rejected: 0, possibleDuplicates: null, wouldImport: null, duplicateCandidates: null, warnings: 0, unknownColumns: ready.unknownColumns, dryRun: o.dryRun,
    committed: false, firstCode: null, lastCode: null,
  };

  const conflicts: Presence[] = [];
  /** Rows found present through their content alone in the registry (not earlier in the file). */
  let presentByContent = 0;
  /** This run's first new sequence number per year: its codes are those from it on. */
  const firstNewSeq = new Map<number, number>();
  const registeredByThisRun = (code: string) => Number(code.slice(5)) >= (firstNewSeq.get(Number(code.slice(0, 4))) ?? Infinity);
  try {
    await ctx.registry.write(async (trx) => {
      const writer = await ctx.registry.bulkWriter(trx, vault, { at: now.toISOString(), operator: ctx.operator, via: 'import', file: o.fileName }, {
        expectedRows: o.input.kind === 'file' ? o.input.size / BYTES_PER_ROW : 0,
      });
      // The new rows' cheap keys, kept as they are written for the candidates (not read back).
      const imported = o.dryRun ? undefined : new ImportedRows(true, o.input.kind === 'file' ? o.input.size / BYTES_PER_ROW : 0);
      for await (const m of messages) {
        if (m.type !== 'batch') continue;
        for (const row of m.rejected) {
          summary.rows++;
          summary.rejected++;
          o.onProblem?.({ line: row.line, header: ready.headers, fields: row.fields, kind: 'invalid', problems: row.problems });
        }
        for (const w of m.warnings) {
          summary.warnings++;
          o.onWarning?.(w);
        }
        const presences = await writer.addBatch(m.packed);
        imported?.addBatch(m.packed, presences);
        for (const added of presences) {
          summary.rows++;
          if (added.state === 'same') {
            summary.alreadyPresent++;
            if ((added.forwardedBy === null || added.ref === null) && !registeredByThisRun(added.code)) presentByContent++;
          } else if (added.state === 'conflict') {
            summary.conflicts++;
            // Reported once the import commits (and is audited): whether a row is the same or a
            // conflict depends on its reporter too, so an uncommitted run must not tell (SPEC 5).
            if (conflicts.length < MAX_CONFLICTS_LISTED) conflicts.push(added);
          } else {
            summary.imported++;
            summary.firstCode ??= added.code;
            summary.lastCode = added.code;
            const year = Number(added.code.slice(0, 4));
            if (!firstNewSeq.has(year)) firstNewSeq.set(year, Number(added.code.slice(5)));
          }
        }
        o.onProgress?.(m.bytesRead);
        // Let the event loop run between batches: when the parsing worker keeps ahead, every await
        // above resolves at once, and a Ctrl-C (the command's SIGINT handler: exit 130, nothing
        // committed) would wait until the import had committed.
        await new Promise((resolve) => setImmediate(resolve));
      }
      await writer.finish();
      if (o.dryRun || (summary.rejected > 0 && !o.skipInvalid)) {
        // Nothing is written: say what would be, with no codes and no duplicate count, and rows
        // whose reference is registered as present, same content or not (SPEC 5, 7). A row without
        // a forwarded reference is identified by its whole content, reporter included: found
        // present, it would confirm a guessed reporter with no audit entry, so it is counted as
        // would be registered (the import itself, audited, finds it present).
        summary.alreadyPresent += summary.conflicts - presentByContent;
        summary.conflicts = 0;
        summary.wouldImport = summary.imported + presentByContent;
        summary.imported = 0;
        summary.firstCode = null;
        summary.lastCode = null;
        throw new Rollback(summary);
      }
      // The import writes, and is audited: its candidates may use the reporters' keyed hashes (SPEC 5).
      // Listed for every import, large or small (SPEC 7: from cheap keys, so that imports keep their
      // speed): a few seconds at a million new rows (README, "Duplicates").
      const range = writer.range();
      if (range) await addImportedItems(trx, range.firstId, range.lastId);
      const candidates = await importCandidates(trx, range, { byReporter: true, imported });
      summary.possibleDuplicates = candidates.length;
      summary.duplicateCandidates = candidates;
      for (const c of conflicts) {
        o.onProblem?.({
          line: c.line, header: ready.headers, fields: [], kind: 'conflict',
          problems: [{
            line: c.line, column: null, value: '',
            message: say(
              `转办机关“${c.forwardedBy}”、来文编号“${c.ref}”已登记为 ${c.code}，但内容不同；未导入，也未覆盖（冲突）`,
              `forwarded by "${c.forwardedBy}" with reference "${c.ref}" is already registered as ${c.code} with other content; not imported, not overwritten (conflict)`,
            ),
          }],
        });
      }
      // Every committed run is audited, one that finds all its rows present too: it answered whether
      // each row (reporter included, for rows without a reference) is registered (SPEC 5).
      if (summary.rows > 0) {
        await appendAudit(trx, {
          at: now, operator: ctx.operator, action: 'import',
          details: {
            file: o.fileName, encoding: summary.encoding, rows: summary.rows, imported: summary.imported,
            alreadyPresent: summary.alreadyPresent, conflicts: summary.conflicts, rejected: summary.rejected,
            firstCode: summary.firstCode, lastCode: summary.lastCode, ids: range ? [range.firstId, range.lastId] : null,
            // How many of its rows the run was shown as sharing a reporter with an earlier item (SPEC 5).
            sameReporter: candidates.filter((c) => c.reasons.includes('same-reporter')).length,
            // What `audit verify` checks the rows against (SPEC 5): the ids written and their digest.
            ...(range ? { wrote: await importRecord(trx, vault, range, writer.rowDigest()) } : {}),
          },
        });
      }
      summary.committed = true;
    });
  } catch (e) {
    if (e instanceof Rollback) return e.summary;
    throw e;
  } finally {
    await messages.return(undefined);
  }
  return summary;
}

/**
 * What an import's audit entry records of the rows it wrote (SPEC 5): its items' id range with the
 * writer's digest of them (`itemsDigest`), and the intake row of the file, read back here.
 */
async function importRecord(trx: Db, vault: Vault, range: { firstId: number; lastId: number }, itemsDigest: string): Promise<Record<string, unknown>> {
  const intake = await intakeOfItem(trx, range.firstId);
  const intakeRecord = await rowRecord(trx, vault.rowDigester(), ['intakes', intake]);
  const digest = DigestSum.parse(itemsDigest)!.add(parseDigest(intakeRecord.digest)!).hex();
  return { items: [[range.firstId, range.lastId]], intakes: intakeRecord.intakes, digest };
}
