// Folding and similarity for duplicate detection (src/domain/similarity.ts; issue 10, SPEC 7).
import { describe, expect, it } from 'vitest';
import {
  BANDS, DupTable, SIGNATURE_SIZE, accusedKeys, accusedNames, bandBuckets, dupFeatures, dupScore, foldText, foldUnit,
  forEachGroup, reasonLabel, sameUnit, signSummary, signatureSimilarity,
} from '../../src/domain/similarity.js';

describe('folding', () => {
  it('foldText keeps letters and digits only, full-width forms as ASCII, lower case', () => {
    expect(foldText('反映，张三“收受”礼金５万元！ ＡＢＣ\r\n')).toBe('反映张三收受礼金5万元abc');
    expect(foldText('甘纪转〔2016〕12号')).toBe(foldText('甘纪转[2016] 12号'));
  });

  it('accusedNames splits several accused, drops remarks in brackets and the middle dot', () => {
    expect(accusedNames('张三（村支书）、李四, 买买提·艾力')).toEqual(['张三', '李四', '买买提艾力']);
    expect(accusedNames(' 王 伟 ')).toEqual(['王', '伟']);
    expect(accusedNames('王伟')).toEqual(['王伟']);
    expect(accusedNames('')).toEqual([]);
    expect(accusedNames(null)).toEqual([]);
    expect(accusedNames('张三、张三')).toEqual(['张三']);
  });

  it('foldUnit splits the leading places (province, city, district, county, town, sub-district) off the core', () => {
    expect(foldUnit('甘肃省兰州市榆中县城关镇人民政府')).toEqual({ places: ['甘肃省', '兰州市', '榆中县', '城关镇'], core: '人民政府' });
    expect(foldUnit('城关区城关街道办事处')).toEqual({ places: ['城关区', '城关街道'], core: '办事处' });
    expect(foldUnit('张家川回族自治县交通运输局')).toEqual({ places: ['张家川回族自治县'], core: '交通运输局' });
    // One-character counties, and a county before a town.
    expect(foldUnit('文县城关镇张家湾村委会')).toEqual({ places: ['文县', '城关镇'], core: '张家湾村委会' });
    expect(foldUnit('环县人民医院')).toEqual({ places: ['环县'], core: '人民医院' });
    // 城乡 inside a bureau's name is not a place.
    expect(foldUnit('榆中县住房和城乡建设局')).toEqual({ places: ['榆中县'], core: '住房和城乡建设局' });
    // A core of at least two characters stays: 兰州市城关区 keeps 城关区 as its core.
    expect(foldUnit('兰州市城关区')).toEqual({ places: ['兰州市'], core: '城关区' });
    expect(foldUnit('')).toBeUndefined();
    expect(foldUnit(undefined)).toBeUndefined();
  });

  it('foldUnit reads full-width forms, spaces and punctuation alike', () => {
    expect(foldUnit('榆中县　交通运输局')).toEqual(foldUnit('榆中县交通运输局'));
    expect(foldUnit('榆中县第１中学')).toEqual(foldUnit('榆中县第1中学'));
    expect(foldUnit('榆中县（城关镇）人民政府')).toEqual(foldUnit('榆中县城关镇人民政府'));
  });

  it('sameUnit: a unit written without its county or city is the same unit; another county or level is not', () => {
    const u = (s: string) => foldUnit(s)!;
    expect(sameUnit(u('榆中县城关镇人民政府'), u('城关镇人民政府'))).toBe(true);
    expect(sameUnit(u('兰州市榆中县交通运输局'), u('榆中县交通运输局'))).toBe(true);
    expect(sameUnit(u('榆中县城关镇张家湾村委会'), u('榆中县张家湾村委会'))).toBe(true);
    expect(sameUnit(u('榆中县城关镇人民政府'), u('永登县城关镇人民政府'))).toBe(false);
    expect(sameUnit(u('榆中县人民政府'), u('城关镇人民政府'))).toBe(false);
    expect(sameUnit(u('榆中县交通运输局'), u('榆中县教育局'))).toBe(false);
  });
});

const BRIBE = '反映张建国在担任榆中县城关镇人民政府镇长期间，利用职务便利，在农村公路建设项目中收受他人财物5万元。请求组织调查处理。';
const REWORDED = '举报张建国在担任城关镇人民政府镇长时,利用职务之便,在农村公路建设项目中收取他人钱物５万元；请求组织调查处理';
const UNRELATED = '反映某村会计长期不在岗，村级账目多年不公开，群众办事找不到人。';

describe('summary signatures', () => {
  it('are deterministic, and the same text folded alike signs alike', () => {
    const a = signSummary(BRIBE)!;
    expect(a).toHaveLength(SIGNATURE_SIZE);
    expect([...signSummary(BRIBE)!]).toEqual([...a]);
    expect(signatureSimilarity(a, signSummary(BRIBE.replace(/，/g, ',').replace(/。/g, '．') + '\r\n')!)).toBe(1);
  });

  it('estimate the similarity: a rewording stays well above an unrelated complaint', () => {
    const a = signSummary(BRIBE)!;
    const reworded = signatureSimilarity(a, signSummary(REWORDED)!);
    const unrelated = signatureSimilarity(a, signSummary(UNRELATED)!);
    expect(reworded).toBeGreaterThan(0.35);
    expect(unrelated).toBeLessThan(0.15);
  });

  it('leave out texts too short to compare', () => {
    expect(signSummary('见附件')).toBeUndefined();
    expect(signSummary('')).toBeUndefined();
    expect(signSummary('。。。，，，！！！')).toBeUndefined();
  });

  it('band into BANDS buckets: equal signatures share every bucket, unrelated ones none', () => {
    const a = bandBuckets(signSummary(BRIBE)!);
    expect(a).toHaveLength(BANDS);
    expect(bandBuckets(signSummary(BRIBE + '！')!)).toEqual(a);
    const u = bandBuckets(signSummary(UNRELATED)!);
    expect(a.filter((k, i) => u[i] === k)).toEqual([]);
  });
});

