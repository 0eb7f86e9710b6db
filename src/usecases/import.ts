// Import forwarded cases from a CSV file (SPEC 7): decode, match headers, validate every row,
// and insert in one transaction — all or nothing by default, the valid rows with --skip-invalid.
// Re-importing is idempotent: (forwardedBy, ref), or the row's whole content when it has no
// reference, identifies an item already present; the same key with other content is a conflict.

import { planColumns, parseMapping, type ColumnPlan } from '../domain/columns.js';
import { buildDraft, type RawDraft } from '../domain/draft.js';
import { say, usageError, XinfangError, type Bilingual } from '../domain/errors.js';
import { FIELD_LABELS, type DraftField } from '../domain/item.js';
import { nonEmpty } from '../domain/text.js';
import { isSuperior, vocab, type Source } from '../domain/vocabulary.js';
import { openCsv, type CsvRecord } from '../csv/reader.js';
import { appendAudit } from '../store/audit.js';
import { sqliteBulkWriter } from '../store/bulk.js';
import { fingerprintText } from '../store/items.js';
import { today, type UseCaseContext } from './context.js';

export type EncodingChoice = 'auto' | 'utf-8' | 'gb18030';

export interface ImportOptions {
  input: NodeJS.ReadableStream | AsyncIterable<Buffer>;
  /** The file name for messages and the audit log ('-' for stdin). */
  fileName: string;
  encoding: EncodingChoice;
  source?: string;
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

export interface RowProblem {
  line: number;
  /** The header of the column at fault, a flag such as `--source`, or null for the whole row. */
  column: string | null;
  value: string;
  message: Bilingual;
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
  possibleDuplicates: number;
  warnings: number;
  unknownColumns: string[];
  dryRun: boolean;
  /** False when nothing was written: a dry run, or rows were rejected without --skip-invalid. */
  committed: boolean;
  firstCode: string | null;
  lastCode: string | null;
}

/** Thrown inside the transaction to roll it back while keeping the figures. */
class Rollback extends Error {
  constructor(readonly summary: ImportSummary) {
    super('rollback');
  }
}

export function rowProblemText(p: RowProblem): Bilingual {
  const col = p.column === null ? null : p.column;
  const value = p.value === '' ? null : p.value;
  return say(
    `第 ${p.line} 行${col !== null ? `，“${col}”列` : ''}${value !== null ? `：“${value}”` : ''}：${p.message.zh}`,
    `line ${p.line}${col !== null ? `, column ${col}` : ''}${value !== null ? `: value "${value}"` : ''}: ${p.message.en}`,
  );
}

export async function importCsv(ctx: UseCaseContext, o: ImportOptions): Promise<ImportSummary> {
  const { map, problems: mapProblems } = parseMapping(o.map);
  if (mapProblems.length > 0) throw usageError(mapProblems[0]!, undefined, mapProblems.slice(1));
  let defaultSource: Source | undefined;
  if (o.source !== undefined) {
    defaultSource = vocab.source.parse(o.source);
    if (defaultSource === undefined) {
      throw usageError(say(`--source “${o.source}”：无法识别（可用：${vocab.source.accepted('zh')}）`, `--source "${o.source}": unknown source (accepted: ${vocab.source.accepted('en')})`));
    }
  }
  const forwardedBy = nonEmpty(o.forwardedBy);

  const reader = await openCsv(o.input, { encoding: o.encoding });
  const plan = planColumns(reader.header.fields, map);
  if (plan.problems.length > 0) throw usageError(plan.problems[0]!, say('列名重复时用 --map 指明对应关系', 'use --map to say which column is which'), plan.problems.slice(1));
  // With no source column and no --source, the file holds what its name says: forwarded cases.
  const sourceDefault: Source | undefined = defaultSource ?? (plan.fields.includes('source') ? undefined : 'superior-forwarded');
  checkColumns(plan, sourceDefault, forwardedBy);

  const columnOf = new Map<DraftField, string>();
  plan.fields.forEach((f, i) => { if (f && !columnOf.has(f)) columnOf.set(f, plan.headers[i]!); });
  const flagOf: Partial<Record<DraftField, string>> = { source: '--source', forwardedBy: '--forwarded-by' };
  const columnFor = (f: DraftField): string | null => columnOf.get(f) ?? flagOf[f] ?? FIELD_LABELS[f].zh;

  const vault = await ctx.vault();
  const now = ctx.now();
  const policy = {
    today: today(ctx),
    requireSummary: false,
    defaults: { source: sourceDefault, forwardedBy, channel: 'other', kind: 'accusation' } as RawDraft,
  };
  const width = plan.fields.length;
  const summary: ImportSummary = {
    file: o.fileName, encoding: reader.encoding, delimiter: reader.delimiter, rows: 0, imported: 0, alreadyPresent: 0,
    conflicts: 0, rejected: 0, possibleDuplicates: 0, warnings: 0, unknownColumns: plan.unknown, dryRun: o.dryRun,
    committed: false, firstCode: null, lastCode: null,
  };

  const rowProblems = (r: CsvRecord): RowProblem[] | RawDraft & { extra: Record<string, string> } => {
    const n = r.fields.length;
    if (n < width || (n > width && r.fields.slice(width).some((v) => v.trim() !== ''))) {
      return [{
        line: r.line, column: null, value: '',
        message: say(`有 ${n} 个字段，表头有 ${width} 列`, `${n} fields, but the header has ${width} columns`),
      }];
    }
    const raw: RawDraft & { extra: Record<string, string> } = { extra: {} };
    for (let i = 0; i < width; i++) {
      const v = r.fields[i]!;
      const f = plan.fields[i];
      if (f) raw[f] = v;
      else if (v.trim() !== '') raw.extra[plan.extraKeys[i]!] = v;
    }
    return raw;
  };

  try {
    await ctx.registry.write(async (trx) => {
      const writer = sqliteBulkWriter(ctx.registry, vault, { at: now.toISOString(), operator: ctx.operator, via: 'import', file: o.fileName });
      for await (const batch of reader.batches()) {
        for (const r of batch) {
          summary.rows++;
          const raw = rowProblems(r);
          if (Array.isArray(raw)) {
            reject(r, raw);
            continue;
          }
          const res = buildDraft(raw, raw.extra, policy);
          for (const w of res.warnings) {
            summary.warnings++;
            o.onWarning?.({ line: r.line, column: columnFor(w.field), value: w.value, message: w.message });
          }
          if (!res.draft) {
            reject(r, res.problems.map((p) => ({ line: r.line, column: columnFor(p.field), value: p.value, message: p.message })));
            continue;
          }
          const fingerprint = vault.digest(fingerprintText(res.draft));
          const presence = writer.presence(res.draft, fingerprint);
          if (presence.state === 'same') {
            summary.alreadyPresent++;
          } else if (presence.state === 'conflict') {
            summary.conflicts++;
            o.onProblem?.({
              line: r.line, header: plan.headers, fields: r.fields, kind: 'conflict',
              problems: [{
                line: r.line, column: null, value: '',
                message: say(
                  `转办机关“${res.draft.forwardedBy}”、来文编号“${res.draft.ref}”已登记为 ${presence.code}，但内容不同；未导入，也未覆盖（冲突）`,
                  `forwarded by "${res.draft.forwardedBy}" with reference "${res.draft.ref}" is already registered as ${presence.code} with other content; not imported, not overwritten (conflict)`,
                ),
              }],
            });
          } else {
            const code = writer.insert(res.draft, fingerprint);
            summary.imported++;
            summary.firstCode ??= code;
            summary.lastCode = code;
          }
        }
        o.onProgress?.(reader.bytesRead());
      }
      writer.flush();
      summary.possibleDuplicates = writer.countSharedReporters();
      if (o.dryRun || (summary.rejected > 0 && !o.skipInvalid)) throw new Rollback(summary);
      if (summary.imported > 0 || summary.conflicts > 0 || summary.rejected > 0) {
        const range = writer.range();
        await appendAudit(trx, {
          at: now, operator: ctx.operator, action: 'import',
          details: {
            file: o.fileName, encoding: summary.encoding, rows: summary.rows, imported: summary.imported,
            alreadyPresent: summary.alreadyPresent, conflicts: summary.conflicts, rejected: summary.rejected,
            firstCode: summary.firstCode, lastCode: summary.lastCode, ids: range ? [range.firstId, range.lastId] : null,
          },
        });
      }
      summary.committed = true;
    });
  } catch (e) {
    if (e instanceof Rollback) return e.summary;
    throw e;
  }
  return summary;

  function reject(r: CsvRecord, problems: RowProblem[]): void {
    summary.rejected++;
    o.onProblem?.({ line: r.line, header: plan.headers, fields: r.fields, kind: 'invalid', problems });
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
