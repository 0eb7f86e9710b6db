// `--format table`: the report for a terminal. Titled sections drawn with cli-table3 (string-width
// counts a Chinese character as two columns), numbers right-aligned, never wider than `width`:
// the wide figures table (three groups side by side) gives way to one table per group, and text
// columns are wrapped by display width when a table still does not fit. The monthly series is a
// bar chart of block characters.

import Table from 'cli-table3';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import { REPORT_GROUPS, type Report } from '../../../domain/report.js';
import type { Lang } from '../../../domain/vocabulary.js';
import { cellString, figureSection, heading, otherSections, type Section } from './model.js';

export interface ReportTableOptions {
  lang: Lang;
  /** Terminal width in columns (default 80); nothing drawn is wider, down to about 30 columns. */
  width?: number;
  color?: boolean;
  /** The office's name, heading the report when set. */
  officeName?: string;
  /** The zone of the heading's recorded time (see ReportRenderOptions). */
  timeZone?: string;
}

const BOLD = (s: string) => `\u001b[1m${s}\u001b[22m`;

export function renderReportTable(r: Report, opts: ReportTableOptions): string {
  const width = Math.max(30, opts.width ?? 80);
  const color = opts.color === true;
  const { lang } = opts;
  const h = heading(r, lang, opts.officeName, opts.timeZone);
  const title = (s: string) => (color ? BOLD(s) : s);
  let out = title(h.title) + '\n' + h.lines.map((l) => wrap(l, width)).join('\n') + '\n';

  const wide = drawSection(figureSection(r, lang), lang, width, color);
  const figures = wide.natural <= width ? [wide] : REPORT_GROUPS.map((g) => drawSection(figureSection(r, lang, [g]), lang, width, color));
  const sections = otherSections(r, lang);
  for (const drawn of figures) out += '\n' + drawn.title + '\n' + drawn.table;
  for (const s of sections) {
    if (s.id === 'monthly') {
      out += '\n' + title(wrap(s.title, width)) + '\n' + barChart(r.monthly.map((m) => [m.month, m.received] as const), width);
      continue;
    }
    const drawn = drawSection(s, lang, width, color);
    out += '\n' + drawn.title + '\n' + drawn.table;
  }
  return out;
}

interface Drawn {
  title: string;
  table: string;
  /** Width of the table before any wrapping. */
  natural: number;
}

// No rule between body rows: a report table is read down its columns.
const CHARS = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

function wrap(s: string, width: number): string {
  return wrapAnsi(s, width, { hard: true });
}

/** A rule under the header rows only (cli-table3 draws one under every row or none). */
function underHead(table: string, headHeight: number): string {
  const lines = table.split('\n');
  if (lines.length <= headHeight + 2) return table;
  const top = lines[0]!;
  // The top border with its corners and joints turned into a middle rule (colour codes kept).
  const rule = top.replace('┌', '├').replace(/┬/g, '┼').replace('┐', '┤');
  lines.splice(1 + headHeight, 0, rule);
  return lines.join('\n');
}

/**
 * One section as a bordered table. When the natural layout is wider than `width`, the text
 * columns (labels, units, categories) give up columns, widest first, and wrap by display width.
 */
function drawSection(s: Section, lang: Lang, width: number, color: boolean): Drawn {
  const cells = s.rows.map((row) => row.map((c) => cellString(c, lang)));
  const isText = s.head.map((_, i) => s.rows.every((row) => row[i]?.t === 'text'));
  const natural = s.head.map((h, i) => Math.max(stringWidth(h), ...cells.map((row) => stringWidth(row[i] ?? ''))));
  const widths = [...natural];
  // Each column takes its content, a space either side and a border; plus the last border.
  const total = () => widths.reduce((a, w) => a + w + 3, 1);
  const naturalTotal = total();
  while (total() > width) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) if (isText[i] && widths[i]! > 4 && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    if (widest < 0) break; // only numbers left: nothing more to give
    widths[widest]!--;
  }
  if (total() > width) return asList(s, cells, width, color, naturalTotal);
  const fit = (text: string, i: number) => (stringWidth(text) > widths[i]! ? wrapAnsi(text, widths[i]!, { hard: true, trim: false }) : text);
  const table = new Table({
    head: s.head.map((h, i) => fit(h, i)),
    chars: CHARS,
    style: color ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] },
  });
  for (const row of cells) {
    table.push(row.map((text, i) => ({ content: fit(text, i), hAlign: isText[i] ? 'left' : 'right' } as const)));
  }
  const headHeight = Math.max(...s.head.map((h, i) => fit(h, i).split('\n').length));
  let body = underHead(table.toString(), headHeight) + '\n';
  if (s.note) body += wrap(s.note, width) + '\n';
  const t = wrap(s.title, width);
  return { title: color ? BOLD(t) : t, table: body, natural: naturalTotal };
}

/**
 * A section too wide for any table at this width (a phone-sized terminal): each row as its first
 * cell, then "column value" pairs wrapped under it.
 */
function asList(s: Section, cells: string[][], width: number, color: boolean, natural: number): Drawn {
  let body = '';
  for (const row of cells) {
    body += wrap(row[0] ?? '', width) + '\n';
    const pairs = row.slice(1).map((v, i) => `${s.head[i + 1]} ${v}`).join(' · ');
    body += wrapAnsi(pairs, width - 2, { hard: true }).split('\n').map((l) => `  ${l}`).join('\n') + '\n';
  }
  if (s.note) body += wrap(s.note, width) + '\n';
  const t = wrap(s.title, width);
  return { title: color ? BOLD(t) : t, table: body, natural };
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/**
 * A horizontal bar chart: `label  ████▌ value`, the longest bar as wide as the line allows (at
 * most 40 columns), each bar to an eighth of a column.
 */
export function barChart(rows: readonly (readonly [string, number])[], width: number): string {
  if (rows.length === 0) return '';
  const labelW = Math.max(...rows.map(([l]) => stringWidth(l)));
  const valueW = Math.max(...rows.map(([, v]) => String(v).length));
  const max = Math.max(...rows.map(([, v]) => v));
  const room = Math.max(1, Math.min(40, width - labelW - valueW - 3));
  return rows.map(([label, v]) => {
    const eighths = max === 0 ? 0 : Math.round((v / max) * room * 8);
    const bar = '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8]!;
    const pad = ' '.repeat(labelW - stringWidth(label));
    return `${label}${pad} ${bar}${bar === '' ? '' : ' '}${String(v)}`;
  }).join('\n') + '\n';
}
