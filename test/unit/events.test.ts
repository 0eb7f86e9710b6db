import { describe, it, expect } from 'vitest';
import { stateAt, statusOf, emptyState, counts, type Decision, type ItemEvent } from '../../src/domain/events.js';

let nextId = 1;
/** An event of `d` effective `on`, recorded at `at` (default: 09:00 UTC on its date). */
function ev(d: Decision, on: string, more: { id?: number; at?: string; note?: string } = {}): ItemEvent {
  return { ...d, id: more.id ?? nextId++, on, at: more.at ?? `${on}T09:00:00.000Z`, operator: 'clerk', note: more.note ?? null } as ItemEvent;
}
const dispose = (disposal: 'verify' | 'inquire' | 'hold' | 'close' | 'file-case'): Decision => ({ kind: 'dispose', disposal });
const dup = (of: string): Decision => ({ kind: 'duplicate', of });

describe('stateAt', () => {
  it('no events: pending with nothing decided', () => {
    expect(stateAt([])).toEqual(emptyState());
    expect(stateAt([], { asOf: '2016-06-21' }).status).toBe('pending');
  });

  it('dispose → disposed with the disposal code', () => {
    expect(stateAt([ev(dispose('verify'), '2016-06-10')])).toMatchObject({ status: 'disposed', disposal: 'verify' });
  });

  it('duplicate → duplicate of its original; cleared → pending again, and a duplicate between the two dates', () => {
    const events = [ev(dup('2016-0003'), '2016-06-10'), ev({ kind: 'duplicate-clear' }, '2016-06-12')];
    expect(stateAt(events.slice(0, 1))).toMatchObject({ status: 'duplicate', duplicateOf: '2016-0003' });
    expect(stateAt(events)).toMatchObject({ status: 'pending', duplicateOf: null });
    expect(stateAt(events, { asOf: '2016-06-11' }).status).toBe('duplicate');
    expect(stateAt(events, { asOf: '2016-06-09' }).status).toBe('pending');
  });

  it('marked and cleared on one day: the order recorded decides', () => {
    expect(stateAt([ev(dup('2016-0003'), '2016-06-10', { id: 1 }), ev({ kind: 'duplicate-clear' }, '2016-06-10', { id: 2 })]).status).toBe('pending');
    expect(stateAt([ev({ kind: 'duplicate-clear' }, '2016-06-10', { id: 2 }), ev(dup('2016-0003'), '2016-06-10', { id: 3 })]).status).toBe('duplicate');
  });

  it('a duplicate found after the disposal counts as a duplicate from that date; the disposal stays in the state', () => {
    const events = [ev(dispose('verify'), '2016-06-05'), ev(dup('2016-0001'), '2016-06-07')];
    expect(stateAt(events, { asOf: '2016-06-06' })).toMatchObject({ status: 'disposed' });
    expect(stateAt(events)).toMatchObject({ status: 'duplicate', disposal: 'verify' });
  });

  it('status precedence: void > duplicate > out of scope > replied > concluded > disposed > pending', () => {
    const base = [ev(dispose('verify'), '2016-06-05'), ev({ kind: 'conclude', result: 'partly' }, '2016-06-06'), ev({ kind: 'reply', method: 'letter', text: '已答复' }, '2016-06-07')];
    expect(stateAt(base).status).toBe('replied');
    const out = [...base, ev({ kind: 'scope-out', scope: 'no-substance', referTo: null, reason: '无具体人和事' }, '2016-06-08')];
    expect(stateAt(out).status).toBe('no-substance');
    const d = [...out, ev(dup('2016-0001'), '2016-06-09')];
    expect(stateAt(d).status).toBe('duplicate');
    expect(stateAt([...d, ev({ kind: 'void', reason: '登记错误' }, '2016-06-10')]).status).toBe('void');
  });

  it('a later decision of a kind supersedes the earlier one, whatever the input order', () => {
    const events = [ev(dispose('verify'), '2016-06-10'), ev(dispose('inquire'), '2016-06-15')];
    expect(stateAt(events).disposal).toBe('inquire');
    expect(stateAt([...events].reverse()).disposal).toBe('inquire');
    expect(stateAt([ev(dup('2016-0001'), '2016-06-10'), ev(dup('2016-0002'), '2016-06-11')]).duplicateOf).toBe('2016-0002');
  });

  it('same effective date: the event recorded later (higher id) supersedes', () => {
    expect(stateAt([ev(dispose('hold'), '2016-06-10', { id: 20 }), ev(dispose('verify'), '2016-06-10', { id: 10 })]).disposal).toBe('hold');
  });

  it('events dated after asOf are ignored', () => {
    const events = [
      ev(dispose('verify'), '2016-06-10'),
      ev({ kind: 'conclude', result: 'substantiated' }, '2016-07-01'),
      ev({ kind: 'reply', method: 'letter', text: '书面答复' }, '2016-07-05'),
    ];
    expect(stateAt(events, { asOf: '2016-06-09' })).toMatchObject({ status: 'pending', disposal: null });
    expect(stateAt(events, { asOf: '2016-06-10' })).toMatchObject({ status: 'disposed', disposal: 'verify' });
    expect(stateAt(events, { asOf: '2016-06-30' })).toMatchObject({ status: 'disposed', concluded: null });
    expect(stateAt(events, { asOf: '2016-07-01' })).toMatchObject({ status: 'concluded', concluded: '2016-07-01', result: 'substantiated', replied: null });
    expect(stateAt(events, { asOf: '2016-07-05' })).toMatchObject({ status: 'replied', replied: '2016-07-05' });
  });

  it('a back-dated correction counts from its effective date, and the later-dated decision still governs from its own', () => {
    const events = [ev(dispose('verify'), '2016-06-10', { id: 1 }), ev(dispose('inquire'), '2016-06-05', { id: 2 })];
    expect(stateAt(events, { asOf: '2016-06-04' }).disposal).toBeNull();
    expect(stateAt(events, { asOf: '2016-06-07' }).disposal).toBe('inquire');
    expect(stateAt(events, { asOf: '2016-06-10' }).disposal).toBe('verify');
  });

  it('as known at: only events recorded by then, so a published figure is reproduced after a back-dated correction', () => {
    const events = [
      ev(dispose('verify'), '2016-06-10', { id: 1, at: '2016-06-10T02:00:00.000Z' }),
      // recorded in July, effective in June: the June report published on 07-01 said "verify"
      ev(dispose('close'), '2016-06-12', { id: 2, at: '2016-07-15T02:00:00.000Z' }),
    ];
    expect(stateAt(events, { asOf: '2016-06-30' }).disposal).toBe('close');
    expect(stateAt(events, { asOf: '2016-06-30', knownAt: '2016-07-01T00:00:00.000Z' }).disposal).toBe('verify');
    expect(stateAt(events, { asOf: '2016-06-30', knownAt: '2016-06-01T00:00:00.000Z' }).status).toBe('pending');
  });

  it('a void counts at every date once recorded, and not as known before it was recorded', () => {
    const v = ev({ kind: 'void', reason: '重复登记' }, '2016-09-01', { at: '2016-09-01T03:00:00.000Z' });
    expect(stateAt([v], { asOf: '2016-06-30' }).status).toBe('void');
    expect(stateAt([v], { asOf: '2016-06-30', knownAt: '2016-08-31T00:00:00.000Z' }).status).toBe('pending');
    expect(counts(v, { asOf: '2000-01-01' })).toBe(true);
  });

  it('scope out with where it belongs, or without substance; scope in restores it', () => {
    const out = ev({ kind: 'scope-out', scope: 'out-of-scope', referTo: '县信访局', reason: '反映征地补偿' }, '2016-06-10');
    expect(stateAt([out])).toMatchObject({ status: 'out-of-scope', outOfScope: { type: 'out-of-scope', referTo: '县信访局', reason: '反映征地补偿' } });
    expect(stateAt([out, ev({ kind: 'scope-in' }, '2016-06-11')])).toMatchObject({ status: 'pending', outOfScope: null });
    const none = ev({ kind: 'scope-out', scope: 'no-substance', referTo: null, reason: '无具体人和事' }, '2016-06-10');
    expect(stateAt([none]).status).toBe('no-substance');
  });

  it('due date: the latest of assignment, supervision with a new date, extension; a new assignment resets it', () => {
    const assign = ev({ kind: 'assign', office: '第一监察室', due: '2016-08-09' }, '2016-06-10');
    expect(stateAt([assign])).toMatchObject({ assignedTo: '第一监察室', assigned: '2016-06-10', due: '2016-08-09', status: 'pending' });
    const sup = ev({ kind: 'supervise', method: 'phone', due: '2016-08-01' }, '2016-07-01');
    expect(stateAt([assign, sup]).due).toBe('2016-08-01');
    expect(stateAt([assign, ev({ kind: 'supervise', method: 'phone', due: null }, '2016-07-01')]).due).toBe('2016-08-09');
    const ext = ev({ kind: 'extend', days: 30, reason: '案情复杂', due: '2016-08-31' }, '2016-07-20');
    expect(stateAt([assign, sup, ext]).due).toBe('2016-08-31');
    expect(stateAt([assign, sup, ext, ev({ kind: 'assign', office: '第二监察室', due: null }, '2016-07-25')])).toMatchObject({ assignedTo: '第二监察室', due: null });
  });

  it('instructions, sanctions, amendments and dismissed pairs change no state', () => {
    const s = stateAt([
      ev({ kind: 'instruct', by: '李书记', text: '请核实' }, '2016-06-10'),
      ev({ kind: 'sanction', person: '张某', sanction: '诫勉谈话' }, '2016-06-11'),
      ev({ kind: 'amend', changes: [{ field: 'accusedUnit', from: 'X局', to: 'Y局' }], reason: '笔误' }, '2016-06-12'),
      ev({ kind: 'duplicate-dismiss', other: '2016-0001' }, '2016-06-12'),
    ]);
    expect(s).toEqual(emptyState());
  });
});

describe('statusOf', () => {
  const none = { ...emptyState() } as const;
  it('follows the precedence of SPEC 3', () => {
    expect(statusOf(none)).toBe('pending');
    expect(statusOf({ ...none, disposal: 'hold' })).toBe('disposed');
    expect(statusOf({ ...none, disposal: 'hold', concluded: '2016-06-01' })).toBe('concluded');
    expect(statusOf({ ...none, disposal: 'hold', concluded: '2016-06-01', replied: '2016-06-02' })).toBe('replied');
    expect(statusOf({ ...none, outOfScope: { type: 'out-of-scope', referTo: null, reason: null } })).toBe('out-of-scope');
    expect(statusOf({ ...none, outOfScope: { type: 'no-substance', referTo: null, reason: null }, duplicateOf: '2016-0001' })).toBe('duplicate');
    expect(statusOf({ ...none, duplicateOf: '2016-0001' }, true)).toBe('void');
  });
});
