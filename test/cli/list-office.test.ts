// `list --office OFFICE` (SPEC 6): the items handed to that office as of the as-of date (the
// state's assignedTo), matched exactly as `assign --to` stored it; on every engine.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, registerOk, testRegistries, type CliSandbox } from '../support/cli.js';

describe.each(testRegistries)('list --office on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  const codes = async (...args: string[]) => (JSON.parse(await s.ok(['list', '--json', ...args])) as { code: string }[]).map((i) => i.code);

  it('keeps the items assigned to the office as of --as-of, exactly as assign --to stored it', async () => {
    const a = await registerOk(s, { received: '2016-06-01' });
    const b = await registerOk(s, { received: '2016-06-02' });
    const c = await registerOk(s, { received: '2016-06-03' });
    await registerOk(s, { received: '2016-06-04' }); // never assigned
    await s.ok(['assign', a, '--to', '第一监察室', '--on', '2016-06-05']);
    await s.ok(['assign', b, '--to', '  第二监察室 ', '--on', '2016-06-05']);
    await s.ok(['assign', c, '--to', '第一监察室', '--on', '2016-06-05']);
    await s.ok(['assign', c, '--to', '第二监察室', '--on', '2016-06-10']); // handed on later

    expect(await codes('--office', '第一监察室', '--as-of', '2016-06-30')).toEqual([a]);
    expect(await codes('--office', '第二监察室', '--as-of', '2016-06-30')).toEqual([b, c]);
    // As of a day before the hand-on, c was still with the first office; before any assignment, none.
    expect(await codes('--office', '第一监察室', '--as-of', '2016-06-07')).toEqual([a, c]);
    expect(await codes('--office', '第一监察室', '--as-of', '2016-06-04')).toEqual([]);
    // Exact match: no substring, trimmed as assign trims; combines with the other filters.
    expect(await codes('--office', '监察室', '--as-of', '2016-06-30')).toEqual([]);
    expect(await codes('--office', ' 第二监察室 ', '--as-of', '2016-06-30')).toEqual([b, c]);
    expect(await codes('--office', '第二监察室', '--as-of', '2016-06-30', '--from', '2016-06-03')).toEqual([c]);
    expect(await codes('--office', '第二监察室', '--as-of', '2016-06-30', '--limit', '1')).toEqual([b]);
  });

  it('a blank --office is a usage error; help shows the option with an example', async () => {
    const r = await s.cli(['list', '--office', '  ']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--office');
    const help = await s.cli(['list', '--help']);
    expect(help.stdout).toContain('--office');
    expect(help.stdout).toContain('xinfang list --office 第一监察室');
  });
});
