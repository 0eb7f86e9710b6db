// overdue and list --overdue in-process on every engine: the triage example of SPEC 4 (received
// Thursday 2016-09-29, due Tuesday 2016-10-11 over the National Day week and its make-up days).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';

const now = () => new Date('2016-10-20T10:00:00+08:00');

describe.each(testRegistries)('overdue on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });
  const ok = (args: string[]) => s.ok(args, { now });
  const reg = (received: string) => ok(['register', '--source', '本级受理', '--channel', '来信', '--summary', '反映某局干部收受礼金', '--received', received]);

  it('lists each missed deadline with its due date and calendar days late, as of a date', async () => {
    const [late, triaged, voided] = [await reg('2016-09-29'), await reg('2016-09-29'), await reg('2016-09-29')];
    await ok(['dispose', triaged, '--as', 'verify', '--on', '2016-10-10']);
    await ok(['void', voided, '--reason', '误登']);
    const rows = JSON.parse(await ok(['overdue', '--json'])) as Record<string, unknown>[];
    expect(rows).toEqual([{ item: late, received: '2016-09-29', deadline: 'accept', due: '2016-10-11', daysLate: 9 }]);
    // on the due date itself nothing is late yet; the day after, one day
    expect(JSON.parse(await ok(['overdue', '--as-of', '2016-10-11', '--json']))).toEqual([]);
    expect(JSON.parse(await ok(['overdue', '--as-of', '2016-10-12', '--json']))).toEqual([
      { item: late, received: '2016-09-29', deadline: 'accept', due: '2016-10-11', daysLate: 1 },
    ]);
    const table = await ok(['overdue']);
    expect(table).toContain('受理（分办）');
    expect(table).toContain('2016-10-11');
    const listed = JSON.parse(await ok(['list', '--overdue', '--json'])) as { code: string }[];
    expect(listed.map((i) => i.code)).toEqual([late]);
  });

  it('a handling deadline runs from the assignment; concluded in time, nothing is late', async () => {
    const a = await reg('2016-06-01');
    await ok(['assign', a, '--to', '第一监察室', '--due', '2016-08-31', '--on', '2016-06-02']);
    await ok(['dispose', a, '--as', 'verify', '--on', '2016-06-03']);
    expect(JSON.parse(await ok(['overdue', '--as-of', '2016-09-05', '--json']))).toEqual([
      { item: a, received: '2016-06-01', deadline: 'handle', due: '2016-08-31', daysLate: 5 },
    ]);
    await ok(['conclude', a, '--result', 'partly', '--on', '2016-08-30']);
    expect(JSON.parse(await ok(['overdue', '--as-of', '2016-09-05', '--json']))).toEqual([]);
  });
});
