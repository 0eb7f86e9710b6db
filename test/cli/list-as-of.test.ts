// list --as-of D (SPEC 3, 6): the state at D is the registry as it stood then, so an item received
// after D is left out, as reports and `overdue --as-of` leave it out. A new clerk's trial found
// items received after D listed as 待处置.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';

const now = () => new Date('2026-11-30T10:00:00+08:00');

describe.each(testRegistries)('list --as-of on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });
  const ok = (args: string[]) => s.ok(args, { now });
  const reg = (received: string) => ok(['register', '--source', '本级受理', '--channel', '来信', '--summary', '反映某局干部收受礼金', '--received', received]);
  const codes = async (args: string[]) => (JSON.parse(await ok([...args, '--json'])) as { code?: string; item?: string }[]).map((r) => r.code ?? r.item);

  it('leaves out items received after the as-of date, with and without state filters', async () => {
    const [early, onDay, later] = [await reg('2026-10-09'), await reg('2026-11-04'), await reg('2026-11-10')];
    await ok(['dispose', early, '--as', 'verify', '--on', '2026-10-12']);
    expect(await codes(['list'])).toEqual([early, onDay, later]);
    expect(await codes(['list', '--as-of', '2026-11-04'])).toEqual([early, onDay]);
    expect(await codes(['list', '--as-of', '2026-11-03'])).toEqual([early]);
    expect(await codes(['list', '--as-of', '2026-11-04', '--status', 'pending'])).toEqual([onDay]);
    expect(await codes(['list', '--as-of', '2026-11-04', '--to', '2026-12-31'])).toEqual([early, onDay]);
    expect(await codes(['list', '--as-of', '2026-11-30', '--to', '2026-11-04'])).toEqual([early, onDay]);
    // list --overdue and overdue agree: the item received 11-10 is not late at 11-20, it is not there at all
    expect(await codes(['list', '--as-of', '2026-11-13', '--overdue'])).toEqual([onDay]);
    expect(await codes(['overdue', '--as-of', '2026-11-13'])).toEqual([onDay]);
    expect(await codes(['list', '--as-of', '2026-10-08'])).toEqual([]);
  });
});