describe('dupScore', () => {
  const item = (o: Parameters<typeof dupFeatures>[0]) => dupFeatures(o);
  const original = item({ accusedName: '张建国', accusedUnit: '榆中县城关镇人民政府', summary: BRIBE, reporterPhoneHash: 111 });

  it('the same accused in the same unit, reworded, by another channel and without the reporter, is a likely duplicate', () => {
    const s = dupScore(item({ accusedName: '张建国', accusedUnit: '城关镇人民政府', summary: REWORDED }), original);
    expect(s.reasons).toEqual(expect.arrayContaining(['same-accused', 'same-unit']));
    expect(s.reasons).not.toContain('same-reporter');
    expect(s.score).toBeGreaterThanOrEqual(0.7);
    expect(s.score).toBeLessThanOrEqual(1);
  });

  it('the same template about another official, even in the same unit, stays low', () => {
    const other = dupScore(item({ accusedName: '李志强', accusedUnit: '榆中县城关镇人民政府', summary: BRIBE.replace('张建国', '李志强') }), original);
    expect(other.reasons).toContain('similar-summary');
    expect(other.reasons).not.toContain('same-accused');
    expect(other.score).toBeLessThan(0.4);
  });

  it('the same reporter by keyed hash is evidence of its own; units that cannot be the same weigh against', () => {
    const s = dupScore(item({ summary: UNRELATED, reporterIdHash: 5, reporterPhoneHash: 111 }), original);
    expect(s.reasons).toEqual(['same-reporter']);
    expect(s.score).toBeCloseTo(0.7, 5);
    const far = dupScore(item({ accusedName: '张建国', accusedUnit: '永登县城关镇人民政府', summary: UNRELATED }), original);
    expect(far.reasons).toEqual(['same-accused']);
    expect(far.score).toBeCloseTo(0.3, 5);
  });

  it('is symmetric and within [0, 1]; identical items score near 1', () => {
    const b = item({ accusedName: '张建国', accusedUnit: '城关镇人民政府', summary: REWORDED, reporterPhoneHash: 111 });
    expect(dupScore(b, original)).toEqual(dupScore(original, b));
    const same = dupScore(original, original);
    expect(same.reasons).toEqual(['same-accused', 'same-unit', 'same-reporter', 'similar-summary']);
    expect(same.score).toBeGreaterThan(0.98);
    expect(same.score).toBeLessThanOrEqual(1);
  });

  it('accused keys meet for a unit written without its county', () => {
    expect(accusedKeys(item({ accusedName: '张建国', accusedUnit: '榆中县城关镇人民政府' })))
      .toEqual(accusedKeys(item({ accusedName: '张建国', accusedUnit: '城关镇人民政府' })));
    expect(accusedKeys(item({ accusedName: '张建国', accusedUnit: '城关镇人民政府' })))
      .not.toEqual(accusedKeys(item({ accusedName: '张建国', accusedUnit: '交通运输局' })));
  });

  it('reasons have Chinese and English labels', () => {
    expect(reasonLabel('same-accused', 'zh')).toBe('被反映人相同');
    expect(reasonLabel('similar-summary', 'en')).toBe('similar summary');
  });
});

describe('DupTable and forEachGroup', () => {
  it('keeps features through growth and gives them back', () => {
    const t = new DupTable(2);
    const fs = Array.from({ length: 50 }, (_, i) => dupFeatures({ accusedName: `张${i}`, accusedUnit: i % 2 ? '榆中县城关镇人民政府' : undefined, summary: BRIBE + i, reporterIdHash: i }));
    for (const f of fs) t.add(f);
    expect(t.size).toBe(50);
    for (let i = 0; i < 50; i++) {
      const back = t.features(i);
      expect(back.accused).toEqual(fs[i]!.accused);
      expect(back.unit).toEqual(fs[i]!.unit);
      expect(back.reporterKeys).toEqual([i]);
      expect([...back.signature!]).toEqual([...fs[i]!.signature!]);
      expect(t.accusedKeys(i)).toEqual(accusedKeys(fs[i]!));
    }
  });

  it('groups rows by key, each group in row order, every row once', () => {
    const keys = [7, 3, 7, 0xffffffff, 3, 7], rows = [0, 1, 2, 3, 4, 5];
    const seen: [number, number[]][] = [];
    forEachGroup(keys, rows, keys.length, (k, m) => seen.push([k, [...m]]));
    expect(seen).toEqual([[3, [1, 4]], [7, [0, 2, 5]], [0xffffffff, [3]]]);
  });
});
