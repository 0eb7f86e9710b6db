// xinfang register: one item from flags, a reporter file, or questions at a terminal (SPEC 6).
// Prints the new code alone on stdout, so that `code=$(xinfang register ...)` works; questions,
// warnings and the confirmation go to stderr.
//
// Order of work: read the flags and the reporter file, validate every value given (before any
// question, so that no answer is lost to a bad flag), then — at a terminal, when something
// required is missing — ask the clerk for the rest, each answer validated as it is typed with the
// same rules as buildDraft, show the whole item (reporter masked) and ask to confirm.

import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { buildDraft, type RawDraft } from '../../domain/draft.js';
import { localDate, type IsoDate } from '../../domain/dates.js';
import { cancelled, say, usageError, type Bilingual } from '../../domain/errors.js';
import { FIELD_LABELS, type DraftField, type ItemDraft } from '../../domain/item.js';
import { maskReporter } from '../../domain/reporter.js';
import { nonEmpty } from '../../domain/text.js';
import { isSuperior, SUGGESTED_CATEGORIES, SUGGESTED_RANKS, vocab, type Vocabulary } from '../../domain/vocabulary.js';
import type { Factory } from '../factory.js';
import { t2 } from '../i18n.js';
import { prompterFor, type Prompter } from '../prompter.js';
import { renderRecord } from '../render/table.js';

interface RegisterOptions {
  received?: string; source?: string; forwardedBy?: string; ref?: string; channel?: string; kind?: string;
  category?: string; summary?: string; reporterName?: string; reporterId?: string; reporterPhone?: string;
  reporterAddress?: string; reporterFile?: string; anonymous?: boolean; accusedName?: string; accusedUnit?: string;
  accusedPost?: string; accusedRank?: string; json?: boolean;
}

/** Flag name ↔ draft field, in the order a clerk fills a register. */
const FLAG_FIELDS: [string, DraftField][] = [
  ['received', 'received'], ['source', 'source'], ['forwarded-by', 'forwardedBy'], ['ref', 'ref'],
  ['channel', 'channel'], ['kind', 'kind'], ['category', 'category'], ['summary', 'summary'],
  ['reporter-name', 'reporterName'], ['reporter-id', 'reporterId'], ['reporter-phone', 'reporterPhone'],
  ['reporter-address', 'reporterAddress'], ['accused-name', 'accusedName'], ['accused-unit', 'accusedUnit'],
  ['accused-post', 'accusedPost'], ['accused-rank', 'accusedRank'],
];
const FLAG_OF = new Map<DraftField, string>(FLAG_FIELDS.map(([flag, field]) => [field, `--${flag}`]));
FLAG_OF.set('realName', '--anonymous');

const CODED: Partial<Record<DraftField, Vocabulary<string>>> = { source: vocab.source, channel: vocab.channel, kind: vocab.kind };

/** Keys of a reporter file (SPEC 5): one `key=value` a line, UTF-8. */
export const REPORTER_FILE_KEYS: Record<string, DraftField> = {
  name: 'reporterName', id: 'reporterId', phone: 'reporterPhone', address: 'reporterAddress',
};

