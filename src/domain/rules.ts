// The rules decisions must keep (SPEC 3). Each holds at the decision's effective date and at every
// later date: a new event is checked where it falls in effective order, and so is every event
// after it that it could undo (a duplicate mark dated before an existing disposal would make that
// disposal one of a duplicate). Since state changes only at events, checking each event against
// the state just before it covers every date. A refusal is a `refused` error (exit 4) that names
// the rule and says what to do instead; nothing is written.

import { addDays, daysBetween, type IsoDate } from './dates.js';
import { say, refused, usageError, type Bilingual } from './errors.js';
import { applyEvent, byEffectiveOrder, startFold, stateAt, type Fold, type ItemEvent } from './events.js';
import { vocab } from './vocabulary.js';

/** What the rules need to know of an item besides its events. */
export interface ItemFacts {
  code: string;
  received: IsoDate;
  realName: boolean;
}

export interface ItemHistory {
  item: ItemFacts;
  /** Every recorded event of the item. */
  events: readonly ItemEvent[];
}

/**
 * Other items a duplicate decision touches: every item the item is (or would be) marked a
 * duplicate of, and every item marked a duplicate of it, each with its events.
 */
export interface DuplicateNeighbours {
  originals: readonly ItemHistory[];
  duplicates: readonly ItemHistory[];
}

interface Broken {
  text: Bilingual;
  hint?: Bilingual;
}

const label = (kind: ItemEvent['kind']) => ({ zh: vocab.event.label(kind, 'zh'), en: vocab.event.label(kind, 'en') });

export function isVoid(events: readonly ItemEvent[]): boolean {
  return events.some((e) => e.kind === 'void');
}

/**
 * Checks a proposed decision `event` (its id after every recorded one) on `h.item`, recorded
 * `today`. Throws a usage error for a future date, a refusal for every rule of SPEC 3 it breaks
 * (the first found); returns when it may be recorded.
 */
export function checkDecision(h: ItemHistory, event: ItemEvent, today: IsoDate, neighbours?: DuplicateNeighbours): void {
  const code = h.item.code;
  if (event.on > today) {
    throw usageError(say(`生效日期 ${event.on} 在今天（${today}）之后：决定不能记在将来`, `the effective date ${event.on} is after today (${today}): a decision cannot be dated in the future`));
  }
  if (isVoid(h.events)) {
    throw refused(say(`${code} 已作废（登记错误），不能再记任何决定`, `${code} is void (registered in error): no decision can be recorded on it`));
  }
  if (event.on < h.item.received) {
    throw refused(
      say(`${code} 的收件日期是 ${h.item.received}，决定日期 ${event.on} 早于收件日期`, `${code} was received on ${h.item.received}: a decision dated ${event.on} would come before receipt`),
      say(`用 --on 给出 ${h.item.received} 或之后的日期；收件日期登记错了就先更正：xinfang amend ${code} --received 日期 --reason 理由`, `give --on ${h.item.received} or later; if the received date is wrong, amend it first: xinfang amend ${code} --received DATE --reason TEXT`),
    );
  }
  checkDueDate(h.item.code, event);
  checkSequence(h, event);
  if (event.kind === 'duplicate' && neighbours) checkDuplicateGraph(h, event, neighbours);
  if (event.kind === 'void' && neighbours) checkVoidHasNoDuplicates(h, neighbours);
}

/**
 * A due date a decision sets (`assign --due`, `supervise --due`, the one an `extend` computes) is
 * never before the decision's own date, which is never before the received date (SPEC 3): a
 * deadline that has passed the day it is set makes the item overdue at once, which is a typing
 * mistake, not a decision. Throws a refusal naming the flag, the date given and the earliest
 * allowed. Checked on the proposed event alone: it depends on nothing else the item has.
 */
function checkDueDate(code: string, e: ItemEvent): void {
  if (e.kind === 'assign' || e.kind === 'supervise') {
    if (e.due === null || e.due >= e.on) return;
    const l = e.kind === 'assign' ? { zh: '交办', en: 'assignment' } : { zh: '督办', en: 'supervision' };
    throw refused(
      say(`--due ${e.due} 早于${l.zh}日期 ${e.on}：期限最早是 ${e.on}`, `--due ${e.due} is before the ${l.en} date ${e.on}: the earliest due date is ${e.on}`),
      say(`给出 ${e.on} 或之后的期限，如 --due ${addDays(e.on, 60)}；${l.zh}日期不对就用 --on 给出`, `give a due date on or after ${e.on}, e.g. --due ${addDays(e.on, 60)}; if the ${l.en} date is wrong, give it with --on`),
    );
  }
  if (e.kind === 'extend' && e.due < e.on) {
    const days = e.days + daysBetween(e.due, e.on);
    throw refused(
      say(`延期 ${e.days} 天后的期限 ${e.due} 早于延期日期 ${e.on}：${code} 仍已超期`, `an extension of ${e.days} days gives the due date ${e.due}, before the extension's date ${e.on}: ${code} would still be overdue`),
      say(`至少延期 ${days} 天（--days ${days}），或督办时给出新的期限：xinfang supervise ${code} --method 电话 --note 说明 --due 日期`, `extend by at least ${days} days (--days ${days}), or supervise with a new due date: xinfang supervise ${code} --method phone --note TEXT --due DATE`),
    );
  }
}

