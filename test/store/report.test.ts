// The report's counts in the store against a reference that folds every item in JavaScript with
// the domain's own definitions (stateAt for the state, deadlinesOf for the deadlines, as the
// overdue command uses them), on random registries whose decisions are reversed, superseded and
// back-dated, at many as-of dates and recorded times, on every engine. Every group must also
// satisfy the invariant of SPEC 6.1 (buildReport checks it and throws otherwise).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadChineseDays, WorkingCalendar } from '../../src/domain/calendar.js';
import { addDays, type IsoDate } from '../../src/domain/dates.js';
import { concludedOnTime, deadlinesOf, missed } from '../../src/domain/deadlines.js';
import { stateAt, type Decision, type ItemEvent } from '../../src/domain/events.js';
import type { ItemDraft } from '../../src/domain/item.js';
import { buildReport, type GroupCounts } from '../../src/domain/report.js';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.js';
import { groupOf, type Source } from '../../src/domain/vocabulary.js';
import { insertEvent } from '../../src/store/events.js';
import { insertItem } from '../../src/store/items.js';
import { itemStateFaults } from '../../src/store/item-state.js';
import { Registry } from '../../src/store/registry.js';
import { periodCounts, withUnits } from '../../src/store/report.js';
import { Vault } from '../../src/store/vault.js';
import type { UseCaseContext } from '../../src/usecases/context.js';
import { listItemPages, type ListFilters } from '../../src/usecases/items.js';
import { deadlineFacts, overduePages, type OverdueEntry } from '../../src/usecases/overdue.js';
import { missedCutoff } from '../../src/usecases/report.js';
import { testRegistries } from '../support/engines.js';

const vault = new Vault(Buffer.alloc(32, 9));
const lengths = DEFAULT_SETTINGS.deadlines;

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Item { id: number; code: string; received: IsoDate; source: Source; realName: boolean; intakeAt: string; unit: string | null }

const SOURCES: Source[] = ['superior-forwarded', 'superior-assigned', 'own', 'leader-assigned', 'judicial', 'other-agency'];

function randomDecision(r: () => number, others: readonly Item[], on: IsoDate): Decision {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const due = () => (r() < 0.5 ? addDays(on, 5 + Math.floor(r() * 60)) : null);
  switch (Math.floor(r() * 16)) {
    case 0: case 1: return { kind: 'duplicate', of: pick(others).code };
    case 2: return { kind: 'duplicate-clear' };
    case 3: return { kind: 'scope-out', scope: 'out-of-scope', referTo: '县法院', reason: '诉讼事项' };
    case 4: return { kind: 'scope-out', scope: 'no-substance', referTo: null, reason: '无具体人和事' };
    case 5: return { kind: 'scope-in' };
    case 6: case 7: return { kind: 'assign', office: pick(['第一监察室', '第二监察室']), due: due() };
    case 8: case 9: return { kind: 'dispose', disposal: pick(['file-case', 'verify', 'inquire', 'hold', 'close'] as const) };
    case 10: return { kind: 'conclude', result: pick(['substantiated', 'partly', 'unsubstantiated'] as const) };
    case 11: return { kind: 'notify', method: 'phone' };
    case 12: return { kind: 'reply', method: 'letter', text: '答复' };
    case 13: return { kind: 'supervise', method: 'phone', due: due() };
    case 14: return { kind: 'extend', days: 20, reason: '复杂', due: addDays(on, 40) };
    default: return r() < 0.25 ? { kind: 'void', reason: '误登' } : { kind: 'sanction', person: '某人', sanction: pick(['警告', '记过']) };
  }
}

/** `x` with every array's elements in one order (by their JSON), recursively. */
function unordered(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(unordered).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  if (x !== null && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, unordered(v)]));
  return x;
}

function zero(): GroupCounts {
  return {
    received: 0, duplicates: 0, outOfScope: 0, noSubstance: 0, pending: 0,
    disposals: { 'file-case': 0, verify: 0, inquire: 0, hold: 0, close: 0 },
    concluded: 0, concludedWithDeadline: 0, onTime: 0, realName: 0, replied: 0, overdue: 0,
  };
}

