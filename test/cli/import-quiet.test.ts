// --quiet (SPEC 6 global options: no informational messages) drops import's summary for people on
// stderr, before or after the command name; the refusal of invalid rows still shows, and --json
// still prints the summary on stdout.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';

const HEADER = '来文编号,转办机关,收件日期,信访形式,被反映人,被反映人单位,内容摘要';
const row = (n: number) => `甘纪转〔2016〕${n}号,甘肃省纪委监委,2016-06-0${n},来信,张${n}某,某县某局,反映第${n}件问题`;

describe.each(testRegistries)('import --quiet on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  it('prints no summary with -q or --quiet; without it the summary shows', async () => {
    const file = (name: string, ...rows: string[]) => {
      const p = join(s.dir, name);
      writeFileSync(p, [HEADER, ...rows].join('\n') + '\n');
      return p;
    };
    const q1 = await s.cli(['-q', 'import', file('a.csv', row(1))]);
    expect(q1.code, q1.stderr).toBe(0);
    expect(q1.stderr).toBe('');
    expect(q1.stdout).toBe('');
    const q2 = await s.cli(['import', file('b.csv', row(2)), '--quiet']);
    expect(q2.code, q2.stderr).toBe(0);
    expect(q2.stderr).toBe('');
    const loud = await s.cli(['import', file('c.csv', row(3))]);
    expect(loud.code).toBe(0);
    expect(loud.stderr).toContain('2016-0003');
    const json = await s.cli(['--quiet', 'import', file('d.csv', row(4)), '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ imported: 1 });
    const bad = await s.cli(['-q', 'import', file('e.csv', row(5), '甘纪转〔2016〕6号,甘肃省纪委监委,不是日期,来信,李某,某县某局,反映问题')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^错误：/m);
  });
});
