// The first half of an import, which needs no registry: decode and parse the file (or read the
// spreadsheet, import-xlsx.ts), find and match its header, and turn each record into a validated
// draft with its content fingerprint and reporter hashes — or into the problems that reject it.
// It runs in a worker thread for large CSV files, so that this work and the inserts (import.ts)
// share the machine's two cores.
//
// Spreadsheets as offices send them (SPEC 7): the header may sit below a title row; 序号 and the
// rejects file's own 行号/错误原因 columns are dropped; total rows (合计 …) are skipped, not
// rejected; a cell our CSV for people neutralised ('=…) is read without its apostrophe; 工作单位及职务
// is split into unit and post. Excel serial dates are read as dates only from a spreadsheet's
// number cells (that is how Excel stores a date); in CSV a bare 42524 is refused with the date it
// stands for (domain/dates.ts), since a CSV cannot say whether the number was meant.

import { isKnownHeader, planColumns, parseMapping, type ColumnPlan } from '../domain/columns.js';
import { parseDate, type IsoDate } from '../domain/dates.js';
import { buildDraft, type RawDraft } from '../domain/draft.js';
import { say, XinfangError, type Bilingual } from '../domain/errors.js';
import { contentText } from '../domain/identity.js';
import { FIELD_LABELS, type DraftField, type ItemDraft } from '../domain/item.js';
import { maskIdNumber, maskPhone } from '../domain/reporter.js';
import { findReporterNumber, type ReporterNumber } from '../domain/reporter-numbers.js';
import { findHeaderRow, isTotalRow, splitUnitAndPost } from '../domain/spreadsheet.js';
import { restoreFormula } from '../domain/text.js';
import { isSuperior, type Source } from '../domain/vocabulary.js';
import { openCsv, type CsvRecord } from '../csv/reader.js';
import { packItem, type PackedValue } from '../store/bulk.js';
import type { ReporterHashes, Vault } from '../store/vault.js';
import type { RowDigester } from '../domain/row-digest.js';

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
  /** The row's cells as the importer read them (a neutralised `'=…` restored): the rejects writer neutralises them once again. */
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
  /** Total rows (合计 …) skipped in this batch: neither items nor rejected rows. */
  totalRows: number;
  bytesRead: number;
}

/**
 * Where records come from: the CSV reader, or a spreadsheet's sheet (import-xlsx.ts). `header`
 * is the first record; the header row proper may be a few rows further down.
 */
export interface RecordSource {
  /** `utf-8`, `gb18030`, or `xlsx`. */
  encoding: string;
  /** The CSV delimiter; '' for a spreadsheet. */
  delimiter: string;
  header: CsvRecord;
  batches(): AsyncIterable<CsvRecord[]>;
  bytesRead(): number;
  /**
   * Cells come typed from a spreadsheet: a date cell is already ISO, and a number in the received
   * column is Excel's stored date (42524 = 2016-06-03).
   */
  typed: boolean;
}

/** The header as the importer found it; the use case reads `encoding`, `delimiter`, `headers` and `unknownColumns`. */
export interface ReadyMessage {
  type: 'ready';
  encoding: string;
  delimiter: string;
  /** The header row's cells (for writing rejected rows back out): every column but an earlier rejects file's 行号 and 错误原因. */
  headers: string[];
  /** Columns kept verbatim in `extra`. */
  unknownColumns: string[];
  /** The header row's line (1 unless a title row sits above it). */
  headerLine: number;
  /** Columns not imported (序号, 行号, 错误原因, `--map H=ignore`). */
  droppedColumns: string[];
  /** Columns sealed with the reporter (`--map H=sealed`). */
  sealedColumns: string[];
  /** Columns taken as a reporter field by their header's words: [header, field]. */
  reporterColumns: [string, DraftField][];
}

export type PrepareMessage = ReadyMessage | PreparedBatch;

