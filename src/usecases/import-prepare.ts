// The first half of an import, which needs no registry: decode and parse the file, match its
// header, and turn each record into a validated draft with its content fingerprint and reporter
// hashes — or into the problems that reject it. It runs in a worker thread for large files, so
// that this work and the inserts (import.ts) share the machine's two cores.

import { planColumns, parseMapping, type ColumnPlan } from '../domain/columns.js';
import type { IsoDate } from '../domain/dates.js';
import { buildDraft, type RawDraft } from '../domain/draft.js';
import { say, usageError, XinfangError, type Bilingual } from '../domain/errors.js';
import { FIELD_LABELS, type DraftField, type ItemDraft } from '../domain/item.js';
import { isSuperior, type Source } from '../domain/vocabulary.js';
import { openCsv, type CsvRecord } from '../csv/reader.js';
import { packItem, type PackedValue } from '../store/bulk.js';
import { fingerprintText } from '../store/items.js';
import type { ReporterHashes, Vault } from '../store/vault.js';

export type EncodingChoice = 'auto' | 'utf-8' | 'gb18030';

export interface PrepareOptions {
  encoding: EncodingChoice;
  /** Already checked against the vocabulary. */
  source?: Source;
  forwardedBy?: string;
  map: readonly string[];
  today: IsoDate;
}

export interface RowProblem {
  line: number;
  /** The header of the column at fault, a flag such as `--source`, or null for the whole row. */
  column: string | null;
  value: string;
  message: Bilingual;
}

export interface ValidRow {
  line: number;
  draft: ItemDraft;
  fingerprint: number;
  hashes: ReporterHashes;
}

export interface RejectedRow {
  line: number;
  fields: string[];
  problems: RowProblem[];
}

/**
 * A batch of prepared rows. Valid rows travel packed (store/bulk.ts): between threads one flat
 * array of primitives is far cheaper to copy than a thousand small objects.
 */
export interface PreparedBatch {
  type: 'batch';
  packed: PackedValue[];
  rejected: RejectedRow[];
  warnings: RowProblem[];
  bytesRead: number;
}

export type PrepareMessage =
  | { type: 'ready'; encoding: string; delimiter: string; headers: string[]; unknownColumns: string[] }
  | PreparedBatch;

export async function* prepareImport(
  input: NodeJS.ReadableStream | AsyncIterable<Buffer>,
  o: PrepareOptions,
  vault: Pick<Vault, 'digest' | 'reporterHashes'>,
): AsyncGenerator<PrepareMessage> {
  const { map, problems: mapProblems } = parseMapping(o.map);
  if (mapProblems.length > 0) throw usageError(mapProblems[0]!, undefined, mapProblems.slice(1));
  const reader = await openCsv(input, { encoding: o.encoding });
  const plan = planColumns(reader.header.fields, map);
  if (plan.problems.length > 0) {
    throw usageError(plan.problems[0]!, say('列名重复时用 --map 指明对应关系', 'use --map to say which column is which'), plan.problems.slice(1));
  }
  // With no source column and no --source, the file holds what its name says: forwarded cases.
  const sourceDefault: Source | undefined = o.source ?? (plan.fields.includes('source') ? undefined : 'superior-forwarded');
  checkColumns(plan, sourceDefault, o.forwardedBy);
  yield { type: 'ready', encoding: reader.encoding, delimiter: reader.delimiter, headers: plan.headers, unknownColumns: plan.unknown };

  const rows = new RowPreparer(plan, {
    today: o.today,
    requireSummary: false,
    defaults: { source: sourceDefault, forwardedBy: o.forwardedBy, channel: 'other', kind: 'accusation' },
  }, vault);
  for await (const records of reader.batches()) {
    const batch: PreparedBatch = { type: 'batch', packed: [], rejected: [], warnings: [], bytesRead: reader.bytesRead() };
    for (const r of records) {
      // Excel saves rows it thinks are used as bare delimiters (`,,,,`): nothing to import.
      if (r.fields.every((v) => v.trim() === '')) continue;
      const row = rows.prepare(r);
      if ('problems' in row) batch.rejected.push(row);
      else {
        packItem(batch.packed, row.line, row.draft, row.fingerprint, row.hashes);
        for (const w of row.warnings) batch.warnings.push(w);
      }
    }
    yield batch;
  }
}

