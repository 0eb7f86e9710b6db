// `amend` with nothing to change names the fields as the clerk types them (--forwarded-by), not
// their JSON keys (forwardedBy) (SPEC 3 amend, SPEC 6).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';

const now = () => new Date('2016-07-01T10:00:00+08:00');

describe.each(testRegistries)('amend hint on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  it('amend without a field exits 2 and lists the flags as typed', async () => {
    const code = await s.ok(['register', '--source', '本级受理', '--channel', '来信', '--summary', '反映某局干部收受礼金', '--received', '2016-06-01'], { now });
    const zh = await s.cli(['amend', code, '--reason', '录入错误'], { now });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('错误：没有要更正的字段');
    expect(zh.stderr).toContain('可更正：--received、--source、--forwarded-by、--ref、--channel');
    expect(zh.stderr).toContain('--real-name、--accused-name、--accused-unit、--accused-post、--accused-rank）');
    expect(zh.stderr).not.toMatch(/forwardedBy|realName|accusedName/);
    const en = await s.cli(['--lang', 'en', 'amend', code, '--reason', 'typo'], { now });
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('(amendable: --received, --source, --forwarded-by, --ref,');
    expect(en.stderr).not.toMatch(/forwardedBy|realName|accusedName/);
  });
});
