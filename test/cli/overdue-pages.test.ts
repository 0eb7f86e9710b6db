// overdue reads items a page (2,000) at a time in received order, with only the columns the
// deadlines need (bench/decisions.mjs): across a page boundary inside a run of same-day items,
// every item is listed once, in the same order as `list`, on every engine.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';

const now = () => new Date('2016-12-31T10:00:00+08:00');

describe.each(testRegistries)('overdue over several pages on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  it('lists each item once, in received order, across a page boundary inside one day', async () => {
    // 2,050 forwarded cases over four days, out of date order: about 500 a day, so that the
    // page boundary at 2,000 falls among items received the same day.
    const lines = ['来文编号,转办机关,收件日期,信访形式,来源,信访类别,内容摘要'];
    for (let i = 1; i <= 2050; i++) lines.push(`甘纪转〔2016〕${i}号,甘肃省纪委监委,2016-06-0${1 + ((i * 7) % 4)},来信,上级转办,检举控告,反映某局干部收受礼金${i}`);
    const file = join(s.dir, 'cases.csv');
    writeFileSync(file, lines.join('\r\n') + '\r\n');
    await s.ok(['import', file], { now });

    const listed = (JSON.parse(await s.ok(['list', '--json'], { now })) as { code: string }[]).map((i) => i.code);
    expect(listed).toHaveLength(2050);
    const overdue = JSON.parse(await s.ok(['overdue', '--as-of', '2016-12-31', '--json'], { now })) as { item: string; deadline: string }[];
    const accept = overdue.filter((r) => r.deadline === 'accept').map((r) => r.item);
    expect(accept).toEqual(listed);
  }, 120_000);
});
