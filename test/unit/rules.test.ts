import { describe, expect, it } from 'vitest';
import type { Decision, ItemEvent } from '../../src/domain/events.js';
import { XinfangError } from '../../src/domain/errors.js';
import { checkAmendment, checkDecision, extensionBase, type ItemHistory } from '../../src/domain/rules.js';

let id = 1;
const ev = (d: Decision, on: string): ItemEvent => ({ ...d, id: id++, on, at: `${on}T01:00:00.000Z`, operator: 't', note: null }) as ItemEvent;
const proposal = (d: Decision, on: string): ItemEvent => ({ ...d, id: Number.MAX_SAFE_INTEGER, on, at: '2016-12-31T00:00:00.000Z', operator: 't', note: null }) as ItemEvent;
const hist = (code: string, received: string, events: ItemEvent[] = [], realName = true): ItemHistory => ({ item: { code, received, realName }, events });
const TODAY = '2016-12-31';

/** The refusal's English text and hint, or 'ok'. */
function outcome(fn: () => void): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (!(e instanceof XinfangError)) throw e;
    return `${e.kind}: ${e.text.en}${e.hint ? ` | ${e.hint.en}` : ''}`;
  }
}

describe('duplicate rules across items, at the mark date and every later date', () => {
  it('an original that becomes a duplicate later is refused from that date, naming its own original', () => {
    const a = hist('2016-0001', '2016-06-01');
    const b = hist('2016-0002', '2016-06-02', [ev({ kind: 'duplicate', of: '2016-0001' }, '2016-07-01')]);
    const c = hist('2016-0003', '2016-06-03');
    const r = outcome(() => checkDecision(c, proposal({ kind: 'duplicate', of: '2016-0002' }, '2016-06-10'), TODAY, { originals: [b], duplicates: [] }));
    expect(r).toBe('refused: 2016-0002 is itself a duplicate of 2016-0001 (from 2016-07-01): mark it as a duplicate of 2016-0001 | xinfang dup mark 2016-0003 --of 2016-0001');
    // cleared before the original turned duplicate: fine
    const cleared = hist('2016-0003', '2016-06-03', [ev({ kind: 'duplicate-clear' }, '2016-06-20')]);
    expect(outcome(() => checkDecision(cleared, proposal({ kind: 'duplicate', of: '2016-0002' }, '2016-06-10'), TODAY, { originals: [b], duplicates: [] }))).toBe('ok');
    // the original itself is fine as an original before it turns duplicate
    expect(outcome(() => checkDecision(c, proposal({ kind: 'duplicate', of: '2016-0001' }, '2016-06-10'), TODAY, { originals: [a], duplicates: [] }))).toBe('ok');
  });

  it('an item whose duplicate points at it only from a later date is refused too, and not once that mark is cleared first', () => {
    const a = hist('2016-0001', '2016-06-01');
    const b = hist('2016-0002', '2016-06-02');
    const later = hist('2016-0003', '2016-06-03', [ev({ kind: 'duplicate', of: '2016-0002' }, '2016-08-01')]);
    expect(outcome(() => checkDecision(b, proposal({ kind: 'duplicate', of: '2016-0001' }, '2016-06-10'), TODAY, { originals: [a], duplicates: [later] })))
      .toContain('2016-0002 has duplicates (2016-0003) (from 2016-08-01)');
    const gone = hist('2016-0003', '2016-06-03', [...later.events, ev({ kind: 'duplicate-clear' }, '2016-08-01')]);
    expect(outcome(() => checkDecision(b, proposal({ kind: 'duplicate', of: '2016-0001' }, '2016-06-10'), TODAY, { originals: [a], duplicates: [gone] }))).toBe('ok');
  });

  it('void: refused while anything is or was a duplicate of the item; ok otherwise', () => {
    const a = hist('2016-0001', '2016-06-01');
    const past = hist('2016-0002', '2016-06-02', [ev({ kind: 'duplicate', of: '2016-0001' }, '2016-06-05'), ev({ kind: 'duplicate-clear' }, '2016-06-06')]);
    expect(outcome(() => checkDecision(a, proposal({ kind: 'void', reason: 'x' }, '2016-07-01'), TODAY, { originals: [], duplicates: [past] }))).toContain('2016-0002 is marked a duplicate of 2016-0001');
    expect(outcome(() => checkDecision(a, proposal({ kind: 'void', reason: 'x' }, '2016-07-01'), TODAY, { originals: [], duplicates: [] }))).toBe('ok');
  });
});

