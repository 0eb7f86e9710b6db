import { describe, it, expect } from 'vitest';
import { buildDraft, type RawDraft, type DraftPolicy } from '../../src/domain/draft.js';
import { vocab } from '../../src/domain/vocabulary.js';

const policy: DraftPolicy = { today: '2016-06-21', requireSummary: true };

const local: RawDraft = {
  received: '2016-06-20',
  source: '本级受理',
  channel: '来信',
  summary: '反映某乡干部违规收受礼金',
};
const superior: RawDraft = {
  received: '2016年6月1日',
  source: '上级转办',
  forwardedBy: '甘肃省纪委监委',
  ref: '甘纪转〔2016〕12号',
  channel: 'letter',
  kind: '申诉',
  category: '违反廉洁纪律',
  summary: '反映某局长违规发放津补贴',
  reporterName: '王芳',
  reporterId: '11010519491231002X',
  reporterPhone: '138 1234 5678',
  reporterAddress: '兰州市城关区',
  accusedName: '张三',
  accusedUnit: '某县财政局',
  accusedPost: '局长',
  accusedRank: '乡科级',
};

const fieldsOf = (ps: { field: string }[]) => ps.map((p) => p.field);

describe('buildDraft: a valid draft', () => {
  it('builds a local item with codes resolved and kind defaulting to accusation', () => {
    const r = buildDraft(local, {}, policy);
    expect(r.problems).toEqual([]);
    expect(r.missing).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.draft).toEqual({
      received: '2016-06-20', source: 'own', forwardedBy: undefined, ref: undefined, channel: 'letter',
      kind: 'accusation', category: undefined, summary: '反映某乡干部违规收受礼金',
      reporter: { name: undefined, idNumber: undefined, phone: undefined, address: undefined },
      realName: false,
      accusedName: undefined, accusedUnit: undefined, accusedPost: undefined, accusedRank: undefined,
      extra: {},
    });
  });

  it('builds a superior item with every field, a Chinese date and the extra columns kept', () => {
    const r = buildDraft(superior, { 备注: '加急' }, policy);
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.draft).toMatchObject({
      received: '2016-06-01', source: 'superior-forwarded', forwardedBy: '甘肃省纪委监委', ref: '甘纪转〔2016〕12号',
      channel: 'letter', kind: 'appeal', category: '违反廉洁纪律', summary: '反映某局长违规发放津补贴',
      reporter: { name: '王芳', idNumber: '11010519491231002X', phone: '138 1234 5678', address: '兰州市城关区' },
      realName: true, accusedName: '张三', accusedUnit: '某县财政局', accusedPost: '局长', accusedRank: '乡科级',
      extra: { 备注: '加急' },
    });
  });

  it('trims values and treats blank ones as absent', () => {
    const r = buildDraft({ ...local, summary: '  摘要  ', ref: '   ', accusedName: ' 张三 ' }, {}, policy);
    expect(r.draft?.summary).toBe('摘要');
    expect(r.draft?.ref).toBeUndefined();
    expect(r.draft?.accusedName).toBe('张三');
  });

  it('accepts a received date of today but not tomorrow', () => {
    expect(buildDraft({ ...local, received: '2016-06-21' }, {}, policy).draft?.received).toBe('2016-06-21');
    const r = buildDraft({ ...local, received: '2016-06-22' }, {}, policy);
    expect(r.draft).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ field: 'received', value: '2016-06-22' });
    expect(r.problems[0]!.message.zh).toContain('2016-06-21');
    expect(r.problems[0]!.message.en).toContain('after today');
  });

  it('fills empty fields from policy defaults (import --source --forwarded-by)', () => {
    const r = buildDraft(
      { received: '2016-06-01', channel: '来信', summary: '摘要' }, {},
      { ...policy, defaults: { source: 'superior-forwarded', forwardedBy: '兰州市纪委监委' } },
    );
    expect(r.problems).toEqual([]);
    expect(r.draft).toMatchObject({ source: 'superior-forwarded', forwardedBy: '兰州市纪委监委' });
    // a value given in the row wins over the default
    const r2 = buildDraft({ ...local, source: '领导交办' }, {}, { ...policy, defaults: { source: 'own' } });
    expect(r2.draft?.source).toBe('leader-assigned');
  });
});

