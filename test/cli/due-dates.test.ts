// A due date is never before the decision that sets it (SPEC 3: "a refused command exits 4 and
// changes nothing"; every decision is on or after the received date). A new clerk's trial: an item
// received 2026-10-09, assigned on 2026-11-30 with --due 2026-10-01, was accepted and at once 60
// days overdue.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, refusalCheck, testRegistries, type CliSandbox } from '../support/cli.js';

const now = () => new Date('2026-11-30T10:00:00+08:00');

describe.each(testRegistries)('due dates on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });
  const run = (args: string[]) => s.cli(args, { now });
  const ok = (args: string[]) => s.ok(args, { now });
  const reg = (received: string) => ok(['register', '--source', '本级受理', '--channel', '来信', '--summary', '反映某局干部收受礼金', '--received', received]);
  const item = async (code: string) => JSON.parse(await ok(['show', code, '--json'])) as Record<string, any>;

  const refusedWith = refusalCheck(run, ok);

  it('assign --due before the assignment is refused, naming --due, the date given and the earliest allowed', async () => {
    const a = await reg('2026-10-09');
    await refusedWith(['assign', a, '--to', '第一监察室', '--due', '2026-10-01'], a, '--due 2026-10-01', '2026-11-30', '交办');
    const en = await refusedWith(['--lang', 'en', 'assign', a, '--to', '第一监察室', '--due', '2026-10-01'], a);
    expect(en).toContain('--due 2026-10-01 is before the assignment date 2026-11-30: the earliest due date is 2026-11-30');
    // back-dated: the earliest is the assignment's date, itself never before receipt (10-05 is before both)
    await refusedWith(['assign', a, '--to', '第一监察室', '--due', '2026-10-05', '--on', '2026-10-10'], a, '--due 2026-10-05', '2026-10-10');
    expect(JSON.parse(await ok(['overdue', '--json']))).toEqual([
      { item: a, received: '2026-10-09', deadline: 'accept', due: '2026-10-15', daysLate: 46 },
    ]);
    // due on the assignment's day itself, or later: recorded
    await ok(['assign', a, '--to', '第一监察室', '--due', '2026-10-10', '--on', '2026-10-10']);
    await ok(['assign', a, '--to', '第一监察室', '--due', '2026-12-31']);
    expect(await item(a)).toMatchObject({ assignedTo: '第一监察室', due: '2026-12-31' });
  });

  it('supervise --due before the supervision is refused; an extension whose computed due date has passed too', async () => {
    const a = await reg('2026-10-09');
    await ok(['assign', a, '--to', '第一监察室', '--due', '2026-10-20', '--on', '2026-10-10']);
    await refusedWith(['supervise', a, '--method', '电话', '--note', '催办', '--due', '2026-11-15'], a, '--due 2026-11-15', '2026-11-30', '督办');
    await refusedWith(['supervise', a, '--method', '电话', '--note', '催办', '--due', '2026-10-15', '--on', '2026-10-16'], a, '--due 2026-10-15', '2026-10-16');
    // 10-20 + 10 days = 10-30, a month before the extension's date: it extends nothing
    const zh = await refusedWith(['extend', a, '--days', '10', '--reason', '复杂'], a, '2026-10-30', '2026-11-30', '--days 41');
    expect(zh).toContain('xinfang supervise');
    // an extension on time, and a supervision with a later due date, are recorded
    expect(await ok(['extend', a, '--days', '10', '--reason', '复杂', '--on', '2026-10-19'])).toContain('2026-10-30');
    await ok(['supervise', a, '--method', '电话', '--note', '催办', '--due', '2026-12-15']);
    expect((await item(a)).due).toBe('2026-12-15');
  });
});
