import { describe, it, expect } from 'vitest';
import { stateAt, statusOf, type ItemEvent, type EventKind } from '../../src/domain/events.js';

let nextId = 1;
function ev(kind: EventKind, on: string, more: Partial<ItemEvent> = {}): ItemEvent {
  const id = more.id ?? nextId++;
  return { id, kind, on, at: `${on}T09:00:00.000Z`, operator: 'clerk', ...more };
}

describe('stateAt', () => {
  it('no events: pending with nothing decided', () => {
    expect(stateAt([])).toEqual({
      status: 'pending', duplicateOf: null, outOfScope: null, disposal: null, assignedTo: null,
      due: null, concluded: null, result: null, notified: null, replied: null,
    });
    expect(stateAt([], '2016-06-21').status).toBe('pending');
  });

  it('dispose → disposed with the disposal code', () => {
    const s = stateAt([ev('dispose', '2016-06-10', { value: 'verify' })]);
    expect(s.status).toBe('disposed');
    expect(s.disposal).toBe('verify');
  });

  it('duplicate → duplicate of its target; cleared → pending again', () => {
    const dup = ev('duplicate', '2016-06-10', { target: '2016-0003' });
    expect(stateAt([dup])).toMatchObject({ status: 'duplicate', duplicateOf: '2016-0003' });
    const s = stateAt([dup, ev('duplicate-clear', '2016-06-12')]);
    expect(s).toMatchObject({ status: 'pending', duplicateOf: null });
    // at a date between the two, still a duplicate
    expect(stateAt([dup, ev('duplicate-clear', '2016-06-12')], '2016-06-11').status).toBe('duplicate');
  });

  it('cleared the same day it was marked: the order recorded decides', () => {
    const s = stateAt([ev('duplicate', '2016-06-10', { id: 1, target: '2016-0003' }), ev('duplicate-clear', '2016-06-10', { id: 2 })]);
    expect(s.status).toBe('pending');
    const t = stateAt([ev('duplicate-clear', '2016-06-10', { id: 2 }), ev('duplicate', '2016-06-10', { id: 3, target: '2016-0003' })]);
    expect(t.status).toBe('duplicate');
  });

  it('a duplicate wins over a disposal and an out-of-scope decision', () => {
    const s = stateAt([
      ev('dispose', '2016-06-05', { value: 'verify' }),
      ev('scope-out', '2016-06-06', { data: { referTo: '信访局', reason: '非党员' } }),
      ev('duplicate', '2016-06-07', { target: '2016-0001' }),
    ]);
    expect(s.status).toBe('duplicate');
    expect(s.disposal).toBe('verify');
  });

  it('a later event of the same kind supersedes the earlier one', () => {
    const events = [
      ev('dispose', '2016-06-10', { value: 'verify' }),
      ev('dispose', '2016-06-15', { value: 'inquire' }),
    ];
    expect(stateAt(events).disposal).toBe('inquire');
    // the input order does not matter
    expect(stateAt([...events].reverse()).disposal).toBe('inquire');
    const marks = [ev('duplicate', '2016-06-10', { target: '2016-0001' }), ev('duplicate', '2016-06-11', { target: '2016-0002' })];
    expect(stateAt(marks).duplicateOf).toBe('2016-0002');
  });

  it('same effective date: the event recorded later (higher id) supersedes', () => {
    const s = stateAt([
      ev('dispose', '2016-06-10', { id: 20, value: 'hold' }),
      ev('dispose', '2016-06-10', { id: 10, value: 'verify' }),
    ]);
    expect(s.disposal).toBe('hold');
  });

  it('events dated after asOf are ignored', () => {
    const events = [
      ev('dispose', '2016-06-10', { value: 'verify' }),
      ev('conclude', '2016-07-01', { value: 'substantiated' }),
      ev('reply', '2016-07-05', { value: 'letter' }),
    ];
    expect(stateAt(events, '2016-06-09')).toMatchObject({ status: 'pending', disposal: null });
    expect(stateAt(events, '2016-06-10')).toMatchObject({ status: 'disposed', disposal: 'verify' });
    expect(stateAt(events, '2016-06-30')).toMatchObject({ status: 'disposed', concluded: null });
    expect(stateAt(events, '2016-07-01')).toMatchObject({ status: 'concluded', concluded: '2016-07-01', replied: null });
    expect(stateAt(events, '2016-07-05')).toMatchObject({ status: 'replied', replied: '2016-07-05' });
    expect(stateAt(events)).toMatchObject({ status: 'replied' });
  });

  it('a back-dated correction (recorded later, effective earlier) counts from its date, before the later-dated decision', () => {
    // recorded first: verify on 06-10; recorded later: a correction back-dated to 06-05
    const events = [
      ev('dispose', '2016-06-10', { id: 1, value: 'verify' }),
      ev('dispose', '2016-06-05', { id: 2, value: 'inquire' }),
    ];
    expect(stateAt(events, '2016-06-04').disposal).toBeNull();
    expect(stateAt(events, '2016-06-07').disposal).toBe('inquire');
    // effective order, not recording order: the 06-10 decision still governs from 06-10
    expect(stateAt(events, '2016-06-10').disposal).toBe('verify');
    expect(stateAt(events).disposal).toBe('verify');
  });

  it('a back-dated correction dated on or after the decision it corrects replaces it', () => {
    const events = [
      ev('dispose', '2016-06-10', { id: 1, value: 'verify' }),
      ev('dispose', '2016-06-10', { id: 2, value: 'close' }),
    ];
    expect(stateAt(events, '2016-06-10').disposal).toBe('close');
  });

  it('conclude → concluded with its date and result; reply → replied', () => {
    const events = [
      ev('dispose', '2016-06-10', { value: 'verify' }),
      ev('conclude', '2016-06-20', { value: 'partly' }),
    ];
    expect(stateAt(events)).toMatchObject({ status: 'concluded', concluded: '2016-06-20', result: 'partly', disposal: 'verify' });
    const replied = stateAt([...events, ev('notify', '2016-06-12'), ev('reply', '2016-06-25', { value: 'in-person' })]);
    expect(replied).toMatchObject({ status: 'replied', replied: '2016-06-25', notified: '2016-06-12', concluded: '2016-06-20' });
  });

  it('scope-out → out-of-scope with referTo and reason; scope-in restores it', () => {
    const out = ev('scope-out', '2016-06-10', { data: { referTo: '县信访局', reason: '反映征地补偿，不属纪检监察职责' } });
    expect(stateAt([out])).toMatchObject({
      status: 'out-of-scope',
      outOfScope: { referTo: '县信访局', reason: '反映征地补偿，不属纪检监察职责' },
    });
    expect(stateAt([out, ev('scope-in', '2016-06-11')])).toMatchObject({ status: 'pending', outOfScope: null });
  });

  it('scope-out takes referTo from the value when data has none', () => {
    expect(stateAt([ev('scope-out', '2016-06-10', { value: '县法院' })]).outOfScope).toEqual({ referTo: '县法院', reason: null });
  });

  it('out of scope wins over a disposal', () => {
    const s = stateAt([ev('dispose', '2016-06-05', { value: 'verify' }), ev('scope-out', '2016-06-06', { value: '县法院' })]);
    expect(s.status).toBe('out-of-scope');
  });

  it('assign sets office and due date; supervise and extend move the due date', () => {
    const assign = ev('assign', '2016-06-10', { value: '第一监察室', due: '2016-08-09' });
    expect(stateAt([assign])).toMatchObject({ assignedTo: '第一监察室', due: '2016-08-09', status: 'pending' });
    const supervised = [assign, ev('supervise', '2016-07-01', { value: 'phone', due: '2016-08-01' })];
    expect(stateAt(supervised).due).toBe('2016-08-01');
    // supervision without a new due date keeps it
    expect(stateAt([assign, ev('supervise', '2016-07-01', { value: 'phone' })]).due).toBe('2016-08-09');
    expect(stateAt([...supervised, ev('extend', '2016-07-20', { due: '2016-09-08' })]).due).toBe('2016-09-08');
  });

  it('instructions and sanctions do not change the status', () => {
    const s = stateAt([ev('instruct', '2016-06-10', { value: '李书记', note: '请核实' }), ev('sanction', '2016-06-11', { value: '诫勉谈话' })]);
    expect(s.status).toBe('pending');
  });
});

describe('statusOf precedence', () => {
  const none = {
    duplicateOf: null, outOfScope: null, disposal: null, assignedTo: null, due: null,
    concluded: null, result: null, notified: null, replied: null,
  } as const;
  it('duplicate > out-of-scope > replied > concluded > disposed > pending', () => {
    expect(statusOf(none)).toBe('pending');
    expect(statusOf({ ...none, disposal: 'hold' })).toBe('disposed');
    expect(statusOf({ ...none, disposal: 'hold', concluded: '2016-06-01' })).toBe('concluded');
    expect(statusOf({ ...none, disposal: 'hold', concluded: '2016-06-01', replied: '2016-06-02' })).toBe('replied');
    expect(statusOf({ ...none, disposal: 'hold', outOfScope: { referTo: null, reason: null } })).toBe('out-of-scope');
    expect(statusOf({ ...none, outOfScope: { referTo: null, reason: null }, duplicateOf: '2016-0001' })).toBe('duplicate');
  });
});