describe('buildDraft: missing required fields', () => {
  it.each(['received', 'source', 'channel', 'summary'] as const)('without %s: listed in missing and problems, no draft', (field) => {
    const raw: RawDraft = { ...local };
    delete raw[field];
    const r = buildDraft(raw, {}, policy);
    expect(r.draft).toBeUndefined();
    expect(r.missing).toEqual([field]);
    expect(fieldsOf(r.problems)).toEqual([field]);
    expect(r.problems[0]!.value).toBe('');
    expect(r.problems[0]!.message.zh).toMatch(/^缺少/);
  });

  it('a blank value counts as missing', () => {
    const r = buildDraft({ ...local, channel: '  ' }, {}, policy);
    expect(r.missing).toEqual(['channel']);
  });

  it('lists every missing field at once', () => {
    const r = buildDraft({}, {}, policy);
    expect(r.draft).toBeUndefined();
    expect(r.missing).toEqual(['received', 'source', 'channel', 'summary']);
    expect(fieldsOf(r.problems)).toEqual(['received', 'source', 'channel', 'summary']);
  });

  it.each(['superior-forwarded', 'superior-assigned', '上级交办'])('forwardedBy is required for superior source %s', (source) => {
    const r = buildDraft({ ...local, source }, {}, policy);
    expect(r.draft).toBeUndefined();
    expect(r.missing).toEqual(['forwardedBy']);
    expect(fieldsOf(r.problems)).toEqual(['forwardedBy']);
  });

  it.each(['own', 'leader-assigned', 'judicial', 'other-agency'])('forwardedBy is not required for local source %s', (source) => {
    const r = buildDraft({ ...local, source }, {}, policy);
    expect(r.problems).toEqual([]);
    expect(r.draft?.source).toBe(source);
  });

  it('requireSummary false accepts a category instead of a summary', () => {
    const raw: RawDraft = { ...local, summary: undefined, category: '违反廉洁纪律' };
    expect(buildDraft(raw, {}, policy).missing).toEqual(['summary']);
    const r = buildDraft(raw, {}, { ...policy, requireSummary: false });
    expect(r.problems).toEqual([]);
    expect(r.draft).toMatchObject({ category: '违反廉洁纪律', summary: undefined });
    // but not neither
    const none = buildDraft({ ...local, summary: undefined }, {}, { ...policy, requireSummary: false });
    expect(none.missing).toEqual(['summary']);
    expect(none.draft).toBeUndefined();
  });
});

describe('buildDraft: unknown codes', () => {
  it.each([
    ['source', '省纪委', vocab.source],
    ['channel', '传真', vocab.channel],
    ['kind', '投诉', vocab.kind],
  ] as const)('unknown %s %s names the value and the accepted list', (field, value, v) => {
    const r = buildDraft({ ...local, [field]: value }, {}, policy);
    expect(r.draft).toBeUndefined();
    expect(r.missing).toEqual([]);
    expect(r.problems).toHaveLength(1);
    const p = r.problems[0]!;
    expect(p.field).toBe(field);
    expect(p.value).toBe(value);
    expect(p.message.zh).toContain(v.accepted('zh'));
    expect(p.message.en).toContain(v.accepted('en'));
    for (const code of v.codes()) expect(p.message.en).toContain(code);
  });

  it('codes are matched after folding', () => {
    const r = buildDraft({ ...local, source: 'ＯＷＮ', channel: ' Online ', kind: 'SUGGESTION' }, {}, policy);
    expect(r.problems).toEqual([]);
    expect(r.draft).toMatchObject({ source: 'own', channel: 'online', kind: 'suggestion' });
  });
});

describe('buildDraft: dates', () => {
  it('an impossible date is a calendar problem, not a format one', () => {
    const r = buildDraft({ ...local, received: '2016-02-30' }, {}, policy);
    expect(r.draft).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ field: 'received', value: '2016-02-30', message: { zh: '日期不存在', en: 'no such date' } });
  });

  it('text that is no date names the accepted forms', () => {
    const r = buildDraft({ ...local, received: '上周三' }, {}, policy);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ field: 'received', value: '上周三' });
    expect(r.problems[0]!.message.zh).toContain('2016年6月21日');
    expect(r.problems[0]!.message.en).toContain('not a date');
  });
});

