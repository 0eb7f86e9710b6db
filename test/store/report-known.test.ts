// periodCounts as known at K after corrections of registered fields: a registry's counts taken at
// K, then hundreds of items amended after K (received dates moved in and out of the period, source
// across groups, channel, type, category, rank, unit, real name; some twice, some to or from
// nothing), more than one statement binds at once, and items registered after K and amended too:
// the counts as known at K must not move, on every engine; without K they follow the corrections.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../../src/domain/dates.js';
import type { FieldChange } from '../../src/domain/events.js';
import type { ItemDraft } from '../../src/domain/item.js';
import { groupOf, type Source } from '../../src/domain/vocabulary.js';
import { insertEvent, updateItemFields, type AmendableColumns } from '../../src/store/events.js';
import { insertItem } from '../../src/store/items.js';
import { Registry } from '../../src/store/registry.js';
import { fieldsKnownAt, periodCounts, type PeriodCountQuery, type PeriodCounts } from '../../src/store/report.js';
import { Vault } from '../../src/store/vault.js';
import { testRegistries } from '../support/engines.js';

const vault = new Vault(Buffer.alloc(32, 7));
const SOURCES: Source[] = ['superior-forwarded', 'superior-assigned', 'own', 'leader-assigned', 'judicial', 'other-agency'];
const UNITS = ['城关镇', '区住建局', '东岗街道', '区教育局', '雁滩街道', '区财政局'];
const K = '2016-08-01T00:00:00.000Z';

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

interface Row { id: number; received: IsoDate; source: Source; channel: string; kind: string; category: string | null; rank: string | null; unit: string | null; realName: boolean }

