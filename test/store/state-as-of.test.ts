// State as of a date, as known at a time: one definition (stateAt in the domain), two
// implementations. Random event sequences with back-dated corrections, written to a registry of
// each engine; the store's set-based query must agree with the domain fold for every item at
// every date and every recorded time tried.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.js';
import { stateAt, type Decision, type ItemEvent } from '../../src/domain/events.js';
import type { ItemDraft } from '../../src/domain/item.js';
import { insertEvent, itemStateGroups, itemStates, itemStatesQuery } from '../../src/store/events.js';
import { insertItem } from '../../src/store/items.js';
import { Registry } from '../../src/store/registry.js';
import { Vault } from '../../src/store/vault.js';
import { testRegistries } from '../support/engines.js';

const vault = new Vault(Buffer.alloc(32, 7));

/** A small deterministic PRNG (mulberry32), so that a failure can be replayed. */
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

interface Item { id: number; code: string; received: string }

function randomDecision(r: () => number, others: readonly Item[], on: string): Decision {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const due = () => (r() < 0.5 ? addDays(on, 10 + Math.floor(r() * 60)) : null);
  switch (Math.floor(r() * 18)) {
    case 0: case 1: return { kind: 'duplicate', of: pick(others).code };
    case 2: return { kind: 'duplicate-clear' };
    case 3: return { kind: 'scope-out', scope: 'out-of-scope', referTo: pick(['县信访局', '县法院']), reason: '不属职责' };
    case 4: return { kind: 'scope-out', scope: 'no-substance', referTo: null, reason: '无具体人和事' };
    case 5: return { kind: 'scope-in' };
    case 6: return { kind: 'assign', office: pick(['第一监察室', '第二监察室']), due: due() };
    case 7: case 8: return { kind: 'dispose', disposal: pick(['file-case', 'verify', 'inquire', 'hold', 'close'] as const) };
    case 9: return { kind: 'conclude', result: pick(['substantiated', 'partly', 'unsubstantiated', 'case-filed'] as const) };
    case 10: return { kind: 'notify', method: r() < 0.5 ? null : 'phone' };
    case 11: return { kind: 'reply', method: 'letter', text: '书面答复' };
    case 12: return { kind: 'supervise', method: 'phone', due: due() };
    case 13: return { kind: 'extend', days: 30, reason: '案情复杂', due: addDays(on, 30) };
    case 14: return { kind: 'instruct', by: '李书记', text: '请核实' };
    case 15: return { kind: 'sanction', person: '张某', sanction: '警告' };
    case 16: return { kind: 'duplicate-dismiss', other: pick(others).code };
    default: return r() < 0.3 ? { kind: 'void', reason: '登记错误' } : { kind: 'dispose', disposal: 'verify' };
  }
}

