// `--format text` (SPEC 6.1): the report as the statistics paragraphs of a work bulletin (工作简报),
// written the way the office writes them: "共收到上级纪委转来的信访件35件，其中重复件18件，业务范围外5件，
// 正在调查3件，其余9件全部初核，初核率100%". Every figure that is not zero is said, zeros are left
// out; changes are 上升/下降 with one decimal; a comparison period with nothing in it is said in words
// (去年同期无此类信访件), never as a percentage. Then the "从……来看" analysis, one paragraph a view.
// With lang 'en' the same facts in plain English sentences.

import {
  concludedWithDeadline, formatPercent, type AnalysisTable, type AnalysisView, type CompareKind, type GroupFigures, type Report, type ShareRow,
} from '../../../domain/report.js';
import { vocab, type Lang } from '../../../domain/vocabulary.js';
import { analysisKeyLabel, visible } from './labels.js';

/**
 * The bulletin paragraphs. `officeName` (`config set office.name`), when set, is the subject of
 * the first sentence: "2016年上半年，某某县纪委监委信访室共收到……" / "From … to …, Office: …".
 */
export function renderReportText(r: Report, opts: { lang: Lang; officeName?: string }): string {
  const office = visible(opts.officeName?.trim() ?? '');
  const paragraphs = opts.lang === 'zh' ? chinese(r, office) : english(r, office);
  return paragraphs.filter((p) => p !== '').map((p) => (opts.lang === 'zh' ? `　　${p}` : p)).join('\n\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Chinese

/** 2016-06-21 → 2016年6月21日 (the year left out when `sameYearAs` has it already). */
function zhDate(d: string, sameYearAs?: string): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return `${sameYearAs?.slice(0, 4) === d.slice(0, 4) ? '' : `${y}年`}${m}月${day}日`;
}

/** The period as a bulletin names it: 2016年、2016年上半年、2016年第二季度、2016年6月、2016年1月1日至6月21日. */
function zhPeriod(r: Report): string {
  const { kind, from, to } = r.period;
  // For calendar-shaped periods the named year and month are those of the last day, which holds
  // for business months too (month 2016-06 with months starting on the 21st ends 2016-06-20).
  const y = Number(to.slice(0, 4));
  const m = Number(to.slice(5, 7));
  const exact = to.slice(8) !== '' && (r.period.settings.monthStartDay > 1 || isMonthEnd(to));
  if (exact) {
    if (kind === 'year') return `${y}年`;
    if (kind === 'half') return `${y}年${m <= 6 ? '上' : '下'}半年`;
    if (kind === 'quarter') return `${y}年第${'一二三四'[Math.ceil(m / 3) - 1]}季度`;
    if (kind === 'month') return `${y}年${m}月`;
  }
  return `${zhDate(from)}至${zhDate(to, from)}`;
}

function isMonthEnd(d: string): boolean {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate() === day;
}

/** A rate or share in a sentence: one decimal as everywhere, except that all of them is simply 100%. */
function zhRate(v: number): string {
  return v === 1 ? '100%' : formatPercent(v);
}

function zhAgainst(kind: CompareKind): string {
  return kind === 'yoy' ? '去年同期' : '上期';
}

/** "比去年同期下降41.9%", "与去年同期持平", "去年同期无此类信访件"; undefined without a comparison. */
function zhChange(current: number, previous: number | null, kind: CompareKind | undefined, what = '此类信访件'): string | undefined {
  if (kind === undefined || previous === null) return undefined;
  const against = zhAgainst(kind);
  if (previous === 0) return current === 0 ? undefined : `${against}无${what}`;
  if (current === previous) return `与${against}持平`;
  const ch = (current - previous) / previous;
  return `比${against}${ch > 0 ? '上升' : '下降'}${formatPercent(ch, { absolute: true })}`;
}

/** The short form for the analysis: "同比下降41.9%" / "环比上升5.0%". */
function zhShortChange(row: ShareRow, kind: CompareKind | undefined): string | undefined {
  if (kind === undefined || row.previous === null) return undefined;
  if (row.previous === 0) return row.count === 0 ? undefined : `${zhAgainst(kind)}无此类信访件`;
  if (row.count === row.previous) return `与${zhAgainst(kind)}持平`;
  const ch = (row.count - row.previous) / row.previous;
  return `${kind === 'yoy' ? '同比' : '环比'}${ch > 0 ? '上升' : '下降'}${formatPercent(ch, { absolute: true })}`;
}

/**
 * One group's sentence: the count and its change, then every non-zero part in the office's order
 * (重复件, 业务范围外, 无实质内容, 正在调查, 拟立案) and what became of the rest, with the rate.
 */
function zhGroup(subject: string, g: GroupFigures, previous: GroupFigures | undefined, kind: CompareKind | undefined): string {
  const prevCount = previous?.received;
  if (g.received === 0) {
    return prevCount ? `${subject.replace(/^(本级)?共?(收到|接收)/, '未$2').replace(/^未/, '本期未')}，${zhAgainst(kind!)}为${prevCount}件。` : '';
  }
  let s = `${subject}${g.received}件`;
  const change = zhChange(g.received, prevCount ?? null, kind);
  const parts: string[] = [];
  if (g.duplicates) parts.push(`重复件${g.duplicates}件`);
  if (g.outOfScope) parts.push(`业务范围外${g.outOfScope}件`);
  if (g.noSubstance) parts.push(`无实质内容${g.noSubstance}件`);
  if (g.pending) parts.push(`正在调查${g.pending}件`);
  if (g.disposals['file-case']) parts.push(`拟立案${g.disposals['file-case']}件`);
  let rest = '';
  if (g.eligible > 0) {
    const lead = parts.length > 0 ? `其余${g.eligible}件` : '';
    if (g.verified === g.eligible) {
      rest = `${lead || ''}全部初核`;
    } else {
      const ways = (['verify', 'inquire', 'hold', 'close'] as const)
        .filter((d) => g.disposals[d] > 0)
        .map((d) => `${d === 'verify' ? '初核' : vocab.disposal.label(d, 'zh')}${g.disposals[d]}件`);
      rest = `${lead ? `${lead}中，` : ''}${ways.join('，')}`;
    }
    rest += `，初核率${zhRate(g.verificationRate!)}`;
  }
  const body = [...parts, ...(rest ? [rest] : [])];
  if (change) s += `，${change}`;
  if (body.length === 0) return `${s}。`;
  // "其中" opens a sentence of its own after the change; with no parts, "全部初核" simply follows
  // the count, while the disposals one by one still take "其中" (其中初核8件，谈话函询2件).
  if (parts.length === 0 && g.verified === g.eligible) return `${s}，${body.join('，')}。`;
  return `${s}${change ? '。' : '，'}其中${body.join('，')}。`;
}

/**
 * "已办结11件，其中按期办结9件，按期办结率90.0%"; when some concluded items never had a handle
 * deadline, the rate's base is said (SPEC 6.1: onTime is out of the concluded items that had one):
 * "已办结11件，其中有办理时限的10件中按期办结9件，按期办结率90.0%".
 */
function zhConcluded(a: GroupFigures): string {
  let s = `已办结${a.concluded}件`;
  const base = concludedWithDeadline(a);
  if (base !== null && base > 0 && base < a.concluded) {
    s += `，其中有办理时限的${base}件中按期办结${a.onTime}件`;
  } else if (a.onTime) {
    s += `，其中按期办结${a.onTime}件`;
  }
  if (a.onTimeRate !== null) s += `，按期办结率${zhRate(a.onTimeRate)}`;
  return s;
}

function chinese(r: Report, office: string): string[] {
  const kind = r.compare?.kind;
  const prev = r.compare?.groups;
  const out: string[] = [];

  // 1. What came in, group by group.
  const sup = zhGroup('共收到上级纪委转来的信访件', r.groups.superior, prev?.superior, kind);
  const loc = zhGroup('本级共接收信访件', r.groups.local, prev?.local, kind);
  let first = [sup, loc].filter(Boolean).join('');
  if (r.groups.superior.received > 0 && r.groups.local.received > 0) {
    const ch = zhChange(r.groups.all.received, prev?.all.received ?? null, kind);
    first += `两项合计${r.groups.all.received}件${ch ? `，${ch}` : ''}。`;
  }
  if (first === '') first = `本期未收到信访件${prev && prev.all.received > 0 ? `，${zhAgainst(kind!)}为${prev.all.received}件` : ''}。`;
  out.push(`${zhPeriod(r)}，${office}${first}`);

  // 2. Handling and replies, over all items.
  const a = r.groups.all;
  const handling: string[] = [];
  if (a.concluded) handling.push(zhConcluded(a));
  if (a.realName) handling.push(`实名举报${a.realName}件${a.replied ? `，已向举报人答复反馈${a.replied}件` : ''}`);
  if (a.overdue) handling.push(`有${a.overdue}件超过规定时限`);
  if (handling.length > 0) out.push(`截至${zhDate(r.period.asOf)}，${handling.join('；')}。`);

  // 3. Repeat petitions.
  const rp = r.repeat;
  if (rp.originals > 0) {
    const classes = ([['1', '1次'], ['2', '2次'], ['3+', '3次及以上']] as const)
      .filter(([k]) => rp.byDuplicates[k] > 0)
      .map(([k, label]) => `${label}的${rp.byDuplicates[k]}件`);
    out.push(`重复信访方面，有${rp.originals}件信访件被重复反映，共引出重复件${rp.duplicates}件，其中被重复反映${classes.join('、')}。`);
  }

  // 4. Sanctions, then outreach.
  const sanctions = Object.entries(r.sanctions);
  const work: string[] = [];
  if (sanctions.length > 0) {
    const total = sanctions.reduce((s, [, n]) => s + n, 0);
    const each = sanctions.map(([k, n]) => `${visible(k)}${n}人`).join('、');
    work.push(sanctions.length === 1 ? `给予${each}。` : `共处理处分${total}人，其中${each}。`);
  }
  const outreach: string[] = [];
  const act = r.activities;
  if (act.visit) outreach.push(`开展下访和实地走访${act.visit}次`);
  const reports = [
    act['investigation-report'] ? `信访调查报告${act['investigation-report']}篇` : '',
    act['research-report'] ? `调研报告${act['research-report']}篇` : '',
  ].filter(Boolean);
  if (reports.length > 0) outreach.push(`形成${reports.join('、')}`);
  if (act.bulletin) outreach.push(`编发工作简报${act.bulletin}期`);
  if (outreach.length > 0) work.push(`${outreach.join('，')}。`);
  if (work.length > 0) out.push(work.join(''));

  // 5. The analysis, one paragraph a view.
  for (const view of ['source', 'type', 'channel', 'category', 'rank', 'unit', 'repeat', 'realName'] as const) {
    const p = zhAnalysis(view, r.analysis[view], kind);
    if (p) out.push(p);
  }
  return out;
}

const ZH_VIEW: Record<AnalysisView, string> = {
  source: '信访来源', type: '信访类型', channel: '信访形式', category: '反映问题类别', rank: '被反映人职级', unit: '被反映单位',
  repeat: '初信初访与重复信访', realName: '署名情况',
};

/** How a key reads in a sentence: kinds take 类 (检举控告类), ranks ending in 级 take 干部, and so on. */
function zhKey(view: AnalysisView, key: string | null): string {
  const label = visible(analysisKeyLabel(view, key, 'zh'));
  if (view === 'type' && key !== null && vocab.kind.has(key)) return `${label}类`;
  if (view === 'rank' && label.endsWith('级')) return `${label}干部`;
  if (view === 'category') return `${label}问题`;
  if (view === 'realName') return `${label}举报`;
  return label;
}

function zhFigure(row: ShareRow, kind: CompareKind | undefined): string {
  const parts = [`${row.count}件`];
  if (row.share !== null) parts.push(`占${zhRate(row.share)}`);
  const ch = zhShortChange(row, kind);
  if (ch) parts.push(ch);
  return parts.join('，');
}

function zhAnalysis(view: AnalysisView, t: AnalysisTable, compareKind: CompareKind | undefined): string {
  const rows = t.rows.filter((x) => x.count > 0);
  // A comparison period with nothing in this view was said once already (去年同期无此类信访件):
  // saying it again after every row would bury the figures.
  const kind = t.rows.some((x) => (x.previous ?? 0) > 0) ? compareKind : undefined;
  const named = rows.filter((x) => x.key !== null);
  const unnamed = rows.find((x) => x.key === null);
  if (named.length === 0) return '';
  const lead = `从${ZH_VIEW[view]}来看，`;
  const missing = unnamed ? `；另有${unnamed.count}件未注明${view === 'unit' ? '单位' : view === 'rank' ? '职级' : '问题类别'}` : '';
  const and = (list: readonly string[]) => (list.length > 1 ? `${list.slice(0, -1).join('、')}和${list[list.length - 1]}` : list[0]!);
  if (view === 'unit') {
    // Concentrated: a unit named by two items or more (the analysis lists the largest few, ties kept).
    const many = named.filter((x) => x.count >= 2);
    if (many.length === 0) return `${lead}所涉单位较为分散，每个单位各1件${missing}。`;
    const list = many.map((x) => `${zhKey(view, x.key)}（${x.count}件${x.share !== null ? `，占${zhRate(x.share)}` : ''}）`);
    return `${lead}反映较为集中的是${and(list)}${missing}。`;
  }
  if (view === 'category' || view === 'rank') {
    // Most first: the largest (all of them when tied) named as such, the rest follow.
    const tied = named.filter((x) => x.count === named[0]!.count);
    const others = named.slice(tied.length);
    let s: string;
    if (tied.length === 1) {
      s = `${lead}反映${zhKey(view, tied[0]!.key)}的最多，${zhFigure(tied[0]!, kind)}`;
    } else {
      const names = tied.map((x) => {
        const ch = zhShortChange(x, kind);
        return `${zhKey(view, x.key)}${ch ? `（${ch}）` : ''}`;
      });
      const share = tied[0]!.share !== null ? `，各占${zhRate(tied[0]!.share)}` : '';
      s = `${lead}反映${and(names)}的最多，各${tied[0]!.count}件${share}`;
    }
    if (others.length > 0) s += `；其次是${others.map((x) => `${zhKey(view, x.key)}${zhFigure(x, kind)}`).join('；')}`;
    return `${s}${missing}。`;
  }
  return `${lead}${named.map((x) => `${zhKey(view, x.key)}${zhFigure(x, kind)}`).join('；')}${missing}。`;
}

// ---------------------------------------------------------------------------------------------
// English

function enChange(current: number, previous: number | null, kind: CompareKind | undefined): string | undefined {
  if (kind === undefined || previous === null) return undefined;
  const against = kind === 'yoy' ? 'year on year' : 'on the previous period';
  if (previous === 0) return current === 0 ? undefined : kind === 'yoy' ? 'none a year earlier' : 'none in the previous period';
  if (current === previous) return `unchanged ${against}`;
  const ch = (current - previous) / previous;
  return `${ch > 0 ? 'up' : 'down'} ${formatPercent(ch, { absolute: true })} ${against}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function enGroup(subject: string, g: GroupFigures, previous: GroupFigures | undefined, kind: CompareKind | undefined): string {
  if (g.received === 0) return previous?.received ? `No items ${subject} (${previous.received} in the comparison period).` : '';
  const ch = enChange(g.received, previous?.received ?? null, kind);
  const parts: string[] = [];
  if (g.duplicates) parts.push(plural(g.duplicates, 'duplicate', 'duplicates'));
  if (g.outOfScope) parts.push(`${g.outOfScope} out of scope`);
  if (g.noSubstance) parts.push(`${g.noSubstance} without substance`);
  if (g.pending) parts.push(`${g.pending} still pending`);
  if (g.disposals['file-case']) parts.push(`${g.disposals['file-case']} proposed for a case`);
  if (g.eligible > 0) {
    const rest = parts.length > 0 ? 'the remaining ' : '';
    parts.push(g.verified === g.eligible
      ? `${rest}${g.eligible} all initially verified`
      : `${rest}${g.eligible} disposed, ${g.verified} of them by initial verification`);
  }
  let s = `${plural(g.received, 'item', 'items')} ${subject}${ch ? ` (${ch})` : ''}`;
  if (parts.length > 0) s += `: ${parts.join(', ')}`;
  if (g.verificationRate !== null) s += `; verification rate ${formatPercent(g.verificationRate)}`;
  return `${s}.`;
}

/** "11 concluded (9 on time, 90.0%)", or "(9 of the 10 with a handle deadline on time, 90.0%)" when some had none. */
function enConcluded(a: GroupFigures): string {
  if (a.onTimeRate === null) return `${a.concluded} concluded`;
  const base = concludedWithDeadline(a);
  const of = base !== null && base < a.concluded ? ` of the ${base} with a handle deadline` : '';
  return `${a.concluded} concluded (${a.onTime}${of} on time, ${formatPercent(a.onTimeRate)})`;
}

function english(r: Report, office: string): string[] {
  const kind = r.compare?.kind;
  const prev = r.compare?.groups;
  const out: string[] = [];
  const head = `From ${r.period.from} to ${r.period.to}${office ? `, ${office}` : ''}:`;
  const body = [
    enGroup('were forwarded or assigned by superior commissions', r.groups.superior, prev?.superior, kind),
    enGroup('were received directly', r.groups.local, prev?.local, kind),
  ].filter(Boolean);
  const ch = enChange(r.groups.all.received, prev?.all.received ?? null, kind);
  body.push(`${r.groups.all.received} items in all${ch ? `, ${ch}` : ''}.`);
  out.push(`${head} ${body.join(' ')}`);
  const a = r.groups.all;
  const handling: string[] = [];
  if (a.concluded) handling.push(enConcluded(a));
  if (a.realName) handling.push(`${a.realName} real-name items, ${a.replied} replied to`);
  if (a.overdue) handling.push(`${a.overdue} past a deadline`);
  if (handling.length > 0) out.push(`As of ${r.period.asOf}: ${handling.join('; ')}.`);
  if (r.repeat.originals > 0) {
    out.push(`${r.repeat.originals} items were petitioned again (${r.repeat.duplicates} duplicates): ${r.repeat.byDuplicates['1']} once, ${r.repeat.byDuplicates['2']} twice, ${r.repeat.byDuplicates['3+']} three times or more.`);
  }
  const sanctions = Object.entries(r.sanctions);
  if (sanctions.length > 0) out.push(`Sanctions: ${sanctions.map(([k, n]) => `${visible(k)} ${n}`).join(', ')}.`);
  const acts = Object.entries(r.activities).filter(([, n]) => n > 0);
  if (acts.length > 0) out.push(`Outreach: ${acts.map(([k, n]) => `${vocab.activity.has(k) ? vocab.activity.label(k, 'en') : k} ${n}`).join(', ')}.`);
  for (const view of ['source', 'type', 'channel', 'category', 'rank', 'unit', 'repeat', 'realName'] as const) {
    const rows = r.analysis[view].rows.filter((x) => x.count > 0);
    if (rows.length === 0) continue;
    const items = rows.map((x) => {
      const extra = [x.share !== null ? formatPercent(x.share) : '', enChange(x.count, x.previous, kind) ?? ''].filter(Boolean).join(', ');
      return `${visible(analysisKeyLabel(view, x.key, 'en'))} ${x.count}${extra ? ` (${extra})` : ''}`;
    });
    out.push(`By ${EN_VIEW[view]}: ${items.join('; ')}.`);
  }
  return out;
}

const EN_VIEW: Record<AnalysisView, string> = {
  source: 'source', type: 'type', channel: 'channel', category: 'problem category', rank: 'accused rank', unit: 'unit',
  repeat: 'first-time or repeat', realName: 'real name',
};
