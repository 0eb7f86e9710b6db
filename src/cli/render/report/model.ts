// The report laid out as titled tables of typed cells, once, for every renderer that draws tables
// (terminal, Markdown, HTML, spreadsheet). Cells keep their kind (text, count, percentage,
// change) so that each format writes a number its own way: the same rounding, a spreadsheet
// number, a right-aligned terminal column.

import {
  ANALYSIS_VIEWS, DISPOSAL_CODES, REPORT_GROUPS, change, concludedWithDeadline, type GroupChange, type GroupFigures, type Report,
  type ReportGroup,
} from '../../../domain/report.js';
import { vocab, type Lang } from '../../../domain/vocabulary.js';
import { localTime } from '../time.js';
import {
  ACTIVITY_UNITS, COLUMN_LABELS, DIMENSION_LABELS, FIGURE_LABELS, SECTION_TITLES, VIEW_LABELS, analysisKeyLabel,
  breakdownKeyLabel, changeCell, compareLabel, countCell, groupLabel, percentCell, tr, visible,
} from './labels.js';

export type Cell =
  | { t: 'text'; v: string }
  | { t: 'count'; v: number | null }
  | { t: 'pct'; v: number | null }
  /** A change: relative for counts, a difference in points for rates. */
  | { t: 'chg'; v: number | null; points: boolean };

export interface Section {
  /** Stable id (figures, figures.superior, sanctions, monthly, analysis.source, ...): a sheet name's source. */
  id: string;
  title: string;
  head: string[];
  rows: Cell[][];
  note?: string;
}

const text = (v: string): Cell => ({ t: 'text', v });
const count = (v: number | null): Cell => ({ t: 'count', v });
const pct = (v: number | null): Cell => ({ t: 'pct', v });
const chg = (v: number | null, points = false): Cell => ({ t: 'chg', v, points });

/**
 * The report's title and the lines under it: period, as-of, known-at, comparison. With the
 * office's name (`config set office.name`), the title is the office's report: 某某县纪委监委信访室信访举报统计报表.
 * The name is outside text, shown visibly (SPEC 5); HTML escapes it as well.
 */
export function heading(r: Report, lang: Lang, officeName?: string, timeZone?: string): { title: string; lines: string[] } {
  const zh = lang === 'zh';
  const lines = [
    zh ? `统计期间：${r.period.from} 至 ${r.period.to}（状态截至 ${r.period.asOf}）` : `Period: ${r.period.from} to ${r.period.to} (state as of ${r.period.asOf})`,
  ];
  // The recorded-time bound on the reader's clock, as `show` shows recorded times (the JSON keeps the instant).
  if (r.period.knownAt !== null) {
    const at = localTime(r.period.knownAt, timeZone);
    lines.push(zh ? `仅计 ${at} 前已记录的决定` : `Counting decisions recorded by ${at}`);
  }
  if (r.compare) {
    const c = r.compare;
    lines.push(zh
      ? `对比${compareLabel(c.kind, lang)}：${c.period.from} 至 ${c.period.to}（状态截至 ${c.period.asOf}）`
      : `Compared with ${compareLabel(c.kind, lang)}: ${c.period.from} to ${c.period.to} (state as of ${c.period.asOf})`);
  }
  return { title: officeTitle(tr(lang, SECTION_TITLES.report), lang, officeName), lines };
}

/** "某某县纪委监委信访室信访举报统计报表" / "Petition report — Office"; the title alone without a name. */
export function officeTitle(title: string, lang: Lang, officeName?: string): string {
  const name = officeName?.trim() ?? '';
  if (name === '') return title;
  return lang === 'zh' ? `${visible(name)}${title}` : `${title} — ${visible(name)}`;
}

type FigureLine = {
  label: string;
  value: (g: GroupFigures) => number | null;
  /** The change against the comparison period, from its change record or from both periods' figures. */
  change: (c: GroupChange, cur: GroupFigures, prev: GroupFigures) => number | null;
  rate: boolean;
};

function figureLines(lang: Lang): FigureLine[] {
  const n = (k: 'received' | 'duplicates' | 'outOfScope' | 'noSubstance' | 'pending' | 'eligible' | 'verified' | 'concluded' | 'onTime' | 'realName' | 'replied' | 'overdue'): FigureLine => ({
    label: tr(lang, FIGURE_LABELS[k]), value: (g) => g[k], change: (c) => c[k], rate: false,
  });
  const rate = (k: 'verificationRate' | 'onTimeRate'): FigureLine => ({ label: tr(lang, FIGURE_LABELS[k]), value: (g) => g[k], change: (c) => c[k], rate: true });
  return [
    n('received'), n('duplicates'), n('outOfScope'), n('noSubstance'), n('pending'),
    ...DISPOSAL_CODES.map((d): FigureLine => ({
      label: `${tr(lang, FIGURE_LABELS.disposals)}：${vocab.disposal.label(d, lang)}`,
      value: (g) => g.disposals[d], change: (c) => c.disposals[d], rate: false,
    })),
    n('eligible'), n('verified'), rate('verificationRate'),
    n('concluded'),
    // The on-time rate's base (SPEC 6.1), not a JSON key: beside the rate so that it can be checked.
    {
      label: tr(lang, FIGURE_LABELS.concludedWithDeadline),
      value: concludedWithDeadline,
      change: (_c, cur, prev) => {
        const now = concludedWithDeadline(cur);
        const then = concludedWithDeadline(prev);
        return now === null || then === null ? null : change(now, then);
      },
      rate: false,
    },
    n('onTime'), rate('onTimeRate'),
    n('realName'), n('replied'), n('overdue'),
  ];
}

/**
 * The figures of the given groups side by side (each with the comparison's figure and the change
 * when there is one). Three groups make the wide table; one group the narrow table of a terminal.
 */
