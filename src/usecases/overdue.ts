// Missed deadlines (SPEC 4, `overdue` and `list --overdue`): each item's state at the as-of date
// comes a page at a time from its kept row when it is settled by then, else from the store's state
// query (store/item-state.ts); the deadlines from domain/deadlines.ts.

import type { IsoDate } from '../domain/dates.js';
import { deadlinesOf, missed, type Deadline, type DeadlineFacts } from '../domain/deadlines.js';
import { itemStates } from '../store/events.js';
import { keptStates, type DeadlineState } from '../store/item-state.js';
import { queryItemDeadlineRows, type ItemCursor } from '../store/items.js';
import { loadDeadlineRules, type DeadlineRules } from './calendar.js';
import { today, type UseCaseContext } from './context.js';

/** One missed deadline: the item, which deadline, when it was due, calendar days late at the as-of date. */
export interface OverdueEntry {
  item: string;
  received: IsoDate;
  deadline: Deadline['kind'];
  due: IsoDate;
  daysLate: number;
}

/** What the deadline rules need of an item and its state (see DeadlineFacts). */
export function deadlineFacts(item: { received: IsoDate; realName: boolean }, s: DeadlineState): DeadlineFacts {
  return {
    received: item.received,
    realName: item.realName,
    duplicate: s.status === 'duplicate',
    outOfScope: s.status === 'out-of-scope' || s.status === 'no-substance',
    firstTriage: s.triaged,
    assignedOn: s.assigned,
    // The state's due date already holds a supervision's new date or the extension's days.
    assignmentDue: s.due,
    extensionDays: 0,
    concluded: s.concluded,
    notified: s.notified,
    replied: s.replied,
  };
}

/** The deadlines an item with state `s` has missed at `asOf` (none for a void item). */
export function missedDeadlines(item: { received: IsoDate; realName: boolean }, s: DeadlineState, asOf: IsoDate, rules: DeadlineRules): Deadline[] {
  if (s.status === 'void') return [];
  return missed(deadlinesOf(deadlineFacts(item, s), asOf, rules.calendar, rules.lengths));
}

/** Every missed deadline at `asOf` (default today), in received order, a page at a time. */
export async function* overduePages(ctx: UseCaseContext, o: { asOf?: IsoDate; knownAt?: string } = {}, pageSize = 2000): AsyncGenerator<OverdueEntry[]> {
  const asOf = o.asOf ?? today(ctx);
  const rules = await loadDeadlineRules(ctx);
  let after: ItemCursor | undefined;
  try {
    for (;;) {
      const rows = await queryItemDeadlineRows(ctx.registry.db, { to: asOf, after, limit: pageSize });
      if (rows.length === 0) return;
      const last = rows[rows.length - 1]!;
      after = { received: last.received, year: Number(last.year), seq: Number(last.seq) };
      const ids = rows.map((r) => Number(r.id));
      // The kept states of the items settled by the as-of date, the others' from their events
      // (store/item-state.ts); all from the events as known at a time.
      const states: Map<number, DeadlineState> = o.knownAt === undefined ? await keptStates(ctx.registry.db, ids, asOf) : new Map();
      const rest = ids.filter((id) => !states.has(id));
      if (rest.length > 0) for (const [id, s] of await itemStates(ctx.registry.db, { asOf, knownAt: o.knownAt, itemIds: rest })) states.set(id, s);
      const out: OverdueEntry[] = [];
      for (const r of rows) {
        const s = states.get(Number(r.id))!;
        for (const d of missedDeadlines({ received: r.received, realName: Number(r.real_name) === 1 }, s, asOf, rules)) {
          out.push({ item: r.code, received: r.received, deadline: d.kind, due: d.due, daysLate: d.daysLate });
        }
      }
      if (out.length > 0) yield out;
      if (rows.length < pageSize) return;
    }
  } finally {
    rules.warnFallback();
  }
}