export function defineRegister(program: Command, f: Factory): void {
  const cmd = program
    .command('register')
    .description(t2(f, '登记一件信访件，在标准输出打印新编号', 'register one item; prints its new code on stdout'));
  for (const [flag, field] of FLAG_FIELDS) {
    const label = FIELD_LABELS[field];
    const v = CODED[field];
    const suggested = field === 'category' ? SUGGESTED_CATEGORIES : field === 'accusedRank' ? SUGGESTED_RANKS : undefined;
    const extra = v ? t2(f, `：${v.accepted('zh')}`, `: ${v.accepted('en')}`)
      : field === 'received' ? t2(f, '（默认今天）', ' (default today)')
      : field === 'forwardedBy' ? t2(f, '（上级转办、上级交办时必填）', ' (required for a superior source)')
      : suggested ? t2(f, `，如：${suggested.join('、')}`, `, e.g. ${suggested.join(', ')}`) : '';
    cmd.option(`--${flag} <value>`, t2(f, label.zh, label.en) + extra);
  }
  cmd
    .option('--reporter-file <file>', t2(f,
      '从文件读取反映人信息（- 为标准输入），免得出现在进程列表和命令历史中；UTF-8，每行一项：name=姓名、id=身份证号、phone=电话、address=住址',
      'read the reporter from a file (- for standard input), so that it stays out of the process list and shell history; UTF-8, one per line: name=, id=, phone=, address='))
    .option('--anonymous', t2(f, '匿名（不是实名举报）', 'anonymous (not a real-name report)'))
    .option('--json', t2(f, '以 JSON 输出登记的信访件', 'print the registered item as JSON'))
    .addHelpText('after', t2(f,
      '\n必填：来源、信访形式、内容摘要；上级转办、上级交办还须填转办机关。\n' +
      '在终端上缺少必填项时逐项询问（收件日期、来源、反映人、被反映人、\n' +
      '问题类别、摘要……），最后显示全件请您确认；Ctrl-C 取消，不登记。\n' +
      '反映人信息不宜写在命令行上（进程列表和命令历史里看得到）：\n' +
      '在终端上按提示输入，或用 --reporter-file。',
      '\nRequired: source, channel, summary; forwarded-by for a superior source.\n' +
      'At a terminal, when a required field is missing, every field is asked for\n' +
      '(received, source, reporter, accused, category, summary ...) and the item is\n' +
      'shown for confirmation; Ctrl-C cancels and nothing is registered.\n' +
      'Keep reporter details off the command line (the process list and shell\n' +
      'history show them): answer the prompts, or use --reporter-file.'))
    .action(async (opts: RegisterOptions) => {
      const today = localDate(f.now());
      const raw: RawDraft = {};
      for (const [, field] of FLAG_FIELDS) {
        const value = opts[field as keyof RegisterOptions]; // commander camel-cases --reporter-id to reporterId
        if (typeof value === 'string') raw[field] = value;
      }
      if (opts.anonymous) raw.realName = 'no';
      if (opts.reporterFile !== undefined) {
        const fromFile = await readReporterFile(f, opts.reporterFile);
        for (const [field, value] of Object.entries(fromFile) as [DraftField, string][]) {
          if (raw[field] !== undefined) {
            throw usageError(say(`${FLAG_OF.get(field)} 与 --reporter-file 都给出了${FIELD_LABELS[field].zh}`, `${FLAG_OF.get(field)} and --reporter-file both give the ${FIELD_LABELS[field].en}`));
          }
          raw[field] = value;
        }
      }
      rejectBadValues(raw, today);

      const interactive = f.canPrompt();
      const { missing } = buildDraft({ received: today, ...raw }, {}, { today, requireSummary: true });
      if (missing.length > 0) {
        if (!interactive) throw missingFields(f, missing);
        await interview(f, prompterFor(f), raw, today);
      }
      raw.received ??= today;

      const ctx = await f.context();
      const { registerItem } = await import('../../usecases/register.js');
      const r = await registerItem(ctx, raw);
      for (const w of r.warnings) f.warn(say(`${FIELD_LABELS[w.field].zh}：${w.message.zh}`, `${FIELD_LABELS[w.field].en}: ${w.message.en}`));
      if (r.likelyOriginals.length > 0) {
        const { reasonLabel } = await import('../../domain/similarity.js');
        const why = (o: (typeof r.likelyOriginals)[number], lang: 'zh' | 'en') => o.reasons.map((x) => reasonLabel(x, lang)).join(lang === 'zh' ? '、' : ', ');
        f.warn(say(`可能与以下信访件重复：${r.likelyOriginals.map((o) => `${o.code}（${why(o, 'zh')}）`).join('；')}`,
          `may duplicate ${r.likelyOriginals.map((o) => `${o.code} (${why(o, 'en')})`).join('; ')}`));
      }
      f.io.stdout.write(opts.json ? JSON.stringify(r.item, null, 2) + '\n' : r.item.code + '\n');
    });
}

/**
 * The problem a value has, with buildDraft's own rules: the message, or undefined when the value is
 * fine. Missing fields elsewhere do not count; warnings (ID check digit, phone form) come back as
 * `warning`.
 */
export function checkAnswer(raw: RawDraft, field: DraftField, value: string, today: IsoDate): { error?: Bilingual; warning?: Bilingual } {
  const r = buildDraft({ ...raw, [field]: value }, {}, { today, requireSummary: true });
  const error = r.problems.find((p) => p.field === field && (p.value !== '' || nonEmpty(value) !== undefined));
  if (error) return { error: error.message };
  const warning = r.warnings.find((p) => p.field === field);
  return warning ? { warning: warning.message } : {};
}

/** Every value given by flag or file checked before the first question: a bad one is a usage error naming the flag. */
function rejectBadValues(raw: RawDraft, today: IsoDate): void {
  const r = buildDraft({ received: today, source: 'own', channel: 'letter', summary: '-', ...raw }, {}, { today, requireSummary: true });
  const bad = r.problems.filter((p) => raw[p.field] !== undefined);
  if (bad.length === 0) return;
  const lines = bad.map((p) => {
    const flag = FLAG_OF.get(p.field) ?? p.field;
    return say(`${flag} “${p.value}”：${p.message.zh}`, `${flag} "${p.value}": ${p.message.en}`);
  });
  throw usageError(lines[0]!, undefined, lines.slice(1));
}