export function figureSection(r: Report, lang: Lang, groups: readonly ReportGroup[] = REPORT_GROUPS): Section {
  const head = [tr(lang, COLUMN_LABELS.figure)];
  const c = r.compare;
  for (const g of groups) {
    if (groups.length === 1) head.push(tr(lang, COLUMN_LABELS.current));
    else head.push(groupLabel(g, lang));
    if (c) head.push(compareLabel(c.kind, lang), tr(lang, COLUMN_LABELS.change));
  }
  const rows = figureLines(lang).map((line) => {
    const cells: Cell[] = [text(line.label)];
    for (const g of groups) {
      const v = line.value(r.groups[g]);
      cells.push(line.rate ? pct(v) : count(v));
      if (c) {
        const p = line.value(c.groups[g]);
        cells.push(line.rate ? pct(p) : count(p), chg(line.change(c.change[g], r.groups[g], c.groups[g]), line.rate));
      }
    }
    return cells;
  });
  const title = tr(lang, SECTION_TITLES.figures) + (groups.length === 1 ? ` · ${groupLabel(groups[0]!, lang)}` : '');
  return { id: groups.length === 1 ? `figures.${groups[0]}` : 'figures', title, head, rows };
}

/** Every section after the figures, in report order; empty ones (no sanctions, no breakdown) left out. */
export function otherSections(r: Report, lang: Lang): Section[] {
  const zh = lang === 'zh';
  const out: Section[] = [];
  const sanctions = Object.entries(r.sanctions);
  if (sanctions.length > 0) {
    out.push({
      id: 'sanctions', title: tr(lang, SECTION_TITLES.sanctions),
      head: [tr(lang, COLUMN_LABELS.kind), tr(lang, COLUMN_LABELS.persons)],
      rows: sanctions.map(([k, n]) => [text(k), count(n)]),
    });
  }
  out.push({
    id: 'activities', title: tr(lang, SECTION_TITLES.activities),
    head: [tr(lang, COLUMN_LABELS.kind), zh ? '数量' : 'count'],
    rows: Object.entries(r.activities).map(([k, n]) => [
      text(`${vocab.activity.has(k) ? vocab.activity.label(k, lang) : k}${zh ? `（${ACTIVITY_UNITS[k]?.zh ?? '件'}）` : ''}`), count(n),
    ]),
  });
  out.push({
    id: 'monthly', title: tr(lang, SECTION_TITLES.monthly),
    head: [tr(lang, COLUMN_LABELS.month), tr(lang, COLUMN_LABELS.count)],
    rows: r.monthly.map((m) => [text(m.month), count(m.received)]),
  });
  const rp = r.repeat;
  out.push({
    id: 'repeat', title: tr(lang, SECTION_TITLES.repeat),
    head: [tr(lang, COLUMN_LABELS.drew), tr(lang, COLUMN_LABELS.originals)],
    rows: [
      [text(zh ? '1次' : 'once'), count(rp.byDuplicates['1'])],
      [text(zh ? '2次' : 'twice'), count(rp.byDuplicates['2'])],
      [text(zh ? '3次及以上' : '3 times or more'), count(rp.byDuplicates['3+'])],
      [text(zh ? '合计' : 'total'), count(rp.originals)],
    ],
    note: zh ? `共引出重复件${rp.duplicates}件` : `${rp.duplicates} duplicates in all`,
  });
  const c = r.compare;
  const cmpHead = c ? [compareLabel(c.kind, lang), tr(lang, COLUMN_LABELS.change)] : [];
  if (r.breakdown) {
    const bd = r.breakdown;
    out.push({
      id: `breakdown.${bd.by}`,
      title: `${tr(lang, SECTION_TITLES.breakdown)} · ${tr(lang, DIMENSION_LABELS[bd.by])}`,
      head: [tr(lang, COLUMN_LABELS.group), tr(lang, DIMENSION_LABELS[bd.by]), tr(lang, COLUMN_LABELS.count), tr(lang, COLUMN_LABELS.share), ...cmpHead],
      rows: bd.rows.map((row) => [
        text(groupLabel(row.group, lang)), text(breakdownKeyLabel(bd.by, row.key, lang)), count(row.count), pct(row.share),
        ...(c ? [count(row.previous), chg(row.change)] : []),
      ]),
    });
  }
  for (const v of ANALYSIS_VIEWS) {
    const view = r.analysis[v];
    if (view.rows.length === 0) continue;
    out.push({
      id: `analysis.${v}`,
      title: `${tr(lang, SECTION_TITLES.analysis)} · ${tr(lang, VIEW_LABELS[v])}`,
      head: [tr(lang, VIEW_LABELS[v]).replace(/（.*）$/, ''), tr(lang, COLUMN_LABELS.count), tr(lang, COLUMN_LABELS.share), ...cmpHead],
      rows: view.rows.map((row) => [
        text(analysisKeyLabel(v, row.key, lang)), count(row.count), pct(row.share), ...(c ? [count(row.previous), chg(row.change)] : []),
      ]),
      note: v === 'unit' ? (zh ? `占比为占全部${view.total}件的比例` : `shares of all ${view.total} items`) : undefined,
    });
  }
  return out;
}

/** All sections with the wide figures table first. */
export function allSections(r: Report, lang: Lang): Section[] {
  return [figureSection(r, lang), ...otherSections(r, lang)];
}

/** A cell as a person reads it (terminal, Markdown, HTML): outside text made visible, one rounding for every number. */
export function cellString(c: Cell, lang: Lang): string {
  switch (c.t) {
    case 'text': return visible(c.v);
    case 'count': return countCell(c.v);
    case 'pct': return percentCell(c.v);
    case 'chg': return changeCell(c.v, c.points, lang);
  }
}
