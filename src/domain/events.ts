// Decisions about an item are events with an effective date (SPEC 3). The item's state at a
// date D is what its events dated on or before D say; of two decisions of the same kind the
// later one (by effective date, then by the order recorded) supersedes the earlier.

import type { IsoDate } from './dates.js';
import type { Disposal, Result, Status } from './vocabulary.js';

export const EVENT_KINDS = [
  'duplicate', 'duplicate-clear', 'scope-out', 'scope-in', 'instruct', 'assign', 'dispose',
  'conclude', 'sanction', 'notify', 'reply', 'supervise', 'extend',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface ItemEvent {
  id: number;
  kind: EventKind;
  /** Effective date. */
  on: IsoDate;
  /** When it was recorded (ISO timestamp) and by whom. */
  at: string;
  operator: string;
  /** Code of the original, for `duplicate`. */
  target?: string | null;
  /** The decision's coded value: disposal, result, office, method... */
  value?: string | null;
  due?: IsoDate | null;
  note?: string | null;
  data?: Record<string, unknown>;
}

export interface ItemState {
  status: Status;
  duplicateOf: string | null;
  outOfScope: { referTo: string | null; reason: string | null } | null;
  disposal: Disposal | null;
  assignedTo: string | null;
  due: IsoDate | null;
  concluded: IsoDate | null;
  result: Result | null;
  notified: IsoDate | null;
  replied: IsoDate | null;
}

function byEffectiveOrder(a: ItemEvent, b: ItemEvent): number {
  return a.on < b.on ? -1 : a.on > b.on ? 1 : a.id - b.id;
}

/** The state an item's events give at `asOf` (all events when asOf is omitted). */
export function stateAt(events: readonly ItemEvent[], asOf?: IsoDate): ItemState {
  const s: ItemState = {
    status: 'pending', duplicateOf: null, outOfScope: null, disposal: null, assignedTo: null,
    due: null, concluded: null, result: null, notified: null, replied: null,
  };
  const effective = events.filter((e) => asOf === undefined || e.on <= asOf).sort(byEffectiveOrder);
  for (const e of effective) {
    switch (e.kind) {
      case 'duplicate': s.duplicateOf = e.target ?? null; break;
      case 'duplicate-clear': s.duplicateOf = null; break;
      case 'scope-out':
        s.outOfScope = { referTo: (e.data?.referTo as string) ?? e.value ?? null, reason: (e.data?.reason as string) ?? null };
        break;
      case 'scope-in': s.outOfScope = null; break;
      case 'assign': s.assignedTo = e.value ?? null; s.due = e.due ?? null; break;
      case 'dispose': s.disposal = (e.value as Disposal) ?? null; break;
      case 'conclude': s.concluded = e.on; s.result = (e.value as Result) ?? null; break;
      case 'notify': s.notified = e.on; break;
      case 'reply': s.replied = e.on; break;
      case 'supervise': if (e.due) s.due = e.due; break;
      case 'extend': if (e.due) s.due = e.due; break;
      case 'instruct': case 'sanction': break;
    }
  }
  s.status = statusOf(s);
  return s;
}

export function statusOf(s: Omit<ItemState, 'status'>): Status {
  if (s.duplicateOf) return 'duplicate';
  if (s.outOfScope) return 'out-of-scope';
  if (s.replied) return 'replied';
  if (s.concluded) return 'concluded';
  if (s.disposal) return 'disposed';
  return 'pending';
}