function missingFields(f: Factory, missing: readonly DraftField[]) {
  const zh = missing.map((m) => `${FIELD_LABELS[m].zh}（${FLAG_OF.get(m)}）`).join('、');
  const en = missing.map((m) => `${FLAG_OF.get(m)} (${FIELD_LABELS[m].en})`).join(', ');
  const why = f.globals().input === false
    ? say('给出这些选项，或去掉 --no-input 在终端上逐项填写', 'give these flags, or drop --no-input to be asked at a terminal')
    : say('标准输入或标准错误不是终端，无法逐项询问：请用这些选项给出', 'standard input or standard error is not a terminal, so nothing can be asked: give these flags');
  return usageError(say(`缺少必填项：${zh}`, `missing: ${en}`), why);
}

/**
 * Reads `--reporter-file FILE|-`: UTF-8 lines `name=`, `id=`, `phone=`, `address=`; blank lines and
 * lines starting with # are skipped. An unknown key, a line without `=` or a key given twice is a
 * usage error naming the line (never its value: it may be a phone or ID number).
 */
export async function readReporterFile(f: Factory, path: string): Promise<RawDraft> {
  let text: string;
  if (path === '-') {
    if (f.io.stdinIsTTY) {
      throw usageError(say('--reporter-file -：标准输入是终端', '--reporter-file -: standard input is a terminal'),
        say('在终端上不给反映人选项，程序会逐项询问；或用管道提供文件', 'at a terminal, leave the reporter flags out and you will be asked; or pipe a file'));
    }
    const chunks: Buffer[] = [];
    for await (const c of f.io.stdin) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
    text = Buffer.concat(chunks).toString('utf8');
  } else {
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw usageError(code === 'ENOENT'
        ? say(`--reporter-file：找不到文件 ${path}`, `--reporter-file: no such file: ${path}`)
        : say(`--reporter-file：无法读取 ${path}（${code ?? (e as Error).message}）`, `--reporter-file: cannot read ${path} (${code ?? (e as Error).message})`));
    }
  }
  return parseReporterFile(text);
}

export function parseReporterFile(text: string): RawDraft {
  const raw: RawDraft = {};
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
  const accepted = Object.keys(REPORTER_FILE_KEYS).map((k) => `${k}=`).join(', ');
  lines.forEach((line, i) => {
    const n = i + 1;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const eq = trimmed.search(/[=＝]/);
    if (eq < 0) {
      throw usageError(say(`--reporter-file 第 ${n} 行：应为“键=值”（可用：${accepted}）`, `--reporter-file line ${n}: expected key=value (accepted: ${accepted})`));
    }
    const key = trimmed.slice(0, eq).normalize('NFKC').trim().toLowerCase();
    const field = REPORTER_FILE_KEYS[key];
    if (!field) {
      const shown = /^[\p{L}_-]{1,20}$/u.test(key) ? `“${key}”` : '';
      throw usageError(say(`--reporter-file 第 ${n} 行：未知的键${shown}（可用：${accepted}）`, `--reporter-file line ${n}: unknown key${shown ? ` "${key}"` : ''} (accepted: ${accepted})`));
    }
    if (raw[field] !== undefined) throw usageError(say(`--reporter-file 第 ${n} 行：${key}= 出现了两次`, `--reporter-file line ${n}: ${key}= given twice`));
    const value = nonEmpty(trimmed.slice(eq + 1));
    if (value !== undefined) raw[field] = value;
  });
  return raw;
}

// --- the interview -------------------------------------------------------------------------

const SKIP = '\u0000skip';
const OTHER = '\u0000other';

/**
 * Asks for every field not given, in the order of a register, each answer checked as typed; then
 * shows the item (reporter masked) and asks to confirm. Declining cancels (exit 130, nothing written).
 */
