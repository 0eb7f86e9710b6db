// Deadlines of SPEC 4 from plain facts, on the mainland calendar.
import { describe, expect, it } from 'vitest';
import { loadChineseDays, WorkingCalendar } from '../../src/domain/calendar.js';
import { concludedOnTime, deadlinesOf, extensionProblem, missed, type DeadlineFacts } from '../../src/domain/deadlines.js';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.js';

const calendar = new WorkingCalendar(await loadChineseDays());
const lengths = DEFAULT_SETTINGS.deadlines;

const facts = (f: Partial<DeadlineFacts> = {}): DeadlineFacts => ({
  received: '2016-09-29', realName: false, duplicate: false, outOfScope: false, firstTriage: null,
  assignedOn: null, assignmentDue: null, extensionDays: 0, concluded: null, notified: null, replied: null, ...f,
});
const of = (f: Partial<DeadlineFacts>, asOf: string, l = lengths) => deadlinesOf(facts(f), asOf, calendar, l);

describe('accept: 5 working days after receipt, met by the first triage', () => {
  it('received 2016-09-29: due 2016-10-11, open until then', () => {
    expect(of({}, '2016-10-11')).toEqual([{ kind: 'accept', due: '2016-10-11', met: null, daysLate: 0, status: 'open' }]);
  });
  it('missed the day after, counted in calendar days', () => {
    expect(of({}, '2016-10-12')[0]).toMatchObject({ status: 'missed', daysLate: 1 });
    expect(of({}, '2016-10-17')[0]).toMatchObject({ status: 'missed', daysLate: 6 });
  });
  it('met on time, or late with the days it was late', () => {
    expect(of({ firstTriage: '2016-10-10' }, '2016-12-31')[0]).toEqual({ kind: 'accept', due: '2016-10-11', met: '2016-10-10', daysLate: 0, status: 'met' });
    expect(of({ firstTriage: '2016-10-14' }, '2016-12-31')[0]).toMatchObject({ met: '2016-10-14', daysLate: 3, status: 'met-late' });
  });
  it('a triage after the as-of date meets nothing yet', () => {
    expect(of({ firstTriage: '2016-10-14' }, '2016-10-13')[0]).toMatchObject({ met: null, daysLate: 2, status: 'missed' });
  });
  it('an item received after the as-of date has no deadlines', () => {
    expect(of({}, '2016-09-28')).toEqual([]);
  });
  it('the length comes from the settings', () => {
    expect(of({}, '2016-10-01', { ...lengths, accept: 1 })[0]!.due).toBe('2016-09-30');
  });
});

describe('notify: 15 working days, real-name items that are not duplicates', () => {
  it('applies to a real-name item, not to an anonymous one or a duplicate', () => {
    expect(of({ realName: true }, '2016-10-11').map((d) => d.kind)).toEqual(['accept', 'notify']);
    expect(of({ realName: false }, '2016-10-11').map((d) => d.kind)).toEqual(['accept']);
    expect(of({ realName: true, duplicate: true }, '2016-10-11').map((d) => d.kind)).toEqual(['accept']);
    // out of scope: the reporter is still told it is not accepted
    expect(of({ realName: true, outOfScope: true }, '2016-10-11').map((d) => d.kind)).toEqual(['accept', 'notify']);
  });
  it('due 15 working days after 2016-09-29 (National Day week off, 10-08/09 on) = 2016-10-25', () => {
    expect(of({ realName: true, notified: '2016-10-20' }, '2016-11-30')[1]).toEqual({ kind: 'notify', due: '2016-10-25', met: '2016-10-20', daysLate: 0, status: 'met' });
  });
});