/** Every event from the proposed one on, in effective order, against the state just before it. */
function checkSequence(h: ItemHistory, proposed: ItemEvent): void {
  const all = [...h.events, proposed].sort(byEffectiveOrder);
  const f = startFold();
  let reached = false;
  for (const e of all) {
    if (e === proposed) reached = true;
    if (reached) {
      const broken = precondition(f, e, h, all);
      if (broken) {
        if (e === proposed) throw refused(broken.text, broken.hint);
        const l = label(e.kind);
        throw refused(
          say(`${h.item.code} 在 ${e.on} 已有“${l.zh}”，按 ${proposed.on} 记入会使它不再成立：${broken.text.zh}`,
            `${h.item.code} has a later ${l.en} on ${e.on} that a decision dated ${proposed.on} would invalidate: ${broken.text.en}`),
          say(`把这项决定的日期改在 ${e.on} 之后，或先更正 ${e.on} 的决定`, `date this decision after ${e.on}, or correct the ${e.on} decision first`),
        );
      }
    }
    applyEvent(f, e);
  }
}

/** Why `e` cannot stand on the state `f` just before it, or null when it can. */
function precondition(f: Fold, e: ItemEvent, h: ItemHistory, all: readonly ItemEvent[]): Broken | null {
  const s = f.state;
  const code = h.item.code;
  const later = (kind: ItemEvent['kind']) => all.find((x) => x.kind === kind && byEffectiveOrder(x, e) > 0);
  switch (e.kind) {
    case 'duplicate':
      if (e.of === code) return { text: say(`${code} 不能是它自己的重复件`, `${code} cannot be a duplicate of itself`), hint: say('用 --of 给出较早收到的原件编号', 'give the earlier original with --of') };
      return null;
    case 'duplicate-clear':
      if (!s.duplicateOf) return { text: say(`${code} 在 ${e.on} 不是重复件，无可撤销`, `${code} is not a duplicate on ${e.on}: there is nothing to clear`) };
      return null;
    case 'duplicate-dismiss':
      if (e.other === code) return { text: say(`${code} 不能与它自己配对`, `${code} cannot be paired with itself`) };
      if (s.duplicateOf === e.other) {
        return {
          text: say(`${code} 在 ${e.on} 已被认定为 ${e.other} 的重复件，不能同时排除重复`, `${code} is marked a duplicate of ${e.other} on ${e.on}: it cannot also be dismissed as not one`),
          hint: say(`先撤销认定：xinfang dup clear ${code}`, `clear the mark first: xinfang dup clear ${code}`),
        };
      }
      return null;
    case 'scope-in':
      if (!s.outOfScope) return { text: say(`${code} 在 ${e.on} 并未认定为不予受理，无需恢复`, `${code} is in scope on ${e.on}: there is nothing to bring back`) };
      return null;
    case 'dispose':
      if (s.duplicateOf) {
        return {
          text: say(`${code} 在 ${e.on} 是 ${s.duplicateOf} 的重复件：重复件不能确定处置方式`, `${code} is a duplicate of ${s.duplicateOf} on ${e.on}: a duplicate cannot be given a disposal`),
          hint: say(`处置原件 ${s.duplicateOf}；若认定有误，先撤销：xinfang dup clear ${code}`, `dispose the original ${s.duplicateOf}; if the mark is wrong, clear it first: xinfang dup clear ${code}`),
        };
      }
      if (s.outOfScope) {
        const t = { zh: vocab.scope.label(s.outOfScope.type, 'zh'), en: vocab.scope.label(s.outOfScope.type, 'en') };
        return {
          text: say(`${code} 在 ${e.on} 已认定为${t.zh}：不能确定处置方式`, `${code} is ${t.en} on ${e.on}: it cannot be given a disposal`),
          hint: say(`若认定有误，先恢复受理：xinfang scope in ${code}`, `if that is wrong, bring it back in scope first: xinfang scope in ${code}`),
        };
      }
      return null;
    case 'conclude':
      if (!s.disposal) {
        const d = later('dispose');
        return {
          text: say(`${code} 在 ${e.on} 还没有处置方式：办结需要先处置`, `${code} has no disposal on ${e.on}: a conclusion needs a disposal`),
          hint: d
            ? say(`它在 ${d.on} 才处置：办结日期应不早于 ${d.on}`, `it was disposed on ${d.on}: date the conclusion on or after ${d.on}`)
            : say(`先确定处置方式：xinfang dispose ${code} --as 初步核实`, `dispose it first: xinfang dispose ${code} --as verify`),
        };
      }
      return null;
    case 'notify':
      return h.item.realName ? null : anonymous(code, 'notify');
    case 'reply': {
      if (!h.item.realName) return anonymous(code, 'reply');
      if (!s.concluded) {
        const c = later('conclude');
        return {
          text: say(`${code} 在 ${e.on} 还没有办结：答复需要先办结`, `${code} is not concluded on ${e.on}: a reply needs a conclusion`),
          hint: c
            ? say(`它在 ${c.on} 才办结：答复日期应不早于 ${c.on}`, `it was concluded on ${c.on}: date the reply on or after ${c.on}`)
            : say(`先记办结：xinfang conclude ${code} --result 属实`, `conclude it first: xinfang conclude ${code} --result substantiated`),
        };
      }
      return null;
    }
    case 'extend':
      if (!s.assignedTo) {
        return {
          text: say(`${code} 在 ${e.on} 还没有交办：延期需要先交办`, `${code} is not assigned on ${e.on}: an extension needs an assignment`),
          hint: say(`先交办：xinfang assign ${code} --to 承办部门`, `assign it first: xinfang assign ${code} --to OFFICE`),
        };
      }
      if (f.extended) {
        return {
          text: say(`${code} 在 ${s.assigned} 的交办已延期过一次：每次交办只能延期一次`, `the assignment of ${code} on ${s.assigned} has already been extended: one extension per assignment`),
          hint: say(`需要新的期限可督办时给出：xinfang supervise ${code} --method 电话 --note 说明 --due 日期`, `to set a new due date, supervise with one: xinfang supervise ${code} --method phone --note TEXT --due DATE`),
        };
      }
      return null;
    default:
      return null;
  }
}

