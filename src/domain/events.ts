// Decisions about an item are events with an effective date and a recorded time (SPEC 3).
//
// The one definition of state, which the store's set-based query (src/store/events.ts) must
// reproduce exactly:
// - an event counts at date D as known at time K when it is dated on or before D and was recorded
//   by K (`at` <= K; every event when K is not given). A void counts at every date once recorded:
//   an item registered in error never existed;
// - events fall into slots (`SLOT_OF`); in each slot the latest counting event, by effective date
//   then by id (recording order), supersedes the others. Events of no slot (instructions,
//   sanctions, supervision without a new due date, amendments, dismissed pairs) change no state;
// - the due date is the one given by the latest event that sets one (`setsDue`: an assignment,
//   with or without a date, an extension, a supervision with a new date): a slot of its own;
// - the triage date is the earliest counting event of a triage kind (`TRIAGE_KINDS`);
// - the status follows from the slots: void > duplicate > out-of-scope | no-substance > replied >
//   concluded > disposed > pending (`statusOf`).

import type { IsoDate } from './dates.js';
import type { Disposal, EventKind, Method, Result, Scope, Status } from './vocabulary.js';

export type { EventKind };

// --- the typed payload of each kind --------------------------------------------------------

/** `dup mark CODE --of ORIGINAL`: a duplicate of an earlier item (its code). */
export interface DuplicateMark { kind: 'duplicate'; of: string }
/** `dup clear CODE`: not a duplicate after all. */
export interface DuplicateClear { kind: 'duplicate-clear' }
/** `dup dismiss CODE --of OTHER`: the pair is not a duplicate; `dup scan` stops proposing it. */
export interface DuplicateDismiss { kind: 'duplicate-dismiss'; other: string }
/** `scope out`: out of scope (with the department it belongs to) or without substance. */
export type ScopeOut =
  | { kind: 'scope-out'; scope: 'out-of-scope'; referTo: string; reason: string }
  | { kind: 'scope-out'; scope: 'no-substance'; referTo: null; reason: string };
export interface ScopeIn { kind: 'scope-in' }
/** Leader's instruction (领导批示). */
export interface Instruction { kind: 'instruct'; by: string; text: string }
/** Hand-over to a supervision office, with a due date when one was set. */
export interface Assignment { kind: 'assign'; office: string; due: IsoDate | null }
export interface DisposalDecision { kind: 'dispose'; disposal: Disposal }
export interface Conclusion { kind: 'conclude'; result: Result }
/** A sanction (处理处分) on one person; `sanction` is an open list (诫勉谈话, 警告 ...). */
export interface Sanction { kind: 'sanction'; person: string; sanction: string }
/** Acceptance notice (受理告知) to a real-name reporter. */
export interface Notice { kind: 'notify'; method: Method | null }
/** Reply with the result (答复) to a real-name reporter. */
export interface Reply { kind: 'reply'; method: Method; text: string }
/** Supervision (督办); the event's note says what was done. */
export interface Supervision { kind: 'supervise'; method: Method; due: IsoDate | null }
/** Extension of the handling deadline: `days` added to the due date then in force, giving `due`. */
export interface Extension { kind: 'extend'; days: number; reason: string; due: IsoDate }
/** One corrected registered field: JSON key, old and new value as text (null: empty). */
export interface FieldChange { field: string; from: string | null; to: string | null }
export interface Amendment { kind: 'amend'; changes: FieldChange[]; reason: string }
/** The item was registered in error: it keeps its code and counts nowhere. */
export interface Voiding { kind: 'void'; reason: string }

export type Decision =
  | DuplicateMark | DuplicateClear | DuplicateDismiss | ScopeOut | ScopeIn | Instruction | Assignment
  | DisposalDecision | Conclusion | Sanction | Notice | Reply | Supervision | Extension | Amendment | Voiding;

export interface EventMeta {
  /** Increasing in recording order: breaks ties between events of one effective date. */
  id: number;
  /** Effective date. */
  on: IsoDate;
  /** When it was recorded: an ISO instant in UTC (`Date.toISOString()`), comparable as text. */
  at: string;
  operator: string;
  note: string | null;
}

export type ItemEvent = Decision & EventMeta;
export type EventOf<K extends EventKind> = Extract<Decision, { kind: K }> & EventMeta;

// --- slots and state --------------------------------------------------------------------------

export type Slot = 'duplicate' | 'scope' | 'assign' | 'dispose' | 'conclude' | 'notify' | 'reply' | 'void';

/** The slot an event supersedes within, or null for events whose slot is none (see the header). */
export function slotOf(e: Decision): Slot | null {
  switch (e.kind) {
    case 'duplicate': case 'duplicate-clear': return 'duplicate';
    case 'scope-out': case 'scope-in': return 'scope';
    case 'assign': case 'dispose': case 'conclude': case 'notify': case 'reply': case 'void': return e.kind;
    default: return null;
  }
}

/** Whether an event gives the handling due date: an assignment, an extension, a supervision with `--due`. */
export function setsDue(e: Decision): boolean {
  return e.kind === 'assign' || e.kind === 'extend' || (e.kind === 'supervise' && e.due !== null);
}