/** Prepares a CSV import: decodes and parses `input`, then as prepareRecords. */
export async function* prepareImport(
  input: NodeJS.ReadableStream | AsyncIterable<Buffer>,
  o: PrepareOptions,
  vault: Pick<Vault, 'digest' | 'reporterHashes' | 'rowDigester'>,
): AsyncGenerator<PrepareMessage> {
  const { problems: mapProblems } = parseMapping(o.map);
  // A bad --map is a usage error before the file is even opened.
  if (mapProblems.length > 0) throw new XinfangError('usage', mapProblems[0]!, undefined, mapProblems.slice(1));
  const reader = await openCsv(input, { encoding: o.encoding });
  yield* prepareRecords({ ...reader, typed: false }, o, vault);
}

/** Records a cell-level look at the first data rows takes: enough to tell a column's values apart. */
const SAMPLE_ROWS = 500;

/**
 * Prepares records from any source: finds the header row, plans the columns (refusing, all at
 * once, whatever is wrong with the header: missing columns, a `--map` header not in the file,
 * reporter data that cannot be placed), then yields a 'ready' message and batches of packed
 * valid rows, rejected rows and warnings. Throws XinfangError('usage') for a header problem.
 */
export async function* prepareRecords(
  source: RecordSource,
  o: PrepareOptions,
  vault: Pick<Vault, 'digest' | 'reporterHashes' | 'rowDigester'>,
): AsyncGenerator<PrepareMessage> {
  const { map, problems: mapProblems } = parseMapping(o.map);
  const it = source.batches()[Symbol.asyncIterator]();
  try {
    const firstBatch = await it.next();
    const leading = [source.header, ...(firstBatch.done ? [] : firstBatch.value)];
    const at = findHeaderRow(leading.map((r) => r.fields), (cell) => isKnownHeader(cell, map));
    const header = leading[at]!;
    const rest = leading.slice(at + 1);
    const sample: string[][] = [];
    for (const r of rest) {
      if (sample.length >= SAMPLE_ROWS) break;
      const fields = r.fields.map(restoreCell);
      if (!isTotalRow(fields)) sample.push(fields);
    }
    const plan = planColumns(header.fields, map, sample);
    // With no source column and no --source, the file holds what its name says: forwarded cases.
    const sourceDefault: Source | undefined = o.source ?? (plan.fields.includes('source') ? undefined : 'superior-forwarded');
    const problems = [...mapProblems, ...missingColumns(plan, sourceDefault, o.forwardedBy), ...plan.problems];
    if (problems.length > 0) {
      const headerText = say(`表头（第 ${header.line} 行）：${plan.headers.join('、')}`, `header (line ${header.line}): ${plan.headers.join(', ')}`);
      const clash = plan.problems.length > 0 || mapProblems.length > 0;
      throw new XinfangError('usage', problems[0]!, clash ? say(`用 --map 列名=字段 指明对应关系；${headerText.zh}`, `use --map HEADER=field to say which column is which; ${headerText.en}`) : headerText, problems.slice(1));
    }
    yield {
      type: 'ready', encoding: source.encoding, delimiter: source.delimiter, headers: echoed(plan, plan.headers), unknownColumns: plan.unknown,
      headerLine: header.line, droppedColumns: plan.dropped, sealedColumns: plan.sealed, reporterColumns: plan.reporterMapped,
    };

    const rows = new RowPreparer(plan, {
      today: o.today,
      requireSummary: false,
      defaults: { source: sourceDefault, forwardedBy: o.forwardedBy, channel: 'other', kind: 'accusation' },
    }, vault, source.typed);
    if (rest.length > 0) yield rows.batch(rest, source.bytesRead());
    for (;;) {
      const next = await it.next();
      if (next.done) break;
      yield rows.batch(next.value, source.bytesRead());
    }
  } finally {
    await it.return?.();
  }
}