function anonymous(code: string, kind: 'notify' | 'reply'): Broken {
  const l = label(kind);
  return {
    text: say(`${code} 不是实名信访件：只有实名反映人才能${l.zh}`, `${code} is not a real-name item: only a real-name reporter gets a ${l.en}`),
    hint: say(`若登记有误，先更正：xinfang amend ${code} --real-name 是 --reason 理由`, `if the registration is wrong, amend it first: xinfang amend ${code} --real-name yes --reason TEXT`),
  };
}

/** The dates, from `from` on, at which any of these histories changes. */
function breakpoints(from: IsoDate, histories: readonly ItemHistory[]): IsoDate[] {
  const dates = new Set<IsoDate>([from]);
  for (const h of histories) for (const e of h.events) if (e.on >= from) dates.add(e.on);
  return [...dates].sort();
}

/**
 * The duplicate rules across items, at the mark's date and every later date: no duplicate of a
 * later-received item, of a void item or of an item that is itself a duplicate; no item with
 * duplicates marked a duplicate.
 */
function checkDuplicateGraph(h: ItemHistory, proposed: ItemEvent & { kind: 'duplicate' }, n: DuplicateNeighbours): void {
  const code = h.item.code;
  const withProposal = [...h.events, proposed];
  const byCode = new Map(n.originals.map((o) => [o.item.code, o]));
  for (const d of breakpoints(proposed.on, [{ item: h.item, events: withProposal }, ...n.originals, ...n.duplicates])) {
    const target = stateAt(withProposal, { asOf: d }).duplicateOf;
    if (!target) continue;
    const when = d === proposed.on ? say('', '') : say(`（自 ${d} 起）`, ` (from ${d})`);
    const o = byCode.get(target);
    if (!o) continue; // the caller always gives every original; nothing to judge without it
    if (o.item.received > h.item.received) {
      throw refused(
        say(`${target}（${o.item.received} 收到）晚于 ${code}（${h.item.received} 收到）：只能认定为较早收件的重复件`, `${target} (received ${o.item.received}) came after ${code} (received ${h.item.received}): an item can only duplicate an earlier one`),
        say(`反过来标记：xinfang dup mark ${target} --of ${code}`, `mark it the other way round: xinfang dup mark ${target} --of ${code}`),
      );
    }
    if (isVoid(o.events)) {
      throw refused(say(`${target} 已作废（登记错误），不能作为原件`, `${target} is void (registered in error) and cannot be an original`));
    }
    const original = stateAt(o.events, { asOf: d }).duplicateOf;
    if (original) {
      throw refused(
        say(`${target} 本身是 ${original} 的重复件${when.zh}：请把它标记为 ${original} 的重复件`, `${target} is itself a duplicate of ${original}${when.en}: mark it as a duplicate of ${original}`),
        say(`xinfang dup mark ${code} --of ${original}`, `xinfang dup mark ${code} --of ${original}`),
      );
    }
    const dups = n.duplicates.filter((x) => stateAt(x.events, { asOf: d }).duplicateOf === code).map((x) => x.item.code);
    if (dups.length > 0) {
      const list = dups.join(', ');
      throw refused(
        say(`${code} 有重复件（${list}）${when.zh}：有重复件的信访件不能再认定为重复件`, `${code} has duplicates (${list})${when.en}: an item with duplicates cannot be marked a duplicate`),
        say(`先把它们改指向原件：${dups.map((x) => `xinfang dup mark ${x} --of ${target}`).join('；')}`, `point them at the original first: ${dups.map((x) => `xinfang dup mark ${x} --of ${target}`).join('; ')}`),
      );
    }
  }
}