describe.each(testRegistries)('report counts on $engine', (engine) => {
  let dir: string;
  let location: string;
  let registry: Registry;
  let calendar: WorkingCalendar;
  const items: Item[] = [];
  const events = new Map<number, ItemEvent[]>();
  const recorded: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xinfang-report-'));
    location = await engine.create(dir);
    registry = await Registry.open(location, { create: true });
    await registry.migrate();
    calendar = new WorkingCalendar(await loadChineseDays());
    const r = rng(20160621);
    await registry.write(async (trx) => {
      // Items registered over time (some after later decisions on others), received anywhere in 2015-11..2016-09.
      let clock = Date.parse('2016-01-01T00:00:00.000Z');
      const register = async (i: number) => {
        const received = addDays('2015-11-01', Math.floor(r() * 320));
        const source = SOURCES[Math.floor(r() * SOURCES.length)]!;
        const realName = r() < 0.4;
        const unit = r() < 0.8 ? ['城关镇', '区住建局', '东岗街道', '区教育局', '雁滩街道', '区财政局', '区水务局'][Math.floor(r() * 7)]! : null;
        const d: ItemDraft = {
          received, source, forwardedBy: groupOf(source) === 'superior' ? '甘肃省纪委监委' : undefined, channel: r() < 0.5 ? 'letter' : 'visit',
          kind: r() < 0.8 ? 'accusation' : 'appeal', summary: `第${i}件`, category: r() < 0.7 ? '违反廉洁纪律' : undefined,
          accusedUnit: unit ?? undefined, accusedRank: r() < 0.5 ? '乡科级' : undefined, reporter: realName ? { name: '王某' } : {}, realName, extra: {},
        };
        const intakeAt = new Date(Math.max(clock, Date.parse(`${received}T12:00:00.000Z`))).toISOString();
        const row = await insertItem(trx, vault, d, { at: intakeAt, operator: 't', via: 'register' });
        items.push({ id: Number(row.id), code: row.code, received, source, realName, intakeAt, unit });
        events.set(Number(row.id), []);
      };
      for (let i = 0; i < 50; i++) await register(i);
      for (let n = 0; n < 500; n++) {
        if (n % 50 === 49) await register(100 + n);
        const item = items[Math.floor(r() * items.length)]!;
        const on = addDays(item.received, Math.floor(r() * 120));
        const others = items.filter((x) => x.id !== item.id);
        const decision = randomDecision(r, others, on);
        clock += Math.floor(r() * 4) * 3_600_000 * 6 + 1000;
        const at = new Date(clock).toISOString();
        const target = decision.kind === 'duplicate' ? decision.of : null;
        const targetId = target ? items.find((x) => x.code === target)!.id : null;
        events.get(item.id)!.push(await insertEvent(trx, item.id, targetId, decision, { on, at, operator: 't', note: null }));
        recorded.push(at);
      }
    });
  }, 120_000);

  afterAll(async () => {
    await registry?.close();
    await engine.drop(location);
    rmSync(dir, { recursive: true, force: true });
  });

  /** The reference: every item folded with the domain's definitions. */
  function reference(from: IsoDate, until: IsoDate, asOf: IsoDate, knownAt?: string) {
    const groups = { superior: zero(), local: zero() };
    const drew = new Map<string, number>();
    for (const item of items) {
      if (item.received < from || item.received > until) continue;
      if (knownAt !== undefined && item.intakeAt > knownAt) continue;
      const s = stateAt(events.get(item.id)!, { asOf, knownAt });
      if (s.status === 'void') continue;
      const g = groups[groupOf(item.source)];
      g.received++;
      const outside = s.status === 'duplicate' || s.status === 'out-of-scope' || s.status === 'no-substance';
      if (s.status === 'duplicate') { g.duplicates++; drew.set(s.duplicateOf!, (drew.get(s.duplicateOf!) ?? 0) + 1); }
      else if (s.status === 'out-of-scope') g.outOfScope++;
      else if (s.status === 'no-substance') g.noSubstance++;
      else if (s.disposal === null) g.pending++;
      else g.disposals[s.disposal]++;
      const deadlines = deadlinesOf(deadlineFacts(item, s), asOf, calendar, lengths);
      if (!outside && s.disposal !== null && s.concluded !== null) {
        g.concluded++;
        if (s.assigned !== null) {
          g.concludedWithDeadline++;
          if (concludedOnTime(deadlines) === true) g.onTime++;
        }
      }
      if (!outside && item.realName) {
        g.realName++;
        if (s.replied !== null) g.replied++;
      }
      if (missed(deadlines).length > 0) g.overdue++;
    }
    return { groups, drew };
  }

  it('agrees with the domain fold for every group and figure, with decisions reversed and back-dated', async () => {
    const r = rng(11);
    const periods: [IsoDate, IsoDate][] = [['2016-01-01', '2016-06-30'], ['2016-04-01', '2016-06-30'], ['2015-11-01', '2016-12-31'], ['2016-03-01', '2016-03-31']];
    let checked = 0;
    let overdueSeen = 0;
    let onTimeSeen = 0;
    for (const [from, to] of periods) {
      const asOfs = [to, addDays(from, 20), addDays(to, 90), addDays(from, Math.floor(r() * 100))];
      const knownAts = [undefined, recorded[Math.floor(r() * recorded.length)]!, recorded[Math.floor(r() * recorded.length)]!];
      for (const asOf of asOfs) {
        if (asOf < from) continue;
        for (const knownAt of knownAts) {
          const until = to < asOf ? to : asOf;
          const got = await periodCounts(registry.db, registry.dialect, {
            from, to: until, asOf, knownAt, handleDays: lengths.handle,
            cutoffs: { accept: missedCutoff(calendar, asOf, lengths.accept), notify: missedCutoff(calendar, asOf, lengths.notify), reply: missedCutoff(calendar, asOf, lengths.reply) },
            breakdown: 'source',
          });
          const want = reference(from, until, asOf, knownAt);
          const where = `${from}..${until} as of ${asOf} known at ${knownAt}`;
          expect(got.groups, where).toEqual(want.groups);
          // the invariant, checked by the domain (it throws on a broken group)
          const values = [...want.drew.values()];
          expect(got.repeat, where).toEqual({
            originals: values.length, duplicates: values.reduce((a, b) => a + b, 0),
            byDuplicates: { '1': values.filter((n) => n === 1).length, '2': values.filter((n) => n === 2).length, '3+': values.filter((n) => n >= 3).length },
          });
          const total = got.groups.superior.received + got.groups.local.received;
          expect(got.byDate.reduce((a, x) => a + x.count, 0)).toBe(total);
          expect(got.breakdown.reduce((a, x) => a + x.count, 0)).toBe(total);
          buildReport({
            period: { from, to, asOf, knownAt: knownAt ?? null, kind: 'range', settings: { monthStartDay: 1, deadlines: { ...lengths }, calendarYears: [] } },
            groups: got.groups, compare: null, sanctions: got.sanctions, activities: got.activities, monthly: [], repeat: got.repeat, breakdown: null,
            analysis: Object.fromEntries(Object.entries(got.analysis).map(([k, rows]) => [k, { total, rows }])) as never,
          });
          overdueSeen += got.groups.superior.overdue + got.groups.local.overdue;
          onTimeSeen += got.groups.superior.onTime + got.groups.local.onTime;
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
    // the comparison covers the flags, not only zeros
    expect(overdueSeen).toBeGreaterThan(0);
    expect(onTimeSeen).toBeGreaterThan(0);
  });

  it('reads the kept states (item_state) exactly as it computes them from the events, at dates before and after the last decisions', async () => {
    // Every write above went through insertItem and insertEvent, which keep item_state.
    expect(await itemStateFaults(registry.db, registry.dialect)).toEqual({ count: 0, itemIds: [] });
    const settled = (await registry.db.selectFrom('item_state').select('settled').where('settled', 'is not', null).execute()).map((r) => r.settled!);
    let mixed = 0;
    for (const [from, to] of [['2015-11-01', '2016-12-31'], ['2016-01-01', '2016-06-30'], ['2016-03-01', '2016-03-31']] as [IsoDate, IsoDate][]) {
      for (const asOf of [to, addDays(from, 15), addDays(from, 60), '2017-06-30'] as IsoDate[]) {
        if (asOf < from) continue;
        const until = to < asOf ? to : asOf;
        const q = {
          from, to: until, asOf, handleDays: lengths.handle, breakdown: 'office' as const,
          cutoffs: { accept: missedCutoff(calendar, asOf, lengths.accept), notify: missedCutoff(calendar, asOf, lengths.notify), reply: missedCutoff(calendar, asOf, lengths.reply) },
        };
        // The rows of a list come in the order the database grouped them: compared as sets.
        expect(unordered(await periodCounts(registry.db, registry.dialect, q)), `${from}..${until} as of ${asOf}`)
          .toEqual(unordered(await periodCounts(registry.db, registry.dialect, { ...q, fromEvents: true })));
        if (settled.some((d) => d > asOf) && settled.some((d) => d <= asOf)) mixed++;
      }
    }
    // Both kinds of item met: settled by the as-of date (kept rows) and not (from their events).
    expect(mixed).toBeGreaterThan(5);
  });

  it('lists the same missed deadlines from the kept states as from the events, at dates before and after the last decisions', async () => {
    const ctx = { registry, now: () => new Date('2017-06-30T10:00:00Z'), operator: 't', env: {}, warn: () => {}, vault: async () => vault } as unknown as UseCaseContext;
    let listed = 0;
    for (const asOf of ['2015-12-15', '2016-02-10', '2016-04-30', '2016-07-31', '2017-06-30'] as IsoDate[]) {
      const all = async (knownAt?: string) => {
        const out: OverdueEntry[] = [];
        for await (const page of overduePages(ctx, { asOf, knownAt }, 7)) out.push(...page);
        return out;
      };
      const kept = await all();
      expect(kept, `as of ${asOf}`).toEqual(await all('9999-12-31T23:59:59.999Z'));
      listed += kept.length;
    }
    expect(listed).toBeGreaterThan(20);
  });

  it('lists by state the same items from the kept states as from the events, at dates before and after the last decisions', async () => {
    const ctx = { registry, now: () => new Date('2017-06-30T10:00:00Z'), operator: 't', env: {}, warn: () => {}, vault: async () => vault } as unknown as UseCaseContext;
    let listed = 0;
    const filters: ListFilters[] = [
      { statuses: ['pending'] }, { statuses: ['disposed', 'concluded', 'replied'] }, { statuses: ['duplicate', 'out-of-scope', 'no-substance', 'void'] },
      { disposals: ['verify', 'inquire'] }, { office: '第一监察室' }, { overdue: true }, { statuses: ['disposed'], office: '第二监察室' },
    ];
    for (const asOf of ['2015-12-15', '2016-02-10', '2016-04-30', '2016-07-31', '2017-06-30'] as IsoDate[]) {
      for (const f of filters) {
        const codes = async (knownAt?: string) => {
          const out: string[] = [];
          for await (const page of listItemPages(ctx, { ...f, asOf, knownAt }, 9)) out.push(...page.map((v) => `${v.code} ${v.status} ${v.disposal}`));
          return out;
        };
        const kept = await codes();
        expect(kept, `${JSON.stringify(f)} as of ${asOf}`).toEqual(await codes('9999-12-31T23:59:59.999Z'));
        listed += kept.length;
      }
    }
    expect(listed).toBeGreaterThan(100);
  });

  it('counts two periods at the same time as one after the other; the comparison takes the current units afterwards', async () => {
    const query = (from: IsoDate, to: IsoDate) => ({
      from, to, asOf: to, handleDays: lengths.handle, breakdown: 'unit' as const, topUnits: 2,
      cutoffs: { accept: missedCutoff(calendar, to, lengths.accept), notify: missedCutoff(calendar, to, lengths.notify), reply: missedCutoff(calendar, to, lengths.reply) },
    });
    const current = query('2016-01-01', '2016-06-30');
    const previous = query('2015-11-01', '2015-12-31');
    const one = await periodCounts(registry.db, registry.dialect, current);
    const units = one.analysis.unit.map((u) => u.key);
    const other = await periodCounts(registry.db, registry.dialect, { ...previous, units });
    // side by side (on SQLite through its one connection, each with its temporary table in turn)
    const [now, then] = await Promise.all([periodCounts(registry.db, registry.dialect, current), periodCounts(registry.db, registry.dialect, previous)]);
    expect(now).toEqual(one);
    expect(withUnits(then, units)).toEqual(other);
    expect(other.analysis.unit.every((u) => units.includes(u.key))).toBe(true);
    expect(other.analysis.unit.length).toBeGreaterThan(0);
    // the comparison's own largest units differ from the current period's here, so the choice shows
    expect(then.analysis.unit.map((u) => u.key)).not.toEqual(other.analysis.unit.map((u) => u.key));
  });

  it('counts sanctions by their own dates, never on a void item', async () => {
    const from = '2016-01-01';
    const to = '2016-12-31';
    const got = await periodCounts(registry.db, registry.dialect, {
      from, to, asOf: to, handleDays: 60, cutoffs: { accept: to, notify: to, reply: to },
    });
    const want = new Map<string, number>();
    for (const item of items) {
      const evs = events.get(item.id)!;
      if (evs.some((e) => e.kind === 'void')) continue;
      for (const e of evs) if (e.kind === 'sanction' && e.on >= from && e.on <= to) want.set(e.sanction, (want.get(e.sanction) ?? 0) + 1);
    }
    expect(new Map(got.sanctions.map((x) => [x.kind, x.persons]))).toEqual(want);
    expect(want.size).toBeGreaterThan(0);
  });
});