/** A row's cells as written to the rejects file: without the columns an earlier rejects file added, which it adds afresh. */
function echoed(plan: ColumnPlan, cells: string[]): string[] {
  if (plan.rejectsColumns.length === 0 || cells.length !== plan.headers.length) return cells;
  return cells.filter((_, i) => !plan.rejectsColumns.includes(i));
}

/** A cell as our own CSV for people wrote it, read back: `'=1` → `=1` (SPEC 5). Most cells leave at the first test. */
function restoreCell(v: string): string {
  return v.charCodeAt(0) === 39 ? restoreFormula(v) : v;
}

class RowPreparer {
  private readonly width: number;
  private readonly columnOf = new Map<DraftField, string>();
  /** Columns whose cells are checked for reporter numbers: every column kept verbatim, the clerk's `=extra` too (SPEC 5). */
  private readonly guarded: boolean[];

  constructor(
    private readonly plan: ColumnPlan,
    private readonly policy: Parameters<typeof buildDraft>[2],
    private readonly vault: Pick<Vault, 'digest' | 'reporterHashes' | 'rowDigester'>,
    private readonly typed: boolean,
  ) {
    this.width = plan.fields.length;
    plan.fields.forEach((f, i) => { if (f && !this.columnOf.has(f)) this.columnOf.set(f, plan.headers[i]!); });
    this.guarded = plan.roles.map((r) => r.kind === 'extra');
    this.digester = vault.rowDigester();
  }

  private readonly digester: RowDigester;

  private columnFor(f: DraftField): string {
    return this.columnOf.get(f) ?? (f === 'source' ? '--source' : f === 'forwardedBy' ? '--forwarded-by' : FIELD_LABELS[f].zh);
  }

  batch(records: readonly CsvRecord[], bytesRead: number): PreparedBatch {
    const batch: PreparedBatch = { type: 'batch', packed: [], rejected: [], warnings: [], totalRows: 0, bytesRead };
    for (const r of records) {
      // Excel saves rows it thinks are used as bare delimiters (`,,,,`): nothing to import.
      if (r.fields.every((v) => v.trim() === '')) continue;
      if (isTotalRow(r.fields)) {
        batch.totalRows++;
        continue;
      }
      const row = this.prepare(r);
      if ('problems' in row) batch.rejected.push(row);
      else {
        packItem(batch.packed, row.line, row.draft, row.fingerprint, row.hashes, this.digester);
        for (const w of row.warnings) batch.warnings.push(w);
      }
    }
    return batch;
  }