/** A void item counts nowhere, so nothing may stay a duplicate of it. */
function checkVoidHasNoDuplicates(h: ItemHistory, n: DuplicateNeighbours): void {
  const code = h.item.code;
  const dups = n.duplicates.filter((x) => breakpoints('0000-01-01', [x]).some((d) => stateAt(x.events, { asOf: d }).duplicateOf === code));
  if (dups.length === 0) return;
  const list = dups.map((x) => x.item.code).join(', ');
  throw refused(
    say(`${list} 被认定为 ${code} 的重复件：作废前先把它们改指向其他原件或撤销认定`, `${list} ${dups.length > 1 ? 'are' : 'is'} marked a duplicate of ${code}: point ${dups.length > 1 ? 'them' : 'it'} elsewhere or clear the mark before voiding`),
    say(`xinfang dup clear ${dups[0]!.item.code}`, `xinfang dup clear ${dups[0]!.item.code}`),
  );
}

/** The handling due date an extension of `days` extends: the one in force, else the default after assignment. */
export function extensionBase(events: readonly ItemEvent[], on: IsoDate, defaultHandleDays: number): IsoDate | null {
  const s = stateAt(events, { asOf: on });
  if (!s.assigned) return null;
  return s.due ?? addDays(s.assigned, defaultHandleDays);
}

/**
 * Rules for correcting registered facts (SPEC 3 `amend`): a received date stays on or before
 * every decision and today, and keeps every duplicate pointing at an earlier item; an item with a
 * notice or a reply stays real-name.
 */
export function checkAmendment(h: ItemHistory, change: { received?: IsoDate; realName?: boolean }, today: IsoDate, n: DuplicateNeighbours): void {
  const code = h.item.code;
  if (isVoid(h.events)) {
    throw refused(say(`${code} 已作废（登记错误），不能再更正`, `${code} is void (registered in error): it cannot be amended`));
  }
  if (change.received !== undefined) {
    const r = change.received;
    if (r > today) throw usageError(say(`收件日期 ${r} 在今天（${today}）之后`, `the received date ${r} is after today (${today})`));
    const first = [...h.events].filter((e) => e.kind !== 'amend' && e.kind !== 'void').sort(byEffectiveOrder)[0];
    if (first && first.on < r) {
      throw refused(
        say(`${code} 在 ${first.on} 已有“${label(first.kind).zh}”：收件日期不能晚于任何决定`, `${code} has a ${label(first.kind).en} on ${first.on}: the received date cannot be after any decision`),
        say('先更正那项决定的日期（重新记录一次该决定），再更正收件日期', 'record that decision again with a correct date first, then amend the received date'),
      );
    }
    for (const o of n.originals) {
      if (o.item.received > r && h.events.some((e) => e.kind === 'duplicate' && e.of === o.item.code)) {
        throw refused(say(`${code} 被认定为 ${o.item.code}（${o.item.received} 收到）的重复件：收件日期不能早于原件`, `${code} is marked a duplicate of ${o.item.code} (received ${o.item.received}): it cannot have been received before its original`));
      }
    }
    for (const x of n.duplicates) {
      if (x.item.received < r && x.events.some((e) => e.kind === 'duplicate' && e.of === code)) {
        throw refused(say(`${x.item.code}（${x.item.received} 收到）被认定为 ${code} 的重复件：原件的收件日期不能晚于重复件`, `${x.item.code} (received ${x.item.received}) is marked a duplicate of ${code}: an original cannot have been received after its duplicate`));
      }
    }
  }
  if (change.realName === false) {
    const e = h.events.find((x) => x.kind === 'notify' || x.kind === 'reply');
    if (e) {
      throw refused(say(`${code} 在 ${e.on} 已有“${label(e.kind).zh}”：已告知或答复的信访件不能改为非实名`, `${code} has a ${label(e.kind).en} on ${e.on}: an item whose reporter was notified or replied to stays real-name`));
    }
  }
}
