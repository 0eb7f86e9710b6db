// Turning what a clerk typed or a CSV row held into an ItemDraft, with every problem named:
// which field, which value, what is wrong and what would be accepted. Register and import share it.

import { describeDateProblem, parseDate, type IsoDate } from './dates.js';
import { say, type Bilingual } from './errors.js';
import { FIELD_LABELS, type DraftField, type ItemDraft } from './item.js';
import { checkIdNumber, looksExcelDamagedId, looksRealName, maskIdNumber, maskPhone, normalizePhone, type Reporter } from './reporter.js';
import { foldInput, nonEmpty } from './text.js';
import { isSuperior, vocab, type Channel, type Kind, type Source, type Vocabulary } from './vocabulary.js';

export type RawDraft = Partial<Record<DraftField, string>>;

export interface Problem {
  field: DraftField;
  value: string;
  message: Bilingual;
}

export interface DraftPolicy {
  today: IsoDate;
  /** Register asks for a summary; an import row may give a category instead. */
  requireSummary: boolean;
  /** Values used when the input leaves a field empty. */
  defaults?: RawDraft;
}

export interface DraftResult {
  draft?: ItemDraft;
  problems: Problem[];
  warnings: Problem[];
  /** Required fields with no value (also among `problems`). */
  missing: DraftField[];
}

/** The phone rule a reporter's number is checked against (a warning, never a refusal). */
export const PHONE_RULE = say(
  '应为11位手机号（1开头），或7–8位固定电话号码（可带0开头的区号，如 0931-8123456）',
  'should be an 11-digit mobile number starting with 1, or a landline of 7–8 digits with an optional area code starting with 0 (e.g. 0931-8123456)',
);

/** Mobile (1XXXXXXXXXX, +86 allowed), landline with area code (0 + 9–11 digits) or a local 7–8 digit number. */
export function looksLikePhone(phone: string): boolean {
  const digits = normalizePhone(phone);
  return /^1[3-9]\d{9}$/.test(digits) || /^0\d{9,11}$/.test(digits) || /^[2-9]\d{6,7}$/.test(digits);
}

const TRUE_WORDS = new Set(['是', '实名', 'y', 'yes', 'true', '1', '√']);
const FALSE_WORDS = new Set(['否', '匿名', 'n', 'no', 'false', '0', '×']);

export function buildDraft(raw: RawDraft, extra: Record<string, string>, policy: DraftPolicy): DraftResult {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const missing: DraftField[] = [];
  const get = (f: DraftField): string | undefined => nonEmpty(raw[f]) ?? nonEmpty(policy.defaults?.[f]);
  const need = (f: DraftField): void => {
    missing.push(f);
    const l = FIELD_LABELS[f];
    problems.push({ field: f, value: '', message: say(`缺少${l.zh}`, `${l.en} is missing`) });
  };

  const coded = <C extends string>(f: DraftField, v: Vocabulary<C>, fallback?: C): C | undefined => {
    const value = get(f);
    if (value === undefined) return fallback;
    const code = v.parse(value);
    if (code === undefined) {
      problems.push({
        field: f, value,
        message: say(`无法识别的${v.name.zh}（可用：${v.accepted('zh')}）`, `unknown ${v.name.en} (accepted: ${v.accepted('en')})`),
      });
    }
    return code;
  };

  let received: IsoDate | undefined;
  const receivedRaw = get('received');
  if (receivedRaw === undefined) need('received');
  else {
    const p = parseDate(receivedRaw);
    if (!p.ok) {
      problems.push({
        field: 'received', value: receivedRaw,
        // With its hint: an Excel serial date says the date it stands for and how to export it right.
        message: withHint(describeDateProblem(p)),
      });
    } else if (p.date > policy.today) {
      problems.push({ field: 'received', value: receivedRaw, message: say(`收件日期晚于今天（${policy.today}）`, `received after today (${policy.today})`) });
    } else received = p.date;
  }

  let source: Source | undefined;
  if (get('source') === undefined) need('source');
  else source = coded('source', vocab.source);

  const forwardedBy = get('forwardedBy');
  if (source !== undefined && isSuperior(source) && forwardedBy === undefined) need('forwardedBy');

  let channel: Channel | undefined;
  if (get('channel') === undefined) need('channel');
  else channel = coded('channel', vocab.channel);
  const kind: Kind | undefined = coded('kind', vocab.kind, 'accusation');

  const summary = get('summary');
  const category = get('category');
  if (policy.requireSummary ? summary === undefined : summary === undefined && category === undefined) need('summary');

  const reporter: Reporter = {
    name: get('reporterName'),
    idNumber: get('reporterId'),
    phone: get('reporterPhone'),
    address: get('reporterAddress'),
  };
  if (reporter.idNumber !== undefined) {
    const check = checkIdNumber(reporter.idNumber);
    if (check !== 'ok') {
      warnings.push({
        field: 'reporterId', value: maskIdNumber(reporter.idNumber) ?? '',
        message: looksExcelDamagedId(reporter.idNumber)
          ? say('身份证号不完整，可能被 Excel 按数字保存时截断（如 6.20105E+17 或末位变成 0）；已按原样保存，但不用于查找同一举报人。请在 Excel 中把该列设为文本后重新导出',
            'ID number looks cut short by Excel, which keeps 15 digits of a number (6.20105E+17, or the last digits turned to 0); kept as given but never used to match reporters. Format the column as text in Excel and export again')
          : check === 'bad-checksum'
          ? say('身份证号校验位不符，已按原样保存', 'ID number check digit does not match; kept as given')
          : say('身份证号应为18位（或旧式15位），已按原样保存', 'ID number should have 18 (or old-style 15) characters; kept as given'),
      });
    }
  }
  if (reporter.phone !== undefined && !looksLikePhone(reporter.phone)) {
    // The value in a warning is masked: warnings reach stderr and logs (SPEC 5).
    warnings.push({ field: 'reporterPhone', value: maskPhone(reporter.phone) ?? '', message: say(PHONE_RULE.zh + '，已按原样保存', PHONE_RULE.en + '; kept as given') });
  }

  let realName = looksRealName(reporter);
  const realRaw = get('realName');
  if (realRaw !== undefined) {
    const w = foldInput(realRaw).toLowerCase();
    if (TRUE_WORDS.has(w)) realName = true;
    else if (FALSE_WORDS.has(w)) realName = false;
    else problems.push({ field: 'realName', value: realRaw, message: say('应为“是”或“否”', 'should be yes or no') });
  }
  if (realName && reporter.name === undefined) {
    problems.push({ field: 'realName', value: realRaw ?? '', message: say('实名举报需要反映人姓名', 'a real-name item needs the reporter name') });
  }

  if (problems.length > 0 || received === undefined || source === undefined || channel === undefined || kind === undefined) {
    return { problems, warnings, missing };
  }
  return {
    draft: {
      received, source, forwardedBy, ref: get('ref'), channel, kind, category, summary,
      reporter, realName,
      accusedName: get('accusedName'), accusedUnit: get('accusedUnit'),
      accusedPost: get('accusedPost'), accusedRank: get('accusedRank'),
      extra,
    },
    problems, warnings, missing,
  };
}

/** A problem's text followed by its hint, for row messages that have one line each. */
function withHint(d: { text: Bilingual; hint?: Bilingual }): Bilingual {
  return d.hint ? say(`${d.text.zh}；${d.hint.zh}`, `${d.text.en}; ${d.hint.en}`) : d.text;
}
