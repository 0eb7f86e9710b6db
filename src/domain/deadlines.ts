// Deadlines (时限, SPEC 4) of one item as of a date, from a small set of plain facts, so that the
// rules do not depend on how events are stored: whoever folds an item's events (one item in the
// domain, many in a store query) fills in DeadlineFacts and gets the same answer.
//
// | kind   | applies to                                       | due                                         | met by      |
// |--------|--------------------------------------------------|---------------------------------------------|-------------|
// | accept | every item                                       | accept working days after receipt           | first triage|
// | notify | real-name, not a duplicate                       | notify working days after receipt           | notify      |
// | handle | assigned, neither duplicate nor out of scope     | assignment's due, else handle days after    | conclusion  |
// |        |                                                  | assignment; plus the one extension's days   |             |
// | reply  | concluded, real-name, neither dup. nor out of sc.| reply working days after conclusion         | reply       |
//
// Days late are CALENDAR days, for every kind: the office reads "逾期 3 天" as days on the wall
// calendar, the handle deadline is itself in calendar days, and one unit keeps figures comparable
// across kinds. Working days decide only when a deadline falls due.

import { addDays, daysBetween, type IsoDate } from './dates.js';
import { say, type Bilingual } from './errors.js';
import type { DeadlineSettings } from './settings.js';

export type DeadlineKind = 'accept' | 'notify' | 'handle' | 'reply';

export const DEADLINE_KINDS: readonly DeadlineKind[] = ['accept', 'notify', 'handle', 'reply'];

export const DEADLINE_LABELS: Readonly<Record<DeadlineKind, Bilingual>> = {
  accept: say('受理（分办）', 'triage'),
  notify: say('受理告知', 'acceptance notice'),
  handle: say('办理', 'handling'),
  reply: say('答复', 'reply'),
};

/**
 * What the deadlines of one item depend on, as known at the as-of date. Dates after the as-of
 * date are ignored (a decision not yet taken then meets nothing), so a caller may pass the
 * item's latest facts for a past date as long as the flags hold at that date.
 */
export interface DeadlineFacts {
  received: IsoDate;
  /** The reporter gave a name (实名). */
  realName: boolean;
  /** A duplicate at the as-of date. */
  duplicate: boolean;
  /** Out of scope (业务范围外) or without substance (无实质内容) at the as-of date. */
  outOfScope: boolean;
  /** Date of the first triage decision: a scope decision, a duplicate mark, an assignment or a disposal. */
  firstTriage: IsoDate | null;
  /** The (latest) assignment's effective date and its due date, if it set one. */
  assignedOn: IsoDate | null;
  assignmentDue: IsoDate | null;
  /** Days of the one extension granted for the assignment (0: none). */
  extensionDays: number;
  concluded: IsoDate | null;
  notified: IsoDate | null;
  replied: IsoDate | null;
}

/** Where a deadline stands at the as-of date. */
export type DeadlineStatus = 'open' | 'missed' | 'met' | 'met-late';

export interface Deadline {
  kind: DeadlineKind;
  due: IsoDate;
  /** When it was met, or null if not (by the as-of date). */
  met: IsoDate | null;
  /** Calendar days past due: until it was met, or until the as-of date while open; 0 when on time. */
  daysLate: number;
  status: DeadlineStatus;
}

/** The one thing deadlines need of a calendar. */
export interface WorkdayCounter {
  addWorkdays(date: IsoDate, n: number): IsoDate;
}

/**
 * The deadlines that apply to an item as of `asOf`, in the order accept, notify, handle, reply.
 * `calendar` counts working days (statutory holidays and make-up days); `lengths` come from the
 * settings (defaults 5, 15, 60, 30, 15). An item received after `asOf` has none.
 */
export function deadlinesOf(facts: DeadlineFacts, asOf: IsoDate, calendar: WorkdayCounter, lengths: DeadlineSettings): Deadline[] {
  if (facts.received > asOf) return [];
  const by = (d: IsoDate | null) => (d !== null && d <= asOf ? d : null);
  const out: Deadline[] = [];
  const push = (kind: DeadlineKind, due: IsoDate, met: IsoDate | null) => out.push(standing(kind, due, met, asOf));

  push('accept', calendar.addWorkdays(facts.received, lengths.accept), by(facts.firstTriage));
  if (facts.realName && !facts.duplicate) {
    push('notify', calendar.addWorkdays(facts.received, lengths.notify), by(facts.notified));
  }
  const handled = !facts.duplicate && !facts.outOfScope;
  const assignedOn = by(facts.assignedOn);
  if (handled && assignedOn !== null) {
    const base = facts.assignmentDue ?? addDays(assignedOn, lengths.handle);
    push('handle', addDays(base, Math.max(0, facts.extensionDays)), by(facts.concluded));
  }
  const concluded = by(facts.concluded);
  if (handled && facts.realName && concluded !== null) {
    push('reply', calendar.addWorkdays(concluded, lengths.reply), by(facts.replied));
  }
  return out;
}

function standing(kind: DeadlineKind, due: IsoDate, met: IsoDate | null, asOf: IsoDate): Deadline {
  const until = met ?? asOf;
  const daysLate = Math.max(0, daysBetween(due, until));
  const status: DeadlineStatus = met !== null ? (daysLate > 0 ? 'met-late' : 'met') : daysLate > 0 ? 'missed' : 'open';
  return { kind, due, met, daysLate, status };
}

/** The deadlines missed and still open at the as-of date (what `overdue` lists and reports count). */
export function missed(deadlines: readonly Deadline[]): Deadline[] {
  return deadlines.filter((d) => d.status === 'missed');
}

/** Concluded within the handle deadline (SPEC 6.1 onTime); undefined when the item had no handle deadline or is not concluded. */
export function concludedOnTime(deadlines: readonly Deadline[]): boolean | undefined {
  const h = deadlines.find((d) => d.kind === 'handle');
  if (!h || h.met === null) return undefined;
  return h.status === 'met';
}

/**
 * Why an extension may not be granted, or undefined: whole days from 1 to the setting
 * `deadline.extension`, one per assignment (SPEC 3).
 */
export function extensionProblem(days: number, maxDays: number, alreadyExtended: boolean): Bilingual | undefined {
  if (alreadyExtended) return say('这次交办已经延期过一次，每次交办只能延期一次', 'this assignment was extended already; one extension per assignment');
  if (maxDays === 0) return say('设置不允许延期（deadline.extension 为 0）', 'extensions are not allowed (deadline.extension is 0)');
  if (!Number.isInteger(days) || days < 1 || days > maxDays) {
    return say(`延期天数应为 1 至 ${maxDays} 天`, `an extension is 1 to ${maxDays} days`);
  }
  return undefined;
}