export async function interview(f: Factory, p: Prompter, raw: RawDraft, today: IsoDate): Promise<void> {
  const given = new Set(Object.keys(raw) as DraftField[]);
  const ask = async (field: DraftField, o: { required?: boolean; default?: string; hint?: Bilingual } = {}) => {
    if (given.has(field)) return;
    const warned = new Set<string>();
    const label = f.t(FIELD_LABELS[field]) + (o.hint ? f.t(o.hint) : o.required ? '' : t2(f, '（可不填，直接回车）', ' (optional, Enter to skip)'));
    const answer = await p.input(label, {
      default: o.default,
      validate: (s) => {
        if (nonEmpty(s) === undefined) return o.required ? t2(f, '必填', 'required') : true;
        const c = checkAnswer(raw, field, s, today);
        if (c.error) return f.t(c.error);
        // A warning (ID check digit, phone form) is shown once; the same answer again is kept as given.
        if (c.warning && !warned.has(s.trim())) {
          warned.add(s.trim());
          return f.t(c.warning) + t2(f, '；确认无误请再按一次回车', '; press Enter again to keep it');
        }
        return true;
      },
    });
    const v = nonEmpty(answer);
    if (v !== undefined) raw[field] = v;
  };
  const choose = async (field: DraftField, v: Vocabulary<string>, def?: string) => {
    if (given.has(field)) return;
    raw[field] = await p.select(f.t(FIELD_LABELS[field]), v.terms.map((t) => ({ value: t.code, name: f.lang === 'zh' ? t.zh : `${t.en} (${t.zh})` })), { default: def });
  };
  /**
   * An open, optional list: nothing, the suggested values, or "other" (typed). It starts on
   * （不填）, so that Enter leaves the field empty as it does at the optional text prompts.
   */
  const suggest = async (field: DraftField, values: readonly string[]) => {
    if (given.has(field)) return;
    const picked = await p.select(f.t(FIELD_LABELS[field]), [
      { value: SKIP, name: t2(f, '（不填）', '(none)') },
      ...values.map((s) => ({ value: s, name: s })),
      { value: OTHER, name: t2(f, '其他（自行输入）', 'other (type it)') },
    ], { default: SKIP });
    if (picked === SKIP) return;
    if (picked !== OTHER) raw[field] = picked;
    else await ask(field, { required: true });
  };

  await ask('received', { required: true, default: today });
  await choose('source', vocab.source, 'own');
  const source = vocab.source.parse(raw.source ?? '');
  if (source !== undefined && isSuperior(source)) {
    await ask('forwardedBy', { required: true, hint: say('（如 甘肃省纪委监委）', ' (e.g. 甘肃省纪委监委)') });
    await ask('ref', { hint: say('（如 甘纪转〔2016〕12号；可不填）', ' (e.g. 甘纪转〔2016〕12号; optional)') });
  }
  await choose('channel', vocab.channel);
  await choose('kind', vocab.kind, 'accusation');
  if (raw.realName === undefined) {
    for (const field of ['reporterName', 'reporterId', 'reporterPhone', 'reporterAddress'] as const) {
      await ask(field, { hint: field === 'reporterName' ? say('（匿名可不填，直接回车）', ' (anonymous: Enter to skip)') : undefined });
    }
    if (raw.reporterName !== undefined) {
      const real = await p.confirm(t2(f, '是否实名举报？', 'a real-name report?'), { default: true });
      raw.realName = real ? 'yes' : 'no';
    }
  }
  await ask('accusedName');
  await ask('accusedUnit');
  await ask('accusedPost');
  await suggest('accusedRank', SUGGESTED_RANKS);
  await suggest('category', SUGGESTED_CATEGORIES);
  await ask('summary', { required: true });

  const r = buildDraft(raw, {}, { today, requireSummary: true });
  if (!r.draft) {
    // Cannot happen when every answer was checked; say what is wrong rather than register half an item.
    const { invalidInput } = await import('../../usecases/register.js');
    throw invalidInput(r.problems);
  }
  f.io.stderr.write('\n' + renderRecord(draftRecord(r.draft, f.lang)) + '\n');
  if (!(await p.confirm(t2(f, '确认登记？', 'register this item?'), { default: true }))) throw cancelled();
}

/** Field/value pairs of a draft for the confirmation, reporter masked, empty fields left out. */
export function draftRecord(d: ItemDraft, lang: 'zh' | 'en'): [string, string][] {
  const masked = maskReporter(d.reporter);
  const values: [DraftField, string | undefined][] = [
    ['received', d.received],
    ['source', vocab.source.label(d.source, lang)],
    ['forwardedBy', d.forwardedBy],
    ['ref', d.ref],
    ['channel', vocab.channel.label(d.channel, lang)],
    ['kind', vocab.kind.label(d.kind, lang)],
    ['reporterName', masked.name],
    ['reporterId', masked.idNumber],
    ['reporterPhone', masked.phone],
    ['reporterAddress', masked.address],
    ['realName', d.realName ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no'],
    ['accusedName', d.accusedName],
    ['accusedUnit', d.accusedUnit],
    ['accusedPost', d.accusedPost],
    ['accusedRank', d.accusedRank],
    ['category', d.category],
    ['summary', d.summary],
  ];
  return values.filter((e): e is [DraftField, string] => e[1] !== undefined).map(([k, v]) => [FIELD_LABELS[k][lang], v]);
}