  prepare(r: CsvRecord): RejectedRow | (ValidRow & { warnings: RowProblem[] }) {
    const n = r.fields.length;
    if (n < this.width || (n > this.width && r.fields.slice(this.width).some((v) => v.trim() !== ''))) {
      return {
        line: r.line, fields: r.fields.map(restoreCell),
        problems: [{ line: r.line, column: null, value: '', message: say(`有 ${n} 个字段，表头有 ${this.width} 列`, `${n} fields, but the header has ${this.width} columns`) }],
      };
    }
    const raw: RawDraft = {};
    const extra: Record<string, string> = {};
    let sealed: Record<string, string> | undefined;
    let unitAndPost: string | undefined;
    const own: RowProblem[] = [];
    const roles = this.plan.roles;
    for (let i = 0; i < this.width; i++) {
      const v = restoreCell(r.fields[i]!);
      const role = roles[i]!;
      switch (role.kind) {
        case 'field': raw[role.field] = v; break;
        case 'unitAndPost': unitAndPost = v; break;
        case 'sealed':
          if (v.trim() !== '') (sealed ??= {})[role.key] = v;
          break;
        case 'extra':
          if (v.trim() === '') break;
          if (this.guarded[i]) {
            const found = findReporterNumber(v);
            if (found !== undefined) {
              own.push(reporterNumberProblem(r.line, this.plan.headers[i]!, found));
              break;
            }
          }
          extra[role.key] = v;
          break;
        case 'dropped': break;
      }
    }
    if (unitAndPost !== undefined) {
      const { unit, post } = splitUnitAndPost(unitAndPost);
      if (unit !== undefined && (raw.accusedUnit ?? '').trim() === '') raw.accusedUnit = unit;
      if (post !== undefined && (raw.accusedPost ?? '').trim() === '') raw.accusedPost = post;
    }
    // A spreadsheet's number cell in the date column is how Excel stores a date.
    if (this.typed && raw.received !== undefined) {
      const p = parseDate(raw.received);
      if (!p.ok && p.reason === 'excel-serial') raw.received = p.date;
    }
    const res = buildDraft(raw, extra, this.policy);
    const toRow = (p: { field: DraftField; value: string; message: Bilingual }): RowProblem =>
      ({ line: r.line, column: this.columnFor(p.field), value: p.value, message: p.message });
    if (!res.draft || own.length > 0) return { line: r.line, fields: echoed(this.plan, r.fields.map(restoreCell)), problems: [...res.problems.map(toRow), ...own] };
    const draft: ItemDraft = sealed ? { ...res.draft, reporter: { ...res.draft.reporter, sealed } } : res.draft;
    return {
      line: r.line, draft,
      fingerprint: this.vault.digest(contentText(draft)),
      hashes: this.vault.reporterHashes(draft.reporter),
      warnings: res.warnings.map(toRow),
    };
  }
}

/**
 * A phone or ID number in a column kept verbatim, alone or inside text: the row is refused (SPEC 5),
 * the message shows only the number, masked (never the rest of the cell, which may hold a name).
 * The reporter field is offered only for a cell that is the number alone.
 */
function reporterNumberProblem(line: number, header: string, found: ReporterNumber): RowProblem {
  const what = found.shape === 'id' ? say('身份证号', 'an ID number') : say('电话号码', 'a phone number');
  const field = found.shape === 'id' ? 'reporterId' : 'reporterPhone';
  const zhField = found.whole ? `、--map "${header}=${field}"` : '';
  const enField = found.whole ? `, --map "${header}=${field}"` : '';
  return {
    line, column: header, value: (found.shape === 'id' ? maskIdNumber(found.digits) : maskPhone(found.digits)) ?? '',
    message: say(
      `${found.whole ? '像是' : '含有'}${what.zh}；反映人信息不能原样保存，请用 --map "${header}=sealed"（加密保存）${zhField} 或 --map "${header}=ignore"`,
      `${found.whole ? 'looks like' : 'contains'} ${what.en}; reporter data is never kept verbatim: use --map "${header}=sealed"${enField} or --map "${header}=ignore"`,
    ),
  };
}

/** Header-level checks: every column every row needs and the file lacks, all at once. */
function missingColumns(plan: ColumnPlan, sourceDefault: Source | undefined, forwardedBy: string | undefined): Bilingual[] {
  const has = (f: DraftField) => plan.fields.includes(f);
  const missing: Bilingual[] = [];
  const accepted = (f: DraftField, names: string) => say(`文件没有${FIELD_LABELS[f].zh}列（可用列名：${names}；或用 --map 列名=${f}）`, `the file has no ${FIELD_LABELS[f].en} column (headers accepted: ${names}; or --map HEADER=${f})`);
  if (!has('received')) missing.push(accepted('received', '收件日期、收文日期、受理日期、来文日期、登记日期'));
  if (!has('summary') && !has('category')) missing.push(accepted('summary', '内容摘要、主要问题摘要、反映内容、问题类别、问题性质'));
  if (!has('source') && sourceDefault && isSuperior(sourceDefault) && !has('forwardedBy') && forwardedBy === undefined) {
    missing.push(say('文件没有转办机关列，也没有给出 --forwarded-by', 'the file has no forwarded-by column and --forwarded-by is not given'));
  }
  return missing;
}
