// xinfang register: one item from flags, asking at a terminal for what is missing.
// Prints the new code alone on stdout, so that `code=$(xinfang register ...)` works.

import type { Command } from 'commander';
import { buildDraft, type RawDraft } from '../../domain/draft.js';
import { localDate } from '../../domain/dates.js';
import { say } from '../../domain/errors.js';
import { FIELD_LABELS, type DraftField } from '../../domain/item.js';
import { SUGGESTED_CATEGORIES, SUGGESTED_RANKS, vocab, type Vocabulary } from '../../domain/vocabulary.js';
import type { Factory } from '../factory.js';
import { t2 } from '../i18n.js';
import { inquirerPrompter } from '../prompter.js';

interface RegisterOptions {
  received?: string; source?: string; forwardedBy?: string; ref?: string; channel?: string; kind?: string;
  category?: string; summary?: string; reporterName?: string; reporterId?: string; reporterPhone?: string;
  reporterAddress?: string; anonymous?: boolean; accusedName?: string; accusedUnit?: string; accusedPost?: string;
  accusedRank?: string; json?: boolean;
}

const FLAG_FIELDS: [string, DraftField][] = [
  ['received', 'received'], ['source', 'source'], ['forwarded-by', 'forwardedBy'], ['ref', 'ref'],
  ['channel', 'channel'], ['kind', 'kind'], ['category', 'category'], ['summary', 'summary'],
  ['reporter-name', 'reporterName'], ['reporter-id', 'reporterId'], ['reporter-phone', 'reporterPhone'],
  ['reporter-address', 'reporterAddress'], ['accused-name', 'accusedName'], ['accused-unit', 'accusedUnit'],
  ['accused-post', 'accusedPost'], ['accused-rank', 'accusedRank'],
];

const CODED: Partial<Record<DraftField, Vocabulary<string>>> = { source: vocab.source, channel: vocab.channel, kind: vocab.kind };

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
      : suggested ? t2(f, `，如：${suggested.join('、')}`, `, e.g. ${suggested.join(', ')}`) : '';
    cmd.option(`--${flag} <value>`, t2(f, label.zh, label.en) + extra);
  }
  cmd
    .option('--anonymous', t2(f, '匿名（不是实名举报）', 'anonymous (not a real-name report)'))
    .option('--json', t2(f, '以 JSON 输出登记的信访件', 'print the registered item as JSON'))
    .addHelpText('after', t2(f,
      '\n必填：来源、信访形式、内容摘要；上级转办/交办还须填转办机关。在终端上缺少的项会逐项询问。\n例：code=$(xinfang register --source 本级受理 --channel 来信 --summary "反映……")',
      '\nRequired: source, channel, summary; forwarded-by for a superior source. Missing fields are asked for at a terminal.\nExample: code=$(xinfang register --source own --channel letter --summary "...")'))
    .action(async (opts: RegisterOptions) => {
      const raw: RawDraft = {};
      for (const [, field] of FLAG_FIELDS) {
        const value = opts[field as keyof RegisterOptions]; // commander camel-cases --reporter-id to reporterId
        if (typeof value === 'string') raw[field] = value;
      }
      if (opts.anonymous) raw.realName = 'no';
      raw.received ??= localDate(f.now());

      if (f.canPrompt()) await askForMissing(f, raw);

      const ctx = await f.context();
      const { registerItem } = await import('../../usecases/register.js');
      const r = await registerItem(ctx, raw);
      for (const w of r.warnings) f.warn(say(`${FIELD_LABELS[w.field].zh}：${w.message.zh}`, `${FIELD_LABELS[w.field].en}: ${w.message.en}`));
      if (r.possibleDuplicates.length > 0) {
        f.warn(say(`可能与以下信访件重复：${r.possibleDuplicates.join('、')}`, `may duplicate ${r.possibleDuplicates.join(', ')}`));
      }
      f.io.stdout.write(opts.json ? JSON.stringify(r.item, null, 2) + '\n' : r.item.code + '\n');
    });
}

async function askForMissing(f: Factory, raw: RawDraft): Promise<void> {
  const prompter = inquirerPrompter(f);
  const today = localDate(f.now());
  // Ask until nothing required is missing: answering the source may make the organ required.
  for (let round = 0; round < 3; round++) {
    const { missing } = buildDraft(raw, {}, { today, requireSummary: true });
    if (missing.length === 0) return;
    for (const field of missing) {
      const label = f.t(FIELD_LABELS[field]);
      const v = CODED[field];
      raw[field] = v
        ? await prompter.select(label, v.terms.map((t) => ({ value: t.code, name: f.lang === 'zh' ? t.zh : t.en })))
        : await prompter.input(label, { validate: (s) => (s.trim() !== '' ? true : t2(f, '不能为空', 'cannot be empty')) });
    }
  }
}
