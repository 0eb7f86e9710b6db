// `--output report.xlsx`: a spreadsheet a clerk can forward (SPEC 6). A first sheet with the
// title, period and bulletin paragraphs, then a sheet per table. Counts are numbers; rates,
// shares and changes are numbers formatted 0.0% holding the value the text shows (−0.419 for
// −41.9%: one rounding everywhere, SPEC 6.1), except a rate's change, a difference in percentage
// points, which holds the points (11.8, shown 11.8个百分点 as in the table); every text is a text cell, so a unit named
// "=HYPERLINK(...)" is shown, never run (SPEC 5). write-excel-file is loaded only here.

import { roundedFraction, type Report } from '../../../domain/report.js';
import type { Lang } from '../../../domain/vocabulary.js';
import { allSections, heading, type Cell } from './model.js';
import { renderReportText } from './text.js';

type XCell = { value?: string | number; type?: StringConstructor | NumberConstructor; format?: string; fontWeight?: 'bold'; wrap?: boolean } | null;

const PERCENT = '0.0%';
const SIGNED_PERCENT = '+0.0%;-0.0%;0.0%';
/** A rate's change is a difference in percentage points, not a percentage of it: the number of points. */
const SIGNED_POINTS: Record<Lang, string> = {
  zh: '+0.0"个百分点";-0.0"个百分点";0.0"个百分点"',
  en: '+0.0" pp";-0.0" pp";0.0" pp"',
};

function xcell(c: Cell, lang: Lang): XCell {
  switch (c.t) {
    case 'text': return c.v === '' ? null : { value: c.v, type: String };
    case 'count': return c.v === null ? null : { value: c.v, type: Number };
    case 'pct': return c.v === null ? null : { value: roundedFraction(c.v), type: Number, format: PERCENT };
    case 'chg':
      if (c.v === null) return null;
      // Points: the rounded fraction times 100, exactly as the table writes it (−0.041 → −4.1).
      if (c.points) return { value: Math.round(roundedFraction(c.v) * 1000) / 10, type: Number, format: SIGNED_POINTS[lang] };
      return { value: roundedFraction(c.v), type: Number, format: SIGNED_PERCENT };
  }
}

/** A sheet name Excel accepts: no []:*?/\, at most 31 characters, unique in the book. */
export function sheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 31) || 'Sheet';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)}~${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/** Column widths in characters, a Chinese character counting two. */
function widths(rows: readonly (readonly XCell[])[]): { width: number }[] {
  const n = Math.max(...rows.map((r) => r.length));
  const w = (c: XCell) => (c?.value === undefined ? 0 : [...String(c.value)].reduce((s, ch) => s + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0));
  return Array.from({ length: n }, (_, i) => ({ width: Math.min(60, Math.max(8, ...rows.map((r) => w(r[i] ?? null) + 2))) }));
}

export async function renderReportXlsx(r: Report, opts: { lang: Lang; officeName?: string; timeZone?: string }): Promise<Buffer> {
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  const { lang } = opts;
  const taken = new Set<string>();
  const h = heading(r, lang, opts.officeName, opts.timeZone);
  const text = (v: string): XCell => ({ value: v, type: String });
  const cover: XCell[][] = [[{ ...text(h.title), fontWeight: 'bold' }], ...h.lines.map((l) => [text(l)]), [null]];
  for (const p of renderReportText(r, { lang, officeName: opts.officeName }).split('\n\n').map((x) => x.trim()).filter(Boolean)) cover.push([{ ...text(p), wrap: true }]);
  const sheets = [{ sheet: sheetName(lang === 'zh' ? '报表' : 'Report', taken), data: cover, columns: [{ width: 100 }] }];
  for (const s of allSections(r, lang)) {
    const data: XCell[][] = [s.head.map((x) => ({ ...text(x), fontWeight: 'bold' as const })), ...s.rows.map((row) => row.map((c) => xcell(c, lang)))];
    if (s.note) data.push([null], [text(s.note)]);
    sheets.push({ sheet: sheetName(s.title.replace(/^.* · /, ''), taken), data, columns: widths(data) });
  }
  // The library's types want a cell union narrower than ours (a `type` constructor per value kind).
  return writeXlsxFile(sheets as never, { fontFamily: lang === 'zh' ? '宋体' : 'Calibri', fontSize: 11 } as never).toBuffer();
}