describe.each(testRegistries)('report counts as known at K after amendments on $engine', (engine) => {
  let dir: string;
  let location: string;
  let registry: Registry;
  const rows: Row[] = [];
  const r = rng(20160701);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const queries: PeriodCountQuery[] = (['source', 'channel', 'kind', 'category', 'rank', 'unit'] as const).flatMap((breakdown) => [
    ['2016-06-01', '2016-06-30'], ['2016-01-01', '2016-06-30'], ['2016-07-01', '2016-07-31'],
  ].map(([from, to]) => ({ from: from!, to: to!, asOf: to!, knownAt: K, handleDays: 60, cutoffs: { accept: to!, notify: to!, reply: to! }, breakdown })));
  /** Rows of the counts come in the engine's order, which a different plan may change: sorted here. */
  const sorted = (v: unknown): unknown => Array.isArray(v)
    ? v.map(sorted).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
    : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, sorted(x)])) : v;
  const countAll = async (qs: readonly PeriodCountQuery[]) => (await Promise.all(qs.map((q) => periodCounts(registry.db, registry.dialect, q)))).map(sorted) as PeriodCounts[];
  let published: Awaited<ReturnType<typeof countAll>>;

  const register = (trx: Parameters<Parameters<Registry['write']>[0]>[0], i: number, at: string) => {
    const source = pick(SOURCES);
    const realName = r() < 0.4;
    const d: ItemDraft = {
      received: addDays('2016-05-20', Math.floor(r() * 70)), source, forwardedBy: groupOf(source) === 'superior' ? '甘肃省纪委监委' : undefined,
      channel: pick(['letter', 'visit', 'online']), kind: pick(['accusation', 'appeal']), summary: `第${i}件`,
      category: r() < 0.7 ? pick(['违反廉洁纪律', '违反工作纪律']) : undefined, accusedUnit: r() < 0.8 ? pick(UNITS) : undefined,
      accusedRank: r() < 0.5 ? '乡科级' : undefined, reporter: realName ? { name: '王某' } : {}, realName, extra: {},
    };
    return insertItem(trx, vault, d, { at, operator: 't', via: 'register' }).then((row) => {
      rows.push({
        id: Number(row.id), received: d.received, source, channel: d.channel, kind: d.kind, category: d.category ?? null,
        rank: d.accusedRank ?? null, unit: d.accusedUnit ?? null, realName,
      });
    });
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xinfang-report-known-'));
    location = await engine.create(dir);
    registry = await Registry.open(location, { create: true });
    await registry.migrate();
    await registry.write(async (trx) => {
      for (let i = 0; i < 900; i++) await register(trx, i, '2016-07-15T00:00:00.000Z');
      let n = 0;
      for (const row of rows) {
        if (r() < 0.5) continue;
        const on = addDays(row.received, 3);
        const meta = { on, at: `2016-07-20T00:00:${String(n++ % 60).padStart(2, '0')}.000Z`, operator: 't', note: null };
        await insertEvent(trx, row.id, null, r() < 0.8 ? { kind: 'dispose', disposal: pick(['verify', 'file-case', 'close'] as const) } : { kind: 'scope-out', scope: 'no-substance', referTo: null, reason: '无' }, meta);
      }
    });
    published = await countAll(queries);
  }, 120_000);

  afterAll(async () => {
    await registry?.close();
    await engine.drop(location);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every count as known at K through hundreds of later amendments', async () => {
    let amended = 0;
    await registry.write(async (trx) => {
      // Items registered after K, amended too: still not counted as known at K.
      for (let i = 0; i < 30; i++) await register(trx, 1000 + i, '2016-08-02T00:00:00.000Z');
      let clock = Date.parse('2016-08-03T00:00:00.000Z');
      for (let round = 0; round < 2; round++) {
        for (const row of rows) {
          if (r() < (round === 0 ? 0.25 : 0.7)) continue;
          const changes: FieldChange[] = [];
          const cols: AmendableColumns = {};
          const change = <K extends keyof Row>(field: string, key: K, col: keyof AmendableColumns, to: Row[K]) => {
            if (to === row[key]) return;
            const text = (v: unknown) => (v === null ? null : typeof v === 'boolean' ? (v ? '是' : '否') : String(v));
            changes.push({ field, from: text(row[key]), to: text(to) });
            (cols as Record<string, unknown>)[col] = typeof to === 'boolean' ? (to ? 1 : 0) : to;
            row[key] = to;
          };
          if (r() < 0.4) change('received', 'received', 'received', addDays(row.received, Math.floor(r() * 21) - 10));
          if (r() < 0.3) change('source', 'source', 'source', pick(SOURCES));
          if (r() < 0.3) change('channel', 'channel', 'channel', pick(['letter', 'visit', 'online', 'phone']));
          if (r() < 0.2) change('kind', 'kind', 'kind', pick(['accusation', 'appeal', 'suggestion']));
          if (r() < 0.2) change('category', 'category', 'category', r() < 0.3 ? null : pick(['违反廉洁纪律', '违反群众纪律']));
          if (r() < 0.2) change('accusedRank', 'rank', 'accused_rank', r() < 0.3 ? null : pick(['乡科级', '一般干部']));
          if (r() < 0.3) change('accusedUnit', 'unit', 'accused_unit', r() < 0.2 ? null : pick(UNITS));
          if (r() < 0.2) change('realName', 'realName', 'real_name', !row.realName);
          if (r() < 0.2) changes.push({ field: 'summary', from: 'x', to: 'y' }); // not a field the report reads
          if (changes.length === 0) continue;
          if (Object.keys(cols).length) await updateItemFields(trx, row.id, cols);
          clock += 1000;
          await insertEvent(trx, row.id, null, { kind: 'amend', changes, reason: '更正' }, { on: '2016-08-03', at: new Date(clock).toISOString(), operator: 't', note: null });
          amended++;
        }
      }
    });
    expect(amended).toBeGreaterThan(600);
    expect((await fieldsKnownAt(registry.db, K)).length).toBeGreaterThan(500);
    expect(await countAll(queries)).toEqual(published);
    // Without K the corrected register is counted: the June figures moved.
    const corrected = await countAll(queries.map((q) => ({ ...q, knownAt: undefined })));
    expect(corrected[0]!.groups).not.toEqual(published[0]!.groups);
    const june = rows.filter((x) => x.received >= '2016-06-01' && x.received <= '2016-06-30');
    expect(corrected[0]!.groups.superior.received + corrected[0]!.groups.local.received).toBe(june.length);
    expect(corrected[0]!.groups.superior.received).toBe(june.filter((x) => groupOf(x.source) === 'superior').length);
    // Nothing amended after a later K: the same counts as without it.
    const later = await countAll(queries.map((q) => ({ ...q, knownAt: '2017-01-01T00:00:00.000Z' })));
    expect(later).toEqual(corrected);
  }, 120_000);
});
