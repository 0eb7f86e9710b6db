// Looking items up: list with filters, show one with its history, reveal a reporter (audited).

import type { IsoDate } from '../domain/dates.js';
import { integrityError, say, notFound, usageError } from '../domain/errors.js';
import { formatCode, parseCode, type ItemView, type StoredItem } from '../domain/item.js';
import type { ItemEvent } from '../domain/events.js';
import { maskIdNumber, maskName, maskPhone, reporterTermKind, type Reporter } from '../domain/reporter.js';
import type { AuditEntry } from '../domain/audit.js';
import { vocab, type Disposal, type Status } from '../domain/vocabulary.js';
import { nonEmpty } from '../domain/text.js';
import { appendAudit, auditEntries } from '../store/audit.js';
import { countReporterMatches, eventsByItem, findItemRecord, itemRecordsByIds, queryItemKeys, queryItemRecords, ReporterReader, rowToItem, type ItemCursor, type ItemQuery, type ItemRecordRow, type ReporterMatch } from '../store/items.js';
import type { Vault } from '../store/vault.js';
import { today, type UseCaseContext } from './context.js';
import { itemView, itemViewOf } from './views.js';
import { itemStates } from '../store/events.js';
import { keptStates } from '../store/item-state.js';
import { loadDeadlineRules } from './calendar.js';
import { missedDeadlines } from './overdue.js';

export interface ListFilters extends Omit<ItemQuery, 'reporter' | 'after'> {
  /** A reporter's phone, ID number or name to look up (SPEC 5): needs `reason`, and is audited with its match count. */
  reporter?: string;
  reason?: string;
  statuses?: Status[];
  disposals?: Disposal[];
  asOf?: IsoDate;
  /** Recorded time (ISO instant): state as known then. */
  knownAt?: string;
  /** List void items too (they are left out unless asked for, or `statuses` names `void`). */
  includeVoid?: boolean;
  /** Only items with at least one missed deadline at `asOf` (SPEC 4). */
  overdue?: boolean;
  /** Only items handed to this office as of `asOf` (the state's assignedTo, matched exactly as `assign --to` stored it; SPEC 6 `list --office`). */
  office?: string;
}

/**
 * The items a filter selects, in received order, a page at a time (memory stays flat on a large
 * registry). Each page's state, and the status and disposal filters, come from the store's
 * state-as-of query: no events are folded here.
 */
export async function* listItemPages(ctx: UseCaseContext, f: ListFilters, pageSize = 2000): AsyncGenerator<ItemView[]> {
  const vault = await ctx.vault();
  const reporter = f.reporter !== undefined ? await auditedReporterLookup(ctx, vault, f.reporter, f.reason) : undefined;
  const asOf = f.asOf ?? today(ctx);
  const statuses = f.statuses?.length ? f.statuses : f.includeVoid ? undefined : vocab.status.codes().filter((c) => c !== 'void');
  const byState = Boolean(f.statuses?.length || f.disposals?.length || f.overdue || f.office !== undefined);
  const filtered = byState || !f.includeVoid;
  const rules = f.overdue ? await loadDeadlineRules(ctx) : undefined;
  let left = f.limit ?? Infinity;
  let after: ItemCursor | undefined;
  while (left > 0) {
    // Filtered by state, a page of keys comes first, and whole rows only for the items kept (2.7 s ->
    // 1.1 s for `--status disposed` on 200k items); otherwise nearly every row is kept: whole rows at once.
    const query = { ...f, reporter, after, limit: filtered ? pageSize : Math.min(pageSize, left) };
    const rows = byState ? await queryItemKeys(ctx.registry.db, query) : await queryItemRecords(ctx.registry.db, query);
    if (rows.length === 0) break;
    const last = rows[rows.length - 1]!;
    after = { received: last.received, year: Number(last.year), seq: Number(last.seq) };
    // Filtered by state, the items settled by the as-of date are filtered first by their kept
    // state (store/item-state.ts), which is their state: the state query then runs only for the
    // items kept and those not settled (all of them as known at a time).
    let candidates = rows;
    if (byState && f.knownAt === undefined) {
      const kept = await keptStates(ctx.registry.db, rows.map((r) => Number(r.id)), asOf);
      candidates = rows.filter((r) => {
        const k = kept.get(Number(r.id));
        return k === undefined || ((statuses === undefined || statuses.includes(k.status)) && (!f.disposals?.length || (k.disposal !== null && f.disposals.includes(k.disposal)))
          && (f.office === undefined || k.assignedTo === f.office)
          && (!rules || missedDeadlines({ received: r.received, realName: Number(r.real_name) === 1 }, k, asOf, rules).length > 0));
      });
    }
    const states = await itemStates(ctx.registry.db, { asOf, knownAt: f.knownAt, itemIds: candidates.map((r) => Number(r.id)), statuses, disposals: f.disposals });
    const late = (r: (typeof rows)[number]) => !rules || missedDeadlines({ received: r.received, realName: Number(r.real_name) === 1 }, states.get(Number(r.id))!, asOf, rules).length > 0;
    const atOffice = (r: (typeof rows)[number]) => f.office === undefined || states.get(Number(r.id))!.assignedTo === f.office;
    const keptRows = rows.filter((r) => states.has(Number(r.id)) && atOffice(r) && late(r)).slice(0, left);
    const kept = byState ? await itemRecordsByIds(ctx.registry.db, keptRows.map((r) => Number(r.id))) : (keptRows as ItemRecordRow[]);
    const reporters = await ReporterReader.load(ctx.registry.db, vault, kept);
    const views = kept.map((r) => itemViewOf(rowToItem(r, reporters.reporterOf(r)), states.get(Number(r.id))!));
    left -= views.length;
    if (views.length > 0) yield views;
    if (rows.length < pageSize) break;
  }
  rules?.warnFallback();
}