describe('handle: the assignment’s due date, else 60 days; one extension', () => {
  it('60 calendar days after the assignment when it set no due date', () => {
    const h = of({ firstTriage: '2016-10-10', assignedOn: '2016-10-10' }, '2016-12-31').find((d) => d.kind === 'handle');
    expect(h).toEqual({ kind: 'handle', due: '2016-12-09', met: null, daysLate: 22, status: 'missed' });
  });
  it('the assignment’s own due date wins, and the extension adds to it', () => {
    const base = { firstTriage: '2016-10-10', assignedOn: '2016-10-10', assignmentDue: '2016-11-30' };
    expect(of(base, '2016-12-01').find((d) => d.kind === 'handle')).toMatchObject({ due: '2016-11-30', status: 'missed', daysLate: 1 });
    expect(of({ ...base, extensionDays: 30 }, '2016-12-01').find((d) => d.kind === 'handle')).toMatchObject({ due: '2016-12-30', status: 'open', daysLate: 0 });
  });
  it('met by the conclusion; onTime says whether it was in time', () => {
    const base = { firstTriage: '2016-10-10', assignedOn: '2016-10-10', assignmentDue: '2016-11-30' };
    const onTime = of({ ...base, concluded: '2016-11-30' }, '2016-12-31');
    const late = of({ ...base, concluded: '2016-12-02' }, '2016-12-31');
    expect(concludedOnTime(onTime)).toBe(true);
    expect(concludedOnTime(late)).toBe(false);
    expect(late.find((d) => d.kind === 'handle')).toMatchObject({ met: '2016-12-02', daysLate: 2, status: 'met-late' });
    expect(concludedOnTime(of(base, '2016-12-31'))).toBeUndefined();
  });
  it('does not apply to an item not assigned, or assigned after the as-of date, or a duplicate', () => {
    expect(of({ firstTriage: '2016-10-10' }, '2016-12-31').map((d) => d.kind)).toEqual(['accept']);
    expect(of({ firstTriage: '2016-10-10', assignedOn: '2016-11-01' }, '2016-10-31').map((d) => d.kind)).toEqual(['accept']);
    expect(of({ firstTriage: '2016-10-10', assignedOn: '2016-10-10', duplicate: true }, '2016-12-31').map((d) => d.kind)).toEqual(['accept']);
  });
});

describe('reply: 15 working days after the conclusion, real-name items', () => {
  it('due from the conclusion, across the year end (New Year off)', () => {
    const r = of({ realName: true, notified: '2016-10-10', firstTriage: '2016-10-10', assignedOn: '2016-10-10', concluded: '2016-12-20' }, '2017-01-31')
      .find((d) => d.kind === 'reply');
    // 12-21..12-30 (8), 01-03..01-09 (5: 01-02 off), 01-10, 01-11 → 15th = 2017-01-11
    expect(r).toEqual({ kind: 'reply', due: '2017-01-11', met: null, daysLate: 20, status: 'missed' });
  });
  it('met by the reply; not due for anonymous items or before the conclusion', () => {
    const base = { realName: true, notified: '2016-10-10', firstTriage: '2016-10-10', assignedOn: '2016-10-10', concluded: '2016-12-20' };
    expect(of({ ...base, replied: '2016-12-28' }, '2017-01-31').find((d) => d.kind === 'reply')).toMatchObject({ status: 'met' });
    expect(of({ ...base, realName: false }, '2017-01-31').map((d) => d.kind)).toEqual(['accept', 'handle']);
    expect(of(base, '2016-12-19').map((d) => d.kind)).toEqual(['accept', 'notify', 'handle']);
  });
});

describe('missed and extension rules', () => {
  it('missed lists the open deadlines past due', () => {
    const ds = of({ realName: true, firstTriage: '2016-10-14' }, '2016-10-31');
    expect(missed(ds).map((d) => d.kind)).toEqual(['notify']);
  });
  it('an extension is 1..deadline.extension days, once per assignment', () => {
    expect(extensionProblem(30, 30, false)).toBeUndefined();
    expect(extensionProblem(31, 30, false)?.zh).toBe('延期天数应为 1 至 30 天');
    expect(extensionProblem(0, 30, false)).toBeDefined();
    expect(extensionProblem(10, 30, true)?.en).toContain('one extension per assignment');
    expect(extensionProblem(10, 0, false)?.en).toContain('not allowed');
  });
});
