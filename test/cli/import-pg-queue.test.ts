// A PostgreSQL import sends one statement at a time on its connection (store/engine/postgres-bulk.ts):
// pg deprecates calling client.query() while another query is waiting (a DeprecationWarning on the
// clerk's stderr, an error from pg 9), so no import may trigger it. Several batches, reporters
// (block rows), repeats and conflicts, so that every kind of held write is queued behind look-ups.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';

const NOW = () => new Date('2016-12-31T10:00:00+08:00');

function casesCsv(rows: number, from = 1): string {
  const lines = ['来文编号,转办机关,收件日期,内容摘要,反映人,联系电话'];
  for (let n = from; n < from + rows; n++) {
    const phone = n % 3 === 0 ? `139${String(n).padStart(8, '0')}` : '';
    lines.push(`甘纪转〔2016〕${n}号,甘肃省纪委监委,2016-${String((n % 12) + 1).padStart(2, '0')}-03,反映第${n}件事,${phone ? '王某' : ''},${phone}`);
  }
  return lines.join('\r\n') + '\r\n';
}

describe.each(testRegistries)('import statements one at a time on $engine', (registry) => {
  let s: CliSandbox;
  const warnings: Error[] = [];
  const onWarning = (w: Error) => { warnings.push(w); };
  beforeEach(async () => {
    s = await cliSandbox(registry);
    warnings.length = 0;
    process.on('warning', onWarning);
  });
  afterEach(async () => {
    process.off('warning', onWarning);
    await s.cleanup();
  });

  it('imports several batches with no DeprecationWarning, and the same rows again as already present', async () => {
    const file = join(s.dir, 'cases.csv');
    writeFileSync(file, casesCsv(3000));
    const r = await s.cli(['import', file, '--json'], { now: NOW });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ imported: 3000 });
    // Half the file again with 500 new rows: look-ups find earlier batches, the new rows follow.
    writeFileSync(file, casesCsv(2000, 1501));
    const again = await s.cli(['import', file, '--json'], { now: NOW });
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 500, alreadyPresent: 1500 });
    await new Promise((done) => setImmediate(done));
    expect(warnings.filter((w) => w.name === 'DeprecationWarning').map((w) => w.message)).toEqual([]);
    expect(r.stderr + again.stderr).not.toContain('DeprecationWarning');
    const listed = JSON.parse(await s.ok(['list', '--json'], { now: NOW })) as { code: string }[];
    expect(listed).toHaveLength(3500);
    expect(new Set(listed.map((i) => i.code)).size).toBe(3500);
    expect(await s.ok(['audit', 'verify'], { now: NOW })).toMatch(/\d+:[0-9a-f]{64}$/);
  });
});
