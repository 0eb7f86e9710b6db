// Decision commands in-process on every engine: each command, each refusal (exit 4, nothing
// written, the rule named and what to do instead), supersession, corrections and listings.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, refusalCheck, testRegistries, type CliSandbox } from '../support/cli.js';

const now = () => new Date('2016-07-01T10:00:00+08:00');

describe.each(testRegistries)('decisions on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  const run = (args: string[]) => s.cli(args, { now });
  const ok = (args: string[]) => s.ok(args, { now });
  /** Registers an item received on `received`; real-name unless `anonymous`. */
  const reg = (received: string, o: { anonymous?: boolean } = {}) => ok([
    'register', '--source', '本级受理', '--channel', '来信', '--summary', '反映某局干部收受礼金', '--received', received,
    ...(o.anonymous ? [] : ['--reporter-name', '王芳', '--reporter-phone', '13800000001']),
  ]);
  const item = async (code: string) => JSON.parse(await ok(['show', code, '--json'])) as Record<string, any>;

  const refusedWith = refusalCheck(run, ok);

  it('dup mark, clear and dismiss; an item with duplicates or a duplicate original is refused with the way out', async () => {
    const [a, b, c, d] = [await reg('2016-06-01'), await reg('2016-06-02'), await reg('2016-06-03'), await reg('2016-06-04')];
    expect(await ok(['dup', 'mark', b, '--of', a, '--on', '2016-06-05'])).toBe(`${b} 认定重复件：原件 ${a}（2016-06-05 起） → 重复件`);
    expect(await item(b)).toMatchObject({ status: 'duplicate', duplicateOf: a });
    // 2016-0003 --of 2016-0002, itself a duplicate of 2016-0001: point at the original instead
    const en = await refusedWith(['--lang', 'en', 'dup', 'mark', c, '--of', b], c);
    expect(en).toContain(`${b} is itself a duplicate of ${a}: mark it as a duplicate of ${a}`);
    expect(en).toContain(`xinfang dup mark ${c} --of ${a}`);
    // 2016-0001 has a duplicate: it cannot be marked until it is pointed elsewhere
    const earlier = await reg('2016-05-30');
    await refusedWith(['dup', 'mark', a, '--of', earlier], a, `${a} 有重复件（${b}）`, `xinfang dup mark ${b} --of ${earlier}`);
    await refusedWith(['dup', 'mark', a, '--of', a], a, '不能是它自己的重复件');
    await refusedWith(['--lang', 'en', 'dup', 'mark', a, '--of', earlier], a, 'has duplicates');
    await refusedWith(['dup', 'mark', a, '--of', c], a, `只能认定为较早收件的重复件`, `xinfang dup mark ${c} --of ${a}`);
    // clear, then a second clear has nothing to clear
    expect(await ok(['dup', 'clear', b])).toContain('待处置');
    await refusedWith(['dup', 'clear', b], b, '不是重复件');
    // dismiss: recorded, and refused while the pair is marked
    await ok(['dup', 'dismiss', d, '--of', c]);
    await ok(['dup', 'mark', c, '--of', a]);
    await refusedWith(['dup', 'dismiss', c, '--of', a], c, '先撤销认定');
    await refusedWith(['dup', 'dismiss', a, '--of', c], a, `xinfang dup clear ${c}`);
    const notFound = await run(['dup', 'mark', d, '--of', '2016-0099']);
    expect(notFound.code).toBe(3);
  });

  it('a rule holds at every later date: a back-dated duplicate mark before a disposal, a conclusion before the disposal', async () => {
    const [a, b] = [await reg('2016-06-01'), await reg('2016-06-02')];
    await ok(['dispose', b, '--as', '初核', '--on', '2016-06-10']);
    await refusedWith(['dup', 'mark', b, '--of', a, '--on', '2016-06-05'], b, '2016-06-10', '重复件不能确定处置方式');
    // found a duplicate after the disposal: allowed, counts as a duplicate from then, disposal kept
    await ok(['dup', 'mark', b, '--of', a, '--on', '2016-06-12']);
    expect(await item(b)).toMatchObject({ status: 'duplicate', disposal: 'verify' });
    expect(JSON.parse(await ok(['show', b, '--as-of', '2016-06-11', '--json'])).status).toBe('disposed');
    // a conclusion needs a disposal at its own date
    await ok(['dispose', a, '--as', 'verify', '--on', '2016-06-10']);
    await refusedWith(['--lang', 'en', 'conclude', a, '--result', 'partly', '--on', '2016-06-05'], a, 'has no disposal on 2016-06-05', 'date the conclusion on or after 2016-06-10');
    const c = await reg('2016-06-03');
    await refusedWith(['conclude', c, '--result', '属实'], c, '还没有处置方式', `xinfang dispose ${c}`);
  });

  it('effective dates: never before receipt (exit 4), never in the future (exit 2); today by default', async () => {
    const a = await reg('2016-06-10');
    await refusedWith(['dispose', a, '--as', 'hold', '--on', '2016-06-09'], a, '决定日期 2016-06-09 早于收件日期', `xinfang amend ${a} --received`);
    const future = await run(['dispose', a, '--as', 'hold', '--on', '2016-07-02']);
    expect(future.code).toBe(2);
    expect(future.stderr).toContain('不能记在将来');
    const r = JSON.parse(await ok(['dispose', a, '--as', 'hold', '--json']));
    expect(r.event).toMatchObject({ kind: 'dispose', disposal: 'hold', on: '2016-07-01', operator: 'tester', note: null });
    expect(r.item).toMatchObject({ code: a, status: 'disposed', disposal: 'hold' });
  });

  it('scope out (with where it belongs, or without substance) and back in; no disposal while out of scope', async () => {
    const [a, b] = [await reg('2016-06-01'), await reg('2016-06-02')];
    await ok(['scope', 'out', a, '--refer-to', '县信访局', '--reason', '反映征地补偿']);
    expect(await item(a)).toMatchObject({ status: 'out-of-scope', outOfScope: { type: 'out-of-scope', referTo: '县信访局', reason: '反映征地补偿' } });
    await refusedWith(['dispose', a, '--as', 'verify'], a, '不能确定处置方式', `xinfang scope in ${a}`);
    await ok(['scope', 'in', a]);
    expect((await item(a)).status).toBe('pending');
    await refusedWith(['scope', 'in', a], a, '无需恢复');
    await ok(['scope', 'out', b, '--no-substance', '--reason', '无具体人和事']);
    expect((await item(b)).status).toBe('no-substance');
    for (const bad of [['scope', 'out', b, '--reason', 'x'], ['scope', 'out', b, '--no-substance', '--refer-to', '县法院', '--reason', 'x'], ['scope', 'out', b, '--no-substance']]) {
      expect((await run(bad)).code).toBe(2);
    }
  });

  it('instruct, assign, dispose (codes and labels; a later one supersedes, history keeps both), conclude, sanction', async () => {
    const a = await reg('2016-06-01');
    await ok(['instruct', a, '--by', '李书记', '--text', '请核实', '--on', '2016-06-02']);
    await ok(['assign', a, '--to', '第一监察室', '--due', '2016-08-31', '--on', '2016-06-03']);
    // a due date before the assignment is a rule of SPEC 3 (exit 4, nothing written), with --on or without
    await refusedWith(['assign', a, '--to', '第一监察室', '--due', '2016-06-01', '--on', '2016-06-03'], a, '--due 2016-06-01', '2016-06-03');
    await ok(['dispose', a, '--as', 'verify', '--on', '2016-06-04']);
    await ok(['dispose', a, '--as', '谈话函询', '--on', '2016-06-05']);
    expect((await run(['dispose', a, '--as', '立即处理'])).code).toBe(2);
    await ok(['conclude', a, '--result', '立案审查', '--on', '2016-06-20']);
    await ok(['sanction', a, '--person', '张某', '--kind', '诫勉谈话', '--on', '2016-06-21']);
    const v = await item(a);
    expect(v).toMatchObject({ status: 'concluded', disposal: 'inquire', assignedTo: '第一监察室', due: '2016-08-31', concluded: '2016-06-20', result: 'case-filed' });
    expect(v.events.map((e: { kind: string }) => e.kind)).toEqual(['instruct', 'assign', 'dispose', 'dispose', 'conclude', 'sanction']);
    const text = await ok(['show', a]);
    expect(text).toContain('领导批示');
    expect(text).toContain('李书记：请核实');
    expect(text).toContain('初步核实');
    expect(text).toContain('谈话函询');
    expect(text).toContain('张某：诫勉谈话');
    expect(JSON.parse(await ok(['show', a, '--as-of', '2016-06-04', '--json'])).disposal).toBe('verify');
  });

  it('notify and reply only for real-name items; a reply needs a conclusion', async () => {
    const [named, anon] = [await reg('2016-06-01'), await reg('2016-06-01', { anonymous: true })];
    await refusedWith(['notify', anon], anon, '不是实名信访件');
    await ok(['notify', named, '--method', '电话', '--on', '2016-06-03']);
    await ok(['dispose', named, '--as', 'verify', '--on', '2016-06-04']);
    await refusedWith(['--lang', 'en', 'reply', named, '--method', 'letter', '--text', '书面答复'], named, 'a reply needs a conclusion');
    await ok(['conclude', named, '--result', 'unsubstantiated', '--on', '2016-06-20']);
    await refusedWith(['reply', named, '--method', 'letter', '--text', '书面答复', '--on', '2016-06-19'], named, '2016-06-20');
    await ok(['reply', named, '--method', '书面', '--text', '书面答复', '--on', '2016-06-25']);
    expect(await item(named)).toMatchObject({ status: 'replied', notified: '2016-06-03', replied: '2016-06-25' });
    await refusedWith(['reply', anon, '--method', 'letter', '--text', 'x'], anon, '不是实名信访件');
  });

  it('supervise with a new due date; one extension per assignment, within deadline.extension days', async () => {
    const a = await reg('2016-06-01');
    await refusedWith(['extend', a, '--days', '10', '--reason', '复杂'], a, '还没有交办');
    await ok(['assign', a, '--to', '第一监察室', '--on', '2016-06-02']);
    expect((await run(['supervise', a, '--method', 'phone'])).code).toBe(2); // --note is required
    await ok(['supervise', a, '--method', '交办通知单', '--note', '发督办通知', '--on', '2016-06-10']);
    expect((await item(a)).due).toBeNull();
    // no due date: the extension adds to deadline.handle (60) days after the assignment
    await ok(['extend', a, '--days', '30', '--reason', '涉及人员多', '--on', '2016-06-20']);
    expect((await item(a)).due).toBe('2016-08-31');
    await refusedWith(['extend', a, '--days', '5', '--reason', '再延'], a, '每次交办只能延期一次');
    await ok(['supervise', a, '--method', 'report', '--note', '听取汇报', '--due', '2016-09-15']);
    expect((await item(a)).due).toBe('2016-09-15');
    await ok(['assign', a, '--to', '第二监察室', '--due', '2016-09-30']);
    await refusedWith(['extend', a, '--days', '31', '--reason', '太长'], a, '1 至 30 天');
    expect(await ok(['extend', a, '--days', '10', '--reason', '新交办后延期'])).toContain('2016-10-10');
  });

  it('amend keeps the old value in the history and keeps the rules; void hides the item from listings and counts', async () => {
    const [a, b] = [await reg('2016-06-05'), await reg('2016-06-06')];
    await ok(['amend', a, '--received', '2016-06-03', '--accused-unit', '某县交通运输局', '--reason', '录入错误']);
    const v = await item(a);
    expect(v).toMatchObject({ code: a, received: '2016-06-03', accusedUnit: '某县交通运输局' });
    expect(v.events[0]).toMatchObject({ kind: 'amend', reason: '录入错误', changes: [{ field: 'received', from: '2016-06-05', to: '2016-06-03' }, { field: 'accusedUnit', from: null, to: '某县交通运输局' }] });
    expect(await ok(['show', a])).toContain('2016-06-05 → 2016-06-03');
    expect((await run(['amend', a, '--received', '2016-06-03', '--reason', 'x'])).code).toBe(2); // nothing changes
    expect((await run(['amend', a, '--received', '2016-13-01', '--reason', 'x'])).code).toBe(2);
    await ok(['dispose', a, '--as', 'verify', '--on', '2016-06-04']);
    await refusedWith(['amend', a, '--received', '2016-06-05', '--reason', 'x'], a, '收件日期不能晚于任何决定');
    await ok(['notify', a]);
    await refusedWith(['amend', a, '--real-name', '否', '--reason', 'x'], a, '不能改为非实名');

    await ok(['dup', 'mark', b, '--of', a]);
    await refusedWith(['void', a, '--reason', '误登'], a, `${b} 被认定为 ${a} 的重复件`);
    await ok(['dup', 'clear', b]);
    await ok(['void', a, '--reason', '误登']);
    expect((await item(a)).status).toBe('void');
    await refusedWith(['void', a, '--reason', '再次'], a, '已作废');
    await refusedWith(['dispose', a, '--as', 'hold'], a, '已作废');
    await refusedWith(['dup', 'mark', b, '--of', a], b, '已作废');
    const listed = (args: string[]) => ok(['list', '--json', ...args]).then((t) => (JSON.parse(t) as { code: string }[]).map((i) => i.code));
    expect(await listed([])).toEqual([b]);
    expect(await listed(['--include-void'])).toEqual([a, b]);
    expect(await listed(['--status', '已作废'])).toEqual([a]);
    // void counts at every date, once recorded
    expect(await listed(['--as-of', '2016-06-10'])).toEqual([b]);
  });

  it('list --status --as-of takes the state at that date from the store', async () => {
    const [a, b, c] = [await reg('2016-06-01'), await reg('2016-06-02'), await reg('2016-06-03')];
    await ok(['dispose', a, '--as', 'verify', '--on', '2016-06-10']);
    await ok(['dup', 'mark', c, '--of', b, '--on', '2016-06-15']);
    await ok(['conclude', a, '--result', 'partly', '--on', '2016-06-20']);
    const listed = (args: string[]) => ok(['list', '--json', ...args]).then((t) => (JSON.parse(t) as { code: string }[]).map((i) => i.code));
    expect(await listed(['--status', 'pending', '--as-of', '2016-06-05'])).toEqual([a, b, c]);
    expect(await listed(['--status', 'pending', '--as-of', '2016-06-15'])).toEqual([b]);
    expect(await listed(['--status', '已处置,重复件', '--as-of', '2016-06-15'])).toEqual([a, c]);
    expect(await listed(['--status', 'concluded'])).toEqual([a]);
    expect(await listed(['--disposal', '初核', '--as-of', '2016-06-09'])).toEqual([]);
    expect(await listed(['--disposal', '初核', '--as-of', '2016-06-10'])).toEqual([a]);
  });

  it('show --as-known-at reproduces the state before a back-dated correction was recorded', async () => {
    const a = await reg('2016-06-01');
    await s.ok(['dispose', a, '--as', 'verify', '--on', '2016-06-10'], { now: () => new Date('2016-06-10T10:00:00+08:00') });
    await ok(['dispose', a, '--as', 'close', '--on', '2016-06-12']);
    expect(JSON.parse(await ok(['show', a, '--as-of', '2016-06-30', '--json'])).disposal).toBe('close');
    expect(JSON.parse(await ok(['show', a, '--as-of', '2016-06-30', '--as-known-at', '2016-06-30', '--json'])).disposal).toBe('verify');
    expect((await run(['show', a, '--as-known-at', 'yesterday'])).code).toBe(2);
  });

  it('activity add: kinds by code or label, a count, never in the future; audited', async () => {
    expect(await ok(['activity', 'add', '--kind', '下访', '--on', '2016-06-15', '--count', '3'])).toContain('× 3');
    const j = JSON.parse(await ok(['activity', 'add', '--kind', 'bulletin', '--json']));
    expect(j).toMatchObject({ kind: 'bulletin', on: '2016-07-01', count: 1, operator: 'tester' });
    expect((await run(['activity', 'add', '--kind', '下访', '--on', '2016-07-02'])).code).toBe(2);
    expect((await run(['activity', 'add', '--kind', '聚餐'])).code).toBe(2);
    expect((await run(['activity', 'add', '--kind', 'visit', '--count', '0'])).code).toBe(2);
    const log = JSON.parse(await ok(['audit', 'log', '--json'])) as { action: string }[];
    expect(log.filter((e) => e.action === 'activity')).toHaveLength(2);
  });

  it('every decision is audited with its effective date, in one entry per event', async () => {
    const a = await reg('2016-06-01');
    await ok(['dispose', a, '--as', 'hold', '--on', '2016-06-08', '--note', '室务会']);
    const log = JSON.parse(await ok(['audit', 'log', a, '--json'])) as { action: string; effective: string; details: string | Record<string, unknown> }[];
    const entry = log.find((e) => e.action === 'dispose')!;
    expect(entry.effective).toBe('2016-06-08');
    const details = typeof entry.details === 'string' ? JSON.parse(entry.details) : entry.details;
    expect(details).toMatchObject({ disposal: 'hold', note: '室务会' });
  });

  it('help of each decision command has examples', async () => {
    for (const cmd of [['dup', 'mark'], ['scope', 'out'], ['instruct'], ['assign'], ['dispose'], ['conclude'], ['sanction'], ['notify'], ['reply'], ['supervise'], ['extend'], ['amend'], ['void'], ['activity', 'add']]) {
      const r = await run([...cmd, '--help']);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.stdout, cmd.join(' ')).toContain(`xinfang ${cmd.join(' ')}`);
      expect(r.stdout).toContain('示例');
    }
  });
});