class RowPreparer {
  private readonly width: number;
  private readonly columnOf = new Map<DraftField, string>();

  constructor(
    private readonly plan: ColumnPlan,
    private readonly policy: Parameters<typeof buildDraft>[2],
    private readonly vault: Pick<Vault, 'digest' | 'reporterHashes'>,
  ) {
    this.width = plan.fields.length;
    plan.fields.forEach((f, i) => { if (f && !this.columnOf.has(f)) this.columnOf.set(f, plan.headers[i]!); });
  }

  private columnFor(f: DraftField): string {
    return this.columnOf.get(f) ?? (f === 'source' ? '--source' : f === 'forwardedBy' ? '--forwarded-by' : FIELD_LABELS[f].zh);
  }

  prepare(r: CsvRecord): RejectedRow | (ValidRow & { warnings: RowProblem[] }) {
    const n = r.fields.length;
    if (n < this.width || (n > this.width && r.fields.slice(this.width).some((v) => v.trim() !== ''))) {
      return {
        line: r.line, fields: r.fields,
        problems: [{ line: r.line, column: null, value: '', message: say(`有 ${n} 个字段，表头有 ${this.width} 列`, `${n} fields, but the header has ${this.width} columns`) }],
      };
    }
    const raw: RawDraft = {};
    const extra: Record<string, string> = {};
    for (let i = 0; i < this.width; i++) {
      const v = r.fields[i]!;
      const f = this.plan.fields[i];
      if (f) raw[f] = v;
      else if (v.trim() !== '') extra[this.plan.extraKeys[i]!] = v;
    }
    const res = buildDraft(raw, extra, this.policy);
    const toRow = (p: { field: DraftField; value: string; message: Bilingual }): RowProblem =>
      ({ line: r.line, column: this.columnFor(p.field), value: p.value, message: p.message });
    if (!res.draft) return { line: r.line, fields: r.fields, problems: res.problems.map(toRow) };
    return {
      line: r.line, draft: res.draft,
      fingerprint: this.vault.digest(fingerprintText(res.draft)),
      hashes: this.vault.reporterHashes(res.draft.reporter),
      warnings: res.warnings.map(toRow),
    };
  }
}

/** Header-level checks: a column every row needs is missing altogether. */
function checkColumns(plan: ColumnPlan, sourceDefault: Source | undefined, forwardedBy: string | undefined): void {
  const has = (f: DraftField) => plan.fields.includes(f);
  const missing: Bilingual[] = [];
  const accepted = (f: DraftField, names: string) => say(`文件没有${FIELD_LABELS[f].zh}列（可用列名：${names}；或用 --map 列名=${f}）`, `the file has no ${FIELD_LABELS[f].en} column (headers accepted: ${names}; or --map HEADER=${f})`);
  if (!has('received')) missing.push(accepted('received', '收件日期、受理日期、来文日期、登记日期'));
  if (!has('summary') && !has('category')) missing.push(accepted('summary', '内容摘要、主要问题摘要、反映内容、问题类别'));
  if (!has('source') && sourceDefault && isSuperior(sourceDefault) && !has('forwardedBy') && forwardedBy === undefined) {
    missing.push(say('文件没有转办机关列，也没有给出 --forwarded-by', 'the file has no forwarded-by column and --forwarded-by is not given'));
  }
  if (missing.length > 0) {
    throw new XinfangError('usage', missing[0]!, say(`表头：${plan.headers.join('、')}`, `header: ${plan.headers.join(', ')}`), missing.slice(1));
  }
}