describe('buildDraft: reporter', () => {
  it('a bad ID checksum is a warning only; the ID is kept as given', () => {
    const r = buildDraft({ ...local, reporterName: '王芳', reporterId: '620105199001011234' }, {}, policy);
    expect(r.problems).toEqual([]);
    expect(r.warnings).toHaveLength(1);
    // The value in a warning is masked (SPEC 5: every message).
    expect(r.warnings[0]).toMatchObject({ field: 'reporterId', value: '620105********1234' });
    expect(r.warnings[0]!.message.en).toContain('check digit');
    expect(r.warnings[0]!.message.en).not.toContain('Excel');
    expect(r.draft?.reporter.idNumber).toBe('620105199001011234');
  });

  it('an ID Excel cut short is a warning naming Excel as the likely cause', () => {
    for (const id of ['6.20105E+17', '620105199001011000']) {
      const r = buildDraft({ ...local, reporterName: '王芳', reporterId: id }, {}, policy);
      expect(r.problems).toEqual([]);
      expect(r.warnings[0]!.message.zh).toContain('Excel');
      expect(r.warnings[0]!.message.en).toContain('never used to match');
      expect(r.draft?.reporter.idNumber).toBe(id);
    }
  });

  it('an Excel serial date is refused with the date it stands for and the hint', () => {
    const r = buildDraft({ ...local, received: '42524' }, {}, policy);
    expect(r.problems[0]!.message.zh).toContain('2016-06-03');
    expect(r.problems[0]!.message.zh).toContain('设为日期格式');
  });

  it('a malformed ID is a warning only too', () => {
    const r = buildDraft({ ...local, reporterId: '12345' }, {}, policy);
    expect(r.problems).toEqual([]);
    expect(fieldsOf(r.warnings)).toEqual(['reporterId']);
    expect(r.draft?.reporter.idNumber).toBe('12345');
  });

  it('a valid ID, lower-case x, gives no warning and is kept as typed', () => {
    const r = buildDraft({ ...local, reporterId: '11010519491231002x' }, {}, policy);
    expect(r.warnings).toEqual([]);
    expect(r.draft?.reporter.idNumber).toBe('11010519491231002x');
  });

  it('a phone that is no number is a warning', () => {
    const r = buildDraft({ ...local, reporterName: '王芳', reporterPhone: '不详' }, {}, policy);
    expect(r.problems).toEqual([]);
    expect(fieldsOf(r.warnings)).toEqual(['reporterPhone']);
    expect(r.draft?.reporter.phone).toBe('不详');
  });

  it('realName is inferred from a name plus a way to reach the reporter', () => {
    expect(buildDraft({ ...local, reporterName: '王芳', reporterPhone: '13812345678' }, {}, policy).draft?.realName).toBe(true);
    expect(buildDraft({ ...local, reporterName: '王芳', reporterAddress: '兰州市' }, {}, policy).draft?.realName).toBe(true);
    expect(buildDraft({ ...local, reporterName: '王芳' }, {}, policy).draft?.realName).toBe(false);
    expect(buildDraft({ ...local, reporterPhone: '13812345678' }, {}, policy).draft?.realName).toBe(false);
  });

  it.each([['否', false], ['匿名', false], ['no', false], ['N', false], ['是', true], ['实名', true], ['YES', true], ['ｙｅｓ', true]] as const)(
    'realName %s overrides the inference → %s',
    (word, expected) => {
      const withContact = buildDraft({ ...local, reporterName: '王芳', reporterPhone: '13812345678', realName: word }, {}, policy);
      expect(withContact.problems).toEqual([]);
      expect(withContact.draft?.realName).toBe(expected);
      const nameOnly = buildDraft({ ...local, reporterName: '王芳', realName: word }, {}, policy);
      expect(nameOnly.draft?.realName).toBe(expected);
    },
  );

  it('realName 是 without a reporter name is a problem', () => {
    const r = buildDraft({ ...local, reporterPhone: '13812345678', realName: '是' }, {}, policy);
    expect(r.draft).toBeUndefined();
    expect(fieldsOf(r.problems)).toEqual(['realName']);
  });

  it('a realName value that is neither yes nor no is a problem naming it', () => {
    const r = buildDraft({ ...local, reporterName: '王芳', realName: '也许' }, {}, policy);
    expect(r.draft).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ field: 'realName', value: '也许' });
  });
});