export interface ItemState {
  status: Status;
  /** Code of the original while the item is a duplicate. */
  duplicateOf: string | null;
  /** Not for the office to handle: out of scope (with where it belongs) or without substance. */
  outOfScope: { type: Scope; referTo: string | null; reason: string | null } | null;
  disposal: Disposal | null;
  assignedTo: string | null;
  /** Date of the assignment in force. */
  assigned: IsoDate | null;
  /** Handling due date: of the assignment, a supervision or an extension, whichever came last. */
  due: IsoDate | null;
  concluded: IsoDate | null;
  result: Result | null;
  notified: IsoDate | null;
  replied: IsoDate | null;
  /** Date of the first triage decision (SPEC 4 `accept`): the earliest counting scope decision, duplicate mark, assignment or disposal. */
  triaged: IsoDate | null;
}

/** Kinds whose first event triages an item (SPEC 4, deadline `accept`). */
export const TRIAGE_KINDS = ['scope-out', 'scope-in', 'duplicate', 'assign', 'dispose'] as const;

export interface AsOf {
  /** Effective date; every date when omitted. */
  asOf?: IsoDate;
  /** Recorded time (ISO instant, UTC); every recorded event when omitted. */
  knownAt?: string;
}

export function emptyState(): ItemState {
  return {
    status: 'pending', duplicateOf: null, outOfScope: null, disposal: null, assignedTo: null, assigned: null,
    due: null, concluded: null, result: null, notified: null, replied: null, triaged: null,
  };
}

/** Effective order: by date, then by recording order. */
export function byEffectiveOrder(a: EventMeta, b: EventMeta): number {
  return a.on < b.on ? -1 : a.on > b.on ? 1 : a.id - b.id;
}

/** Does `e` count at `asOf` as known at `knownAt` (see the header)? */
export function counts(e: ItemEvent, o: AsOf): boolean {
  if (o.knownAt !== undefined && e.at > o.knownAt) return false;
  return e.kind === 'void' || o.asOf === undefined || e.on <= o.asOf;
}

/**
 * Folds events in effective order. `voided` is tracked apart because a void counts at every
 * date: the fold applies it wherever it falls and the status checks it last.
 */
export interface Fold {
  state: ItemState;
  voided: boolean;
  /** Whether the assignment in force has been extended (one extension per assignment). */
  extended: boolean;
}

export function startFold(): Fold {
  return { state: emptyState(), voided: false, extended: false };
}

/** Applies one event (already known to count) to a fold, in effective order. */
export function applyEvent(f: Fold, e: ItemEvent): void {
  const s = f.state;
  if (s.triaged === null && (TRIAGE_KINDS as readonly string[]).includes(e.kind)) s.triaged = e.on;
  switch (e.kind) {
    case 'duplicate': s.duplicateOf = e.of; break;
    case 'duplicate-clear': s.duplicateOf = null; break;
    case 'scope-out': s.outOfScope = { type: e.scope, referTo: e.referTo, reason: e.reason }; break;
    case 'scope-in': s.outOfScope = null; break;
    case 'assign': s.assignedTo = e.office; s.assigned = e.on; s.due = e.due; f.extended = false; break;
    case 'dispose': s.disposal = e.disposal; break;
    case 'conclude': s.concluded = e.on; s.result = e.result; break;
    case 'notify': s.notified = e.on; break;
    case 'reply': s.replied = e.on; break;
    case 'supervise': if (e.due) s.due = e.due; break;
    case 'extend': s.due = e.due; f.extended = true; break;
    case 'void': f.voided = true; break;
    case 'duplicate-dismiss': case 'instruct': case 'sanction': case 'amend': break;
  }
  s.status = statusOf(s, f.voided);
}

/** The state an item's events give at `asOf` as known at `knownAt` (SPEC 3; see the header). */
export function stateAt(events: readonly ItemEvent[], o: AsOf = {}): ItemState {
  const f = startFold();
  for (const e of events.filter((x) => counts(x, o)).sort(byEffectiveOrder)) applyEvent(f, e);
  f.state.status = statusOf(f.state, f.voided);
  return f.state;
}

/** Status from the state's slots; the store's SQL CASE mirrors this order. */
export function statusOf(s: Omit<ItemState, 'status'>, voided = false): Status {
  if (voided) return 'void';
  if (s.duplicateOf) return 'duplicate';
  if (s.outOfScope) return s.outOfScope.type;
  if (s.replied) return 'replied';
  if (s.concluded) return 'concluded';
  if (s.disposal) return 'disposed';
  return 'pending';
}

/** The code of the other item an event names, if any. */
export function targetOf(e: Decision): string | null {
  return e.kind === 'duplicate' ? e.of : e.kind === 'duplicate-dismiss' ? e.other : null;
}

/**
 * A recorded-time bound ("as known at", SPEC 6.1 `--as-known-at`) as an ISO instant in UTC, the
 * form `at` is stored in: a timestamp (2016-07-01T09:30, with or without a zone; without one, the
 * local time) as given, or a date (any accepted form) as the end of that local day. Undefined when
 * the input is neither.
 */
export function parseKnownAt(input: string, parseDay: (s: string) => IsoDate | undefined): string | undefined {
  const s = input.trim();
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}/.test(s)) {
    const t = Date.parse(s.replace(' ', 'T'));
    return Number.isNaN(t) ? undefined : new Date(t).toISOString();
  }
  const day = parseDay(s);
  if (day === undefined) return undefined;
  return new Date(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), 23, 59, 59, 999).toISOString();
}
