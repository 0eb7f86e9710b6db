// The acceptance notice (受理告知) is given once (SPEC 3 rules; SPEC 4 `notify`): a second
// `notify` is refused (exit 4, nothing written), naming the earlier notice's date and the next
// step. A new clerk's trial recorded a second notice on an item already notified.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';

const now = () => new Date('2026-11-30T10:00:00+08:00');

describe.each(testRegistries)('one acceptance notice on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });
  const run = (args: string[]) => s.cli(args, { now });
  const ok = (args: string[]) => s.ok(args, { now });
  const reg = (received: string) => ok([
    'register', '--source', '本级受理', '--channel', '来信', '--summary', '反映某局干部收受礼金', '--received', received,
    '--reporter-name', '王芳', '--reporter-phone', '13800000001',
  ]);
  const item = async (code: string) => JSON.parse(await ok(['show', code, '--json'])) as Record<string, any>;
  const auditCount = async () => (JSON.parse(await ok(['audit', 'log', '--json'])) as unknown[]).length;

  async function refusedWith(args: string[], code: string, ...parts: string[]) {
    const before = { events: (await item(code)).events.length, audit: await auditCount() };
    const r = await run(args);
    expect(r.code, r.stderr).toBe(4);
    for (const p of parts) expect(r.stderr).toContain(p);
    expect(r.stdout).toBe('');
    expect({ events: (await item(code)).events.length, audit: await auditCount() }).toEqual(before);
    return r.stderr;
  }

  it('a second notice, later or back-dated, is refused naming the first; the notice date and deadline stay', async () => {
    const a = await reg('2026-10-09');
    await ok(['notify', a, '--method', '电话', '--on', '2026-10-12']);
    await refusedWith(['notify', a], a, '2026-10-12', '受理告知', `xinfang reply ${a}`);
    await refusedWith(['notify', a, '--method', '书面', '--on', '2026-10-10'], a, '2026-10-12');
    const en = await refusedWith(['--lang', 'en', 'notify', a], a);
    expect(en).toContain(`${a} already has an acceptance notice on 2026-10-12: the reporter has been told, a notice is given once (this one 2026-11-30)`);
    expect(await item(a)).toMatchObject({ notified: '2026-10-12' });
    expect((await item(a)).events.filter((e: { kind: string }) => e.kind === 'notify')).toHaveLength(1);
    // the next step is still open: a reply once concluded
    await ok(['dispose', a, '--as', 'verify', '--on', '2026-10-13']);
    await ok(['conclude', a, '--result', 'unsubstantiated', '--on', '2026-11-20']);
    await ok(['reply', a, '--method', '书面', '--text', '书面答复']);
    expect(await item(a)).toMatchObject({ status: 'replied', notified: '2026-10-12', replied: '2026-11-30' });
  });
});