/**
 * A reporter look-up is never an unaudited oracle (SPEC 5): it needs a reason, and the log records
 * who looked, why, which kind of value (masked) and how many items matched, before anything is shown.
 * Returns the match for the listing query; undefined matches nothing (a value with no matchable form).
 */
async function auditedReporterLookup(ctx: UseCaseContext, vault: Vault, term: string, reason: string | undefined): Promise<ReporterMatch> {
  const why = nonEmpty(reason);
  if (!why) {
    throw usageError(
      say('按反映人查找必须用 --reason 说明理由（记入审计日志）', 'looking up a reporter needs a reason: --reason TEXT (it is recorded in the audit log)'),
      say('例：xinfang list --reporter 13812345678 --reason "核查重复举报"', 'e.g. xinfang list --reporter 13812345678 --reason "checking repeat reports"'),
    );
  }
  const field = reporterTermKind(term);
  // A value with no matchable form (an ID failing its check) matches no item: -1 is never a hash.
  const match: ReporterMatch = { field, hash: vault.match(field, term) ?? -1 };
  const matches = await countReporterMatches(ctx.registry.db, match);
  const masked = field === 'phone' ? maskPhone(term) : field === 'idNumber' ? maskIdNumber(term) : maskName(term);
  await ctx.registry.write((trx) => appendAudit(trx, {
    at: ctx.now(), operator: ctx.operator, action: 'reporter-lookup', details: { field, value: masked, reason: why, matches },
  }).then(() => undefined));
  return match;
}

export interface HistoryEntry {
  at: string;
  on: IsoDate | null;
  operator: string;
  /** The OS account that ran the command (SPEC 5); null for entries older than that column and for an import's implicit first step. */
  osUser: string | null;
  action: string;
  details: Record<string, unknown>;
}

export interface ItemDetail {
  item: ItemView;
  createdAt: string;
  createdBy: string;
  events: ItemEvent[];
  history: HistoryEntry[];
}

export async function requireItem(ctx: UseCaseContext, code: string): Promise<{ stored: StoredItem; events: ItemEvent[] }> {
  const parsed = parseCode(code);
  if (!parsed) {
    throw usageError(say(`编号“${code}”格式不对（应为 年份-序号，如 2016-0012）`, `"${code}" is not an item code (expected YEAR-NUMBER, e.g. 2016-0012)`));
  }
  const row = await findItemRecord(ctx.registry.db, parsed.year, parsed.seq);
  if (!row) {
    const canonical = formatCode(parsed.year, parsed.seq);
    throw notFound(say(`没有编号为 ${canonical} 的信访件`, `no item ${canonical}`), say('用 xinfang list 查找编号', 'find codes with `xinfang list`'));
  }
  const vault = await ctx.vault();
  const events = (await eventsByItem(ctx.registry.db, [Number(row.id)])).get(Number(row.id)) ?? [];
  const reporters = await ReporterReader.load(ctx.registry.db, vault, [row]);
  return { stored: rowToItem(row, reporters.reporterOf(row)), events };
}

/** One item with its state at `asOf` (today by default) as known at `knownAt`, its events and its audit history. */
export async function showItem(ctx: UseCaseContext, code: string, asOf?: IsoDate, knownAt?: string): Promise<ItemDetail> {
  const { stored, events } = await requireItem(ctx, code);
  const history: HistoryEntry[] = [];
  for await (const e of auditEntries(ctx.registry.db, { itemCode: stored.code })) history.push(auditToHistory(e));
  // Imported items are logged once per file, not per item: their first step is the item's own record.
  if (!history.some((h) => h.action === 'register')) {
    history.unshift({ at: stored.createdAt, on: stored.received, operator: stored.createdBy, osUser: null, action: 'import', details: {} });
  }
  return {
    item: itemView(stored, events, asOf ?? today(ctx), knownAt),
    createdAt: stored.createdAt,
    createdBy: stored.createdBy,
    events,
    history,
  };
}

function auditToHistory(e: AuditEntry): HistoryEntry {
  return { at: e.at, on: e.effective, operator: e.operator, osUser: e.osUser, action: e.action, details: JSON.parse(e.details) as Record<string, unknown> };
}

export async function revealReporter(ctx: UseCaseContext, code: string, reason: string | undefined): Promise<{ code: string; realName: boolean; reporter: Reporter }> {
  const why = nonEmpty(reason);
  if (!why) {
    throw usageError(say('查看反映人身份必须用 --reason 说明理由', 'revealing a reporter needs a reason: --reason TEXT'));
  }
  const { stored } = await requireItem(ctx, code);
  if (stored.reporter.damaged) {
    throw integrityError(
      say(`${stored.code} 的反映人信息无法解密：所在的加密块已损坏或被改动`, `the reporter of ${stored.code} cannot be decrypted: its sealed block is damaged or was altered`),
      say('用 xinfang audit verify 查看受影响的信访件；从备份恢复登记库', 'run `xinfang audit verify` to see the items affected; restore the registry from a backup'),
    );
  }
  const now = ctx.now();
  await ctx.registry.write((trx) =>
    appendAudit(trx, { at: now, operator: ctx.operator, action: 'reveal', itemCode: stored.code, details: { reason: why } }).then(() => undefined),
  );
  return { code: stored.code, realName: stored.realName, reporter: stored.reporter };
}
