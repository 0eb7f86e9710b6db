import { describe, it, expect } from 'vitest';
import {
  vocab, SOURCES, CHANNELS, KINDS, DISPOSALS, RESULTS, METHODS, STATUSES, ACTIVITY_KINDS, GROUPS,
  groupOf, isSuperior, type Term, type Source,
} from '../../src/domain/vocabulary.js';

const tables: [string, { parse(s: string): string | undefined; codes(): string[] }, readonly Term[]][] = [
  ['source', vocab.source, SOURCES],
  ['group', vocab.group, GROUPS],
  ['channel', vocab.channel, CHANNELS],
  ['kind', vocab.kind, KINDS],
  ['disposal', vocab.disposal, DISPOSALS],
  ['result', vocab.result, RESULTS],
  ['method', vocab.method, METHODS],
  ['status', vocab.status, STATUSES],
  ['activity', vocab.activity, ACTIVITY_KINDS],
];

describe('vocabulary parsing', () => {
  for (const [name, v, terms] of tables) {
    it(`${name}: every code, label and alias parses back to its own code`, () => {
      for (const t of terms) {
        for (const key of [t.code, t.zh, t.en, ...(t.aliases ?? [])]) {
          expect(v.parse(key), `${name} ${JSON.stringify(key)}`).toBe(t.code);
        }
      }
    });
    it(`${name}: codes() lists every code in table order`, () => {
      expect(v.codes()).toEqual(terms.map((t) => t.code));
    });
  }

  it('has the codes SPEC 2 names', () => {
    expect(vocab.source.codes()).toEqual(['superior-forwarded', 'superior-assigned', 'own', 'leader-assigned', 'judicial', 'other-agency']);
    expect(vocab.channel.codes()).toEqual(['letter', 'visit', 'phone', 'online', 'other']);
    expect(vocab.kind.codes()).toEqual(['accusation', 'appeal', 'suggestion']);
    expect(vocab.disposal.codes()).toEqual(['file-case', 'verify', 'inquire', 'hold', 'close']);
    expect(vocab.result.codes()).toEqual(['substantiated', 'partly', 'unsubstantiated', 'case-filed']);
    expect(vocab.status.codes()).toEqual(['duplicate', 'out-of-scope', 'no-substance', 'pending', 'disposed', 'concluded', 'replied', 'void']);
  });

  it('has the Chinese labels SPEC 2 names', () => {
    expect(vocab.source.label('superior-forwarded', 'zh')).toBe('上级转办');
    expect(vocab.source.label('judicial', 'zh')).toBe('公检法移交');
    expect(vocab.channel.label('online', 'zh')).toBe('网络举报');
    expect(vocab.kind.label('accusation', 'zh')).toBe('检举控告');
    expect(vocab.disposal.label('verify', 'zh')).toBe('初步核实');
    expect(vocab.disposal.label('file-case', 'zh')).toBe('拟立案');
    expect(vocab.status.label('out-of-scope', 'zh')).toBe('业务范围外');
    expect(vocab.disposal.label('verify', 'en')).toBe('initial verification');
  });

  it('folds full-width input and trims ideographic spaces', () => {
    expect(vocab.source.parse('ＯＷＮ')).toBe('own');
    expect(vocab.source.parse('ｏｗｎ')).toBe('own');
    expect(vocab.channel.parse('　来信　')).toBe('letter');
    expect(vocab.channel.parse('１２３８８')).toBe('phone');
    expect(vocab.disposal.parse('ＦＩＬＥ－ＣＡＳＥ')).toBe('file-case');
  });

  it('folds case, spaces and underscores in codes', () => {
    expect(vocab.source.parse('Superior-Forwarded')).toBe('superior-forwarded');
    expect(vocab.source.parse('superior forwarded')).toBe('superior-forwarded');
    expect(vocab.source.parse('SUPERIOR_FORWARDED')).toBe('superior-forwarded');
    expect(vocab.source.parse('  own  ')).toBe('own');
    expect(vocab.disposal.parse('file  case')).toBe('file-case');
    expect(vocab.status.parse('Out Of Scope')).toBe('out-of-scope');
    expect(vocab.source.parse('Forwarded by Superior')).toBe('superior-forwarded');
  });

  it('gives undefined for unknown input', () => {
    expect(vocab.source.parse('省纪委')).toBeUndefined();
    expect(vocab.source.parse('')).toBeUndefined();
    expect(vocab.source.parse('   ')).toBeUndefined();
    expect(vocab.channel.parse('fax')).toBeUndefined();
    expect(vocab.kind.parse('accusations')).toBeUndefined();
    expect(vocab.disposal.parse('verified')).toBeUndefined();
    // a code of another vocabulary is not accepted
    expect(vocab.channel.parse('verify')).toBeUndefined();
  });

  it('has() accepts codes only, not labels', () => {
    expect(vocab.source.has('own')).toBe(true);
    expect(vocab.source.has('本级受理')).toBe(false);
    expect(vocab.source.has('OWN')).toBe(false);
  });
});

describe('source groups', () => {
  const expected: Record<Source, 'superior' | 'local'> = {
    'superior-forwarded': 'superior',
    'superior-assigned': 'superior',
    own: 'local',
    'leader-assigned': 'local',
    judicial: 'local',
    'other-agency': 'local',
  };
  for (const [source, group] of Object.entries(expected) as [Source, 'superior' | 'local'][]) {
    it(`${source} belongs to ${group}`, () => {
      expect(groupOf(source)).toBe(group);
      expect(isSuperior(source)).toBe(group === 'superior');
    });
  }
  it('the group vocabulary parses the SPEC labels', () => {
    expect(vocab.group.parse('上级转来')).toBe('superior');
    expect(vocab.group.parse('本级接收')).toBe('local');
  });
});

describe('accepted()', () => {
  for (const [name, v] of [['source', vocab.source], ['channel', vocab.channel], ['kind', vocab.kind], ['disposal', vocab.disposal]] as const) {
    it(`${name}: lists every code with its Chinese label in both languages`, () => {
      const zh = v.accepted('zh');
      const en = v.accepted('en');
      for (const code of v.codes()) {
        const label = v.label(code as never, 'zh');
        expect(zh).toContain(`${label}(${code})`);
        expect(en).toContain(`${code} (${label})`);
      }
    });
  }
  it('joins with the language’s separator', () => {
    expect(vocab.kind.accepted('zh')).toBe('检举控告(accusation)、申诉(appeal)、批评建议(suggestion)');
    expect(vocab.kind.accepted('en')).toBe('accusation (检举控告), appeal (申诉), suggestion (批评建议)');
  });
});