describe.each(testRegistries)('state as of a date on $engine', (engine) => {
  let dir: string;
  let location: string;
  let registry: Registry;
  const items: Item[] = [];
  const events = new Map<number, ItemEvent[]>();
  const recorded: string[] = [];
  const dates: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xinfang-state-'));
    location = await engine.create(dir);
    registry = await Registry.open(location, { create: true });
    await registry.migrate();
    const r = rng(20161011);
    await registry.write(async (trx) => {
      for (let i = 0; i < 40; i++) {
        const received = addDays('2016-01-01', Math.floor(r() * 200));
        const d: ItemDraft = { received, source: 'own', channel: 'letter', kind: 'accusation', summary: `第${i}件`, reporter: {}, realName: true, extra: {} };
        const row = await insertItem(trx, vault, d, { at: '2016-01-01T00:00:00.000Z', operator: 't', via: 'register' });
        items.push({ id: Number(row.id), code: row.code, received });
        events.set(Number(row.id), []);
      }
      // Recorded in increasing time; effective dates anywhere from receipt on: many events are
      // back-dated corrections of decisions recorded before them.
      let clock = Date.parse('2016-01-02T00:00:00.000Z');
      for (let n = 0; n < 600; n++) {
        const item = items[Math.floor(r() * items.length)]!;
        const on = addDays(item.received, Math.floor(r() * 150));
        const decision = randomDecision(r, items.filter((x) => x.id !== item.id), on);
        clock += Math.floor(r() * 3) * 3_600_000 + 1000; // sometimes several in the same second range
        const at = new Date(clock).toISOString();
        const target = decision.kind === 'duplicate' ? decision.of : decision.kind === 'duplicate-dismiss' ? decision.other : null;
        const targetId = target ? items.find((x) => x.code === target)!.id : null;
        const e = await insertEvent(trx, item.id, targetId, decision, { on, at, operator: 't', note: null });
        events.get(item.id)!.push(e);
        recorded.push(at);
        dates.push(on);
      }
    });
  });

  afterAll(async () => {
    await registry?.close();
    await engine.drop(location);
    rmSync(dir, { recursive: true, force: true });
  });

  function expectAgreement(got: Map<number, unknown>, o: { asOf?: string; knownAt?: string }, only?: (i: Item) => boolean) {
    for (const item of items) {
      if (only && !only(item)) continue;
      const want = stateAt(events.get(item.id)!, o);
      expect(got.get(item.id), `${item.code} as of ${o.asOf} known at ${o.knownAt}`).toEqual(want);
    }
  }

  it('agrees with the domain fold at every date tried, with and without "as known at"', async () => {
    const r = rng(7);
    const asOfs = [undefined, '2015-12-31', '2099-01-01', ...Array.from({ length: 12 }, () => dates[Math.floor(r() * dates.length)]!)];
    const knownAts = [undefined, '2016-01-01T00:00:00.000Z', ...Array.from({ length: 6 }, () => recorded[Math.floor(r() * recorded.length)]!)];
    let compared = 0;
    for (const asOf of asOfs) {
      for (const knownAt of knownAts) {
        const got = await itemStates(registry.db, { asOf, knownAt });
        expect(got.size).toBe(items.length);
        expectAgreement(got, { asOf, knownAt });
        compared += items.length;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('every status the domain gives somewhere is seen, so the comparison covers them all', async () => {
    const seen = new Set<string>();
    for (const d of dates) for (const item of items) seen.add(stateAt(events.get(item.id)!, { asOf: d }).status);
    expect([...seen].sort()).toEqual(['concluded', 'disposed', 'duplicate', 'no-substance', 'out-of-scope', 'pending', 'replied', 'void']);
  });

  it('filters by status, disposal, item ids and received dates in the database, agreeing with the fold', async () => {
    const asOf = '2016-05-01';
    for (const status of ['pending', 'disposed', 'duplicate', 'void'] as const) {
      const rows = await itemStatesQuery(registry.db, { asOf, statuses: [status] }).execute();
      const want = items.filter((i) => stateAt(events.get(i.id)!, { asOf }).status === status).map((i) => i.id).sort((a, b) => a - b);
      expect(rows.map((x) => Number(x.item_id)).sort((a, b) => a - b)).toEqual(want);
    }
    const verify = await itemStatesQuery(registry.db, { asOf, disposals: ['verify'] }).execute();
    expect(verify.map((x) => Number(x.item_id)).sort((a, b) => a - b))
      .toEqual(items.filter((i) => stateAt(events.get(i.id)!, { asOf }).disposal === 'verify').map((i) => i.id).sort((a, b) => a - b));
    const some = items.slice(3, 9).map((i) => i.id);
    const page = await itemStates(registry.db, { asOf, itemIds: some });
    expect([...page.keys()].sort((a, b) => a - b)).toEqual([...some].sort((a, b) => a - b));
    expectAgreement(page, { asOf }, (i) => some.includes(i.id));
    const spring = await itemStates(registry.db, { asOf, receivedFrom: '2016-03-01', receivedTo: '2016-05-31' });
    expect([...spring.keys()].sort((a, b) => a - b)).toEqual(items.filter((i) => i.received >= '2016-03-01' && i.received <= '2016-05-31').map((i) => i.id).sort((a, b) => a - b));
    expectAgreement(spring, { asOf }, (i) => spring.has(i.id));
  });
  it('breaks ties on one date by recording order across id widths, and carries a null value of the winner', async () => {
    // Twelve events on one date, so their ids cross a digit boundary (…9 → …10 and beyond): the
    // winner key compares (date, id) as fixed-width text, the last recorded must win in each slot.
    const on = '2016-08-01';
    let id = 0;
    const mine: ItemEvent[] = [];
    await registry.write(async (trx) => {
      const d: ItemDraft = { received: '2016-07-01', source: 'own', channel: 'letter', kind: 'accusation', summary: '同日多次更正', reporter: {}, realName: true, extra: {} };
      id = Number((await insertItem(trx, vault, d, { at: '2016-07-01T00:00:00.000Z', operator: 't', via: 'register' })).id);
      const seq: Decision[] = [
        { kind: 'assign', office: '第一监察室', due: '2016-09-30' },
        { kind: 'scope-out', scope: 'out-of-scope', referTo: '县法院', reason: '不属职责' },
        { kind: 'duplicate', of: items[0]!.code },
        ...(['verify', 'close', 'hold', 'inquire', 'file-case', 'verify', 'close'] as const).map((disposal): Decision => ({ kind: 'dispose', disposal })),
        { kind: 'duplicate-clear' },
        { kind: 'scope-in' },
        { kind: 'assign', office: '第二监察室', due: null },
        { kind: 'conclude', result: 'partly' },
      ];
      // Instructions (no slot) until the ids are just short of four digits.
      const instruct: Decision = { kind: 'instruct', by: '李书记', text: '请核实' };
      do mine.push(await insertEvent(trx, id, null, instruct, { on, at: '2016-07-31T00:00:00.000Z', operator: 't', note: null }));
      while (mine[mine.length - 1]!.id < 995);
      for (const [n, decision] of seq.entries()) {
        const at = `2016-08-01T0${Math.floor(n / 10)}:${String(n % 10).padStart(2, '0')}:00.000Z`;
        mine.push(await insertEvent(trx, id, decision.kind === 'duplicate' ? items[0]!.id : null, decision, { on, at, operator: 't', note: null }));
      }
    });
    expect(new Set(mine.map((e) => String(e.id).length)).size, 'ids of more than one width').toBeGreaterThan(1);
    for (const knownAt of [undefined, ...new Set(mine.map((e) => e.at))]) {
      const got = (await itemStates(registry.db, { asOf: on, knownAt, itemIds: [id] })).get(id);
      expect(got, `known at ${knownAt}`).toEqual(stateAt(mine, { asOf: on, knownAt }));
    }
    const last = (await itemStates(registry.db, { asOf: on, itemIds: [id] })).get(id)!;
    expect(last).toMatchObject({ status: 'concluded', disposal: 'close', assignedTo: '第二监察室', due: null, outOfScope: null, duplicateOf: null, result: 'partly' });
  });
  it('reads the events of a received range from the events_state index alone, in item order (SQLite plan)', async () => {
    if (engine.engine !== 'sqlite') return;
    const q = itemStateGroups(registry.db, { asOf: '2016-06-30', knownAt: '2016-07-01T00:00:00.000Z', receivedFrom: '2016-01-01', receivedTo: '2016-06-30' }, { scopeData: false }).compile();
    const plan = (await registry.db.executeQuery({ ...q, sql: `explain query plan ${q.sql}`, query: q.query })).rows.map((r) => String((r as { detail: string }).detail)).join('\n');
    expect(plan).toContain('COVERING INDEX events_state');
    expect(plan).not.toContain('TEMP B-TREE');
  });
});