describe('rules on one item', () => {
  it('one extension per assignment: a new assignment allows another; an extension before any assignment is refused', () => {
    const events = [ev({ kind: 'assign', office: '一室', due: '2016-08-01' }, '2016-06-05'), ev({ kind: 'extend', days: 10, reason: 'r', due: '2016-08-11' }, '2016-07-01')];
    const h = hist('2016-0001', '2016-06-01', events);
    expect(outcome(() => checkDecision(h, proposal({ kind: 'extend', days: 5, reason: 'r', due: '2016-08-16' }, '2016-07-02'), TODAY))).toContain('one extension per assignment');
    const again = hist('2016-0001', '2016-06-01', [...events, ev({ kind: 'assign', office: '二室', due: null }, '2016-07-05')]);
    expect(outcome(() => checkDecision(again, proposal({ kind: 'extend', days: 5, reason: 'r', due: '2016-09-08' }, '2016-07-06'), TODAY))).toBe('ok');
    // a back-dated extension before the first extension would make that one the second: refused, naming it
    expect(outcome(() => checkDecision(h, proposal({ kind: 'extend', days: 5, reason: 'r', due: '2016-08-06' }, '2016-06-10'), TODAY))).toContain('has a later extension on 2016-07-01');
    expect(outcome(() => checkDecision(h, proposal({ kind: 'extend', days: 5, reason: 'r', due: '2016-08-06' }, '2016-06-04'), TODAY))).toContain('not assigned on 2016-06-04');
  });

  it('the extension base: the due date in force, else the default handling days after the assignment', () => {
    expect(extensionBase([ev({ kind: 'assign', office: '一室', due: null }, '2016-06-05')], '2016-06-10', 60)).toBe('2016-08-04');
    expect(extensionBase([ev({ kind: 'assign', office: '一室', due: '2016-07-01' }, '2016-06-05')], '2016-06-10', 60)).toBe('2016-07-01');
    expect(extensionBase([], '2016-06-10', 60)).toBeNull();
  });

  it('a reply dated before the conclusion is refused with the date to use; a reply after it is fine', () => {
    const h = hist('2016-0001', '2016-06-01', [ev({ kind: 'dispose', disposal: 'verify' }, '2016-06-02'), ev({ kind: 'conclude', result: 'partly' }, '2016-06-20')]);
    expect(outcome(() => checkDecision(h, proposal({ kind: 'reply', method: 'letter', text: 't' }, '2016-06-19'), TODAY))).toContain('date the reply on or after 2016-06-20');
    expect(outcome(() => checkDecision(h, proposal({ kind: 'reply', method: 'letter', text: 't' }, '2016-06-20'), TODAY))).toBe('ok');
  });

  it('a later disposal correction does not disturb a conclusion; scope out after a disposal is allowed (it counts as out of scope from then)', () => {
    const h = hist('2016-0001', '2016-06-01', [ev({ kind: 'dispose', disposal: 'verify' }, '2016-06-02'), ev({ kind: 'conclude', result: 'partly' }, '2016-06-20')]);
    expect(outcome(() => checkDecision(h, proposal({ kind: 'dispose', disposal: 'inquire' }, '2016-06-03'), TODAY))).toBe('ok');
    expect(outcome(() => checkDecision(h, proposal({ kind: 'scope-out', scope: 'out-of-scope', referTo: '法院', reason: 'r' }, '2016-06-25'), TODAY))).toBe('ok');
    // but not dated before the disposal, which would then be a disposal of an out-of-scope item
    expect(outcome(() => checkDecision(h, proposal({ kind: 'scope-out', scope: 'out-of-scope', referTo: '法院', reason: 'r' }, '2016-06-01'), TODAY))).toContain('has a later disposed on 2016-06-02');
  });
});

describe('amendments', () => {
  const none = { originals: [], duplicates: [] };
  it('a received date stays on or before every decision and keeps duplicates after their originals', () => {
    const h = hist('2016-0002', '2016-06-02', [ev({ kind: 'duplicate', of: '2016-0001' }, '2016-06-05')]);
    expect(outcome(() => checkAmendment(h, { received: '2016-06-06' }, TODAY, none))).toContain('cannot be after any decision');
    const original = hist('2016-0001', '2016-06-01');
    expect(outcome(() => checkAmendment(h, { received: '2016-05-30' }, TODAY, { originals: [original], duplicates: [] }))).toContain('before its original');
    expect(outcome(() => checkAmendment(h, { received: '2016-06-01' }, TODAY, { originals: [original], duplicates: [] }))).toBe('ok');
    expect(outcome(() => checkAmendment(original, { received: '2016-06-03' }, TODAY, { originals: [], duplicates: [h] }))).toContain('an original cannot have been received after its duplicate');
    expect(outcome(() => checkAmendment(h, { received: '2017-01-01' }, TODAY, none))).toMatch(/^usage:/);
  });
});
