import { describe, expect, it } from 'vitest';
import { contentText, foldIdentity, identityKey, normalizeContent } from '../../src/domain/identity.js';
import type { ItemDraft } from '../../src/domain/item.js';

describe('identities that survive re-typing (SPEC 7, issue 10)', () => {
  it('folds every bracket form, full-width digits and spaces in (organ, reference)', () => {
    const forms = ['甘纪转〔2016〕12号', '甘纪转[2016]12号', '甘纪转(2016)12号', '甘纪转（2016）12号', '甘纪转【2016】12号', '甘纪转〔２０１６〕１２号', ' 甘纪转 〔2016〕 12 号 ', '甘纪转［2016］12号'];
    for (const f of forms) expect(foldIdentity(f), f).toBe('甘纪转〔2016〕12号');
    expect(identityKey('甘肃省 纪委监委', '甘纪转(2016)12号')).toBe(identityKey('甘肃省纪委监委', '甘纪转〔2016〕12号'));
    expect(identityKey('甘肃省纪委监委', '甘纪转〔2016〕12号')).not.toBe(identityKey('甘肃省纪委监委', '甘纪转〔2016〕13号'));
    expect(identityKey(undefined, 'x')).toBeUndefined();
    expect(identityKey('甘肃省纪委监委', '  ')).toBeUndefined();
  });

  it('compares content after normalising line endings and white space', () => {
    expect(normalizeContent('第一点\r\n第二点')).toBe(normalizeContent('第一点\n第二点'));
    expect(normalizeContent('第一点\r第二点 ')).toBe('第一点\n第二点');
    expect(normalizeContent('a\u3000 \t b')).toBe('a b');
    expect(normalizeContent('a \r\n\r\n b')).toBe('a\nb');
    expect(normalizeContent('ab')).not.toBe(normalizeContent('a b'));
  });

  it('contentText: the same item re-typed reads alike; other content does not', () => {
    const base: ItemDraft = {
      received: '2016-06-03', source: 'superior-forwarded', forwardedBy: '甘肃省纪委监委', ref: '甘纪转〔2016〕12号', channel: 'letter',
      kind: 'accusation', summary: '反映张三\r\n收受礼金', reporter: { name: '王小明', phone: '13812345678', idNumber: '620105900101123' },
      realName: true, accusedName: '张三', extra: { 备注: '加急', 批示: '请查' },
    };
    const retyped: ItemDraft = {
      ...base, ref: '甘纪转（2016）12号', summary: '反映张三\n收受礼金 ', extra: { 批示: '请查', 备注: '加急' },
      reporter: { name: '王小明 ', phone: '13812345678', idNumber: '620105900101123' },
    };
    expect(contentText(retyped)).toBe(contentText(base));
    expect(contentText({ ...base, summary: '反映张三收受礼金' })).not.toBe(contentText(base));
    expect(contentText({ ...base, reporter: { ...base.reporter, sealed: { 联系方式: '1' } } })).not.toBe(contentText(base));
  });
});
