// xinfang list: items with filters, in any output format.

import type { Command } from 'commander';
import { say, usageError } from '../../domain/errors.js';
import { localDate } from '../../domain/dates.js';
import { vocab } from '../../domain/vocabulary.js';
import { nonEmpty } from '../../domain/text.js';
import { looksLikeReporterNumber } from '../../domain/reporter.js';
import type { Factory } from '../factory.js';
import { t2 } from '../i18n.js';
import { codedListOption, codedOption, dateOption, periodOption, positiveIntOption } from '../options.js';
import { addOutputOptions, emitListing, type OutputOptions } from '../render/output.js';
import { itemListing } from '../render/items.js';

interface ListOptions extends OutputOptions {
  period?: string; from?: string; to?: string; source?: string; group?: string; channel?: string;
  status?: string; disposal?: string; office?: string; search?: string; reporter?: string; reason?: string; accused?: string; unit?: string; limit?: string; asOf?: string; includeVoid?: boolean; overdue?: boolean;
}

/** `--search` is text only: a phone- or ID-shaped term is answered with the audited look-up instead (SPEC 5). */
function textSearch(term: string | undefined): string | undefined {
  if (term !== undefined && looksLikeReporterNumber(term)) {
    // Every digit but the last four masked, whatever separates them (138 0000 1111, full-width digits).
    let keep = [...term].filter((c) => /\p{Nd}/u.test(c)).length - 4;
    const shown = [...term].map((c) => (/\p{Nd}/u.test(c) && keep-- > 0 ? '*' : c)).join('');
    throw usageError(
      say(`--search 只查文字，不查反映人：“${shown}”像电话或身份证号`, `--search looks up text, not reporters: "${shown}" looks like a phone or ID number`),
      say('按反映人查找请用 --reporter 值 --reason 理由（记入审计日志）', 'to look up a reporter use --reporter VALUE --reason TEXT (audited)'),
    );
  }
  return term;
}

/** `--office`: trimmed as `assign --to` stores it (decision.ts requiredText); blank is a usage error (exit 2). */
function officeOption(value: string): string {
  const office = nonEmpty(value);
  if (office === undefined) {
    throw usageError(say('--office 不能为空', '--office cannot be blank'), say('例：xinfang list --office 第一监察室', 'e.g. xinfang list --office 第一监察室'));
  }
  return office;
}

export function defineList(program: Command, f: Factory): void {
  const cmd = program
    .command('list')
    .description(t2(f, '列出信访件（默认全部；可按期间、来源、状态等筛选）', 'list items (all by default; filter by period, source, status ...)'))
    .option('--period <period>', t2(f, '收件期间：2016、2016-H1、2016-Q2、2016-06、2016-01-01..2016-06-21、ytd', 'received in period: 2016, 2016-H1, 2016-Q2, 2016-06, 2016-01-01..2016-06-21, ytd'))
    .option('--from <date>', t2(f, '收件日期不早于', 'received on or after'))
    .option('--to <date>', t2(f, '收件日期不晚于', 'received on or before'))
    .option('--source <source>', t2(f, `来源（可多个，逗号分隔）：${vocab.source.accepted('zh')}`, `source (comma-separated): ${vocab.source.accepted('en')}`))
    .option('--group <group>', t2(f, '来源分组：superior（上级转来）| local（本级接收）', 'source group: superior | local'))
    .option('--channel <channel>', t2(f, '信访形式（可多个）', 'channel (comma-separated)'))
    .option('--status <status>', t2(f, `状态（可多个）：${vocab.status.accepted('zh')}`, `status (comma-separated): ${vocab.status.accepted('en')}`))
    .option('--disposal <disposal>', t2(f, `处置方式（可多个）：${vocab.disposal.accepted('zh')}`, `disposal (comma-separated): ${vocab.disposal.accepted('en')}`))
    .option('--office <office>', t2(f, '按该日（--as-of）交办的承办部门，与 assign --to 所填完全一致，如 --office 第一监察室', 'handled by this office as of --as-of (exactly as given to assign --to), e.g. --office 第一监察室'))
    .option('--search <text>', t2(f, '在摘要、类别、被反映人、单位、文号中查找文字（不查反映人：用 --reporter）', 'search text in summary, category, accused, unit, reference (not reporters: use --reporter)'))
    .option('--reporter <value>', t2(f, '按反映人的电话、身份证号或姓名查找（须同时给 --reason，记入审计日志）', 'look up a reporter by phone, ID number or name (needs --reason; audited)'))
    .option('--reason <text>', t2(f, '按反映人查找的理由（记入审计日志）', 'why you look up a reporter (recorded in the audit log)'))
    .option('--accused <name>', t2(f, '被反映人姓名（包含）', 'accused name contains'))
    .option('--unit <text>', t2(f, '被反映人单位（包含）', 'accused unit contains'))
    .option('--as-of <date>', t2(f, '按该日的状态（默认今天）', 'state as of this date (default today)'))
    .option('--include-void', t2(f, '也列出已作废的信访件', 'list void items too'))
    .option('--overdue', t2(f, '只列出有已超过时限的信访件（按 --as-of 日）', 'only items with a missed deadline (as of --as-of)'))
    .option('--limit <n>', t2(f, '最多显示条数（默认不限）', 'at most this many rows (default: no limit)'));
  addOutputOptions(cmd, f).action(async (opts: ListOptions) => {
    const today = localDate(f.now());
    const period = opts.period !== undefined ? periodOption('--period', opts.period, today) : undefined;
    if (period && (opts.from || opts.to)) throw usageError(say('--period 不能与 --from/--to 同时使用', '--period cannot be combined with --from/--to'));
    const filters = {
      from: period?.from ?? (opts.from !== undefined ? dateOption('--from', opts.from) : undefined),
      to: period?.to ?? (opts.to !== undefined ? dateOption('--to', opts.to) : undefined),
      sources: opts.source !== undefined ? codedListOption('--source', opts.source, vocab.source) : undefined,
      group: opts.group !== undefined ? codedOption('--group', opts.group, vocab.group) : undefined,
      channels: opts.channel !== undefined ? codedListOption('--channel', opts.channel, vocab.channel) : undefined,
      statuses: opts.status !== undefined ? codedListOption('--status', opts.status, vocab.status) : undefined,
      disposals: opts.disposal !== undefined ? codedListOption('--disposal', opts.disposal, vocab.disposal) : undefined,
      office: opts.office !== undefined ? officeOption(opts.office) : undefined,
      search: textSearch(nonEmpty(opts.search)),
      reporter: nonEmpty(opts.reporter),
      reason: opts.reason,
      accused: nonEmpty(opts.accused),
      unit: nonEmpty(opts.unit),
      asOf: opts.asOf !== undefined ? dateOption('--as-of', opts.asOf) : undefined,
      includeVoid: opts.includeVoid === true,
      overdue: opts.overdue === true,
      limit: opts.limit !== undefined ? positiveIntOption('--limit', opts.limit) : undefined,
    };
    if (filters.from !== undefined && filters.to !== undefined && filters.from > filters.to) {
      throw usageError(say(`--from ${filters.from} 晚于 --to ${filters.to}：起始日期不能晚于截止日期`, `--from ${filters.from} is after --to ${filters.to}: the start cannot be after the end`));
    }
    const ctx = await f.context();
    const { listItemPages } = await import('../../usecases/items.js');
    const count = await emitListing(f, itemListing(listItemPages(ctx, filters)), opts);
    if (count === 0 && (opts.format ?? 'table') === 'table' && !opts.json) f.info(say('没有符合条件的信访件', 'no items match'));
  });
}
