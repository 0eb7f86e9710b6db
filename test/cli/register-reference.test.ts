// One forwarded case is one item (SPEC 7), its (organ, reference) compared folded, also at
// `register` and after `amend` (found by a review: the same reference registered twice failed
// with an unexpected UNIQUE error, exit 1, and a bracket variant was registered as a new item).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';

const REGISTER = (ref: string, summary: string) => ['register', '--source', '上级转办', '--forwarded-by', '甘肃省纪委监委', '--ref', ref,
  '--channel', '来信', '--received', '2016-06-01', '--summary', summary];

describe.each(testRegistries)('forwarded references at register and amend on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  it('the same reference, or a bracket variant of it, is refused (exit 4) naming the item that has it', async () => {
    const first = await s.ok(REGISTER('甘纪转〔2016〕1号', '反映问题一'));
    for (const ref of ['甘纪转〔2016〕1号', '甘纪转[2016]1号', '甘纪转（２０１６）１号']) {
      const r = await s.cli(REGISTER(ref, '反映问题二'));
      expect(r.code, ref).toBe(4);
      expect(r.stderr).toContain(`已登记为 ${first}`);
      expect(r.stderr).toContain(`xinfang dup mark`);
    }
    expect((JSON.parse(await s.ok(['list', '--json'])) as unknown[]).length).toBe(1);
  });

  it('an amended reference is the item\'s identity from then on: a re-import finds it, and the old one is free', async () => {
    const code = await s.ok(REGISTER('甘纪转〔2016〕1号', '反映问题一'));
    await s.ok(['amend', code, '--ref', '甘纪转〔2016〕7号', '--reason', '来文编号录错']);
    const file = join(s.dir, 'f.csv');
    writeFileSync(file, '来文编号,转办机关,收件日期,信访形式,来源,内容摘要\n甘纪转[2016]7号,甘肃省纪委监委,2016-06-01,来信,上级转办,反映问题一\n');
    expect(JSON.parse(await s.ok(['import', file, '--json']))).toMatchObject({ imported: 0, alreadyPresent: 1 });
    expect(await s.ok(REGISTER('甘纪转〔2016〕1号', '反映问题三'))).not.toBe(code);
    expect((await s.cli(['audit', 'verify'])).code).toBe(0);
  });
});
