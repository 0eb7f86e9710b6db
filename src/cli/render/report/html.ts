// `--output report.html`: one self-contained, printable page (SPEC 6): the bulletin paragraphs,
// every table, and the monthly series as an inline SVG bar chart. No script, no external
// stylesheet, font or image: it opens from a mail attachment with no network.

import type { Report } from '../../../domain/report.js';
import type { Lang } from '../../../domain/vocabulary.js';
import { allSections, cellString, heading } from './model.js';
import { renderReportText } from './text.js';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", SimSun, sans-serif; margin: 2em auto; max-width: 60em; color: #111; line-height: 1.6; }
h1 { font-size: 1.5em; margin-bottom: .2em; }
h2 { font-size: 1.1em; margin: 1.6em 0 .4em; border-bottom: 1px solid #999; }
p.meta { color: #444; margin: 0; }
section.bulletin p { text-indent: 2em; margin: .5em 0; }
table { border-collapse: collapse; margin: .3em 0; }
th, td { border: 1px solid #888; padding: .15em .6em; }
th { background: #eee; font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
p.note { color: #444; font-size: .9em; margin: .2em 0; }
svg text { font-size: 11px; fill: #111; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } table, figure { break-inside: avoid; } }
`;

export function renderReportHtml(r: Report, opts: { lang: Lang; officeName?: string; timeZone?: string }): string {
  const { lang } = opts;
  const h = heading(r, lang, opts.officeName, opts.timeZone);
  const e = escapeHtml;
  let body = `<h1>${e(h.title)}</h1>\n${h.lines.map((l) => `<p class="meta">${e(l)}</p>`).join('\n')}\n`;
  const bulletin = renderReportText(r, { lang, officeName: opts.officeName }).split('\n\n').map((p) => p.trim()).filter(Boolean);
  body += `<section class="bulletin">\n<h2>${lang === 'zh' ? '情况综述' : 'Summary'}</h2>\n${bulletin.map((p) => `<p>${e(p)}</p>`).join('\n')}\n</section>\n`;
  for (const s of allSections(r, lang)) {
    body += `<section id="${e(s.id)}">\n<h2>${e(s.title)}</h2>\n`;
    if (s.id === 'monthly') body += monthlyChart(r, lang);
    body += `<table>\n<thead><tr>${s.head.map((x) => `<th>${e(x)}</th>`).join('')}</tr></thead>\n<tbody>\n`;
    for (const row of s.rows) {
      body += `<tr>${row.map((c) => `<td${c.t === 'text' ? '' : ' class="n"'}>${e(cellString(c, lang))}</td>`).join('')}</tr>\n`;
    }
    body += '</tbody>\n</table>\n';
    if (s.note) body += `<p class="note">${e(s.note)}</p>\n`;
    body += '</section>\n';
  }
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`${h.title} ${r.period.from}–${r.period.to}`)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}</body>
</html>
`;
}

/** The monthly series as vertical bars with their counts above and the months below. */
function monthlyChart(r: Report, lang: Lang): string {
  const months = r.monthly;
  if (months.length === 0) return '';
  const bar = 48;
  const gap = 12;
  const plot = 160;
  const top = 18;
  const width = months.length * (bar + gap) + gap;
  const height = top + plot + 24;
  const max = Math.max(1, ...months.map((m) => m.received));
  const label = lang === 'zh' ? '按月收件' : 'Received by month';
  let svg = `<figure>\n<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(label)}">\n`;
  svg += `<line x1="0" y1="${top + plot}" x2="${width}" y2="${top + plot}" stroke="#888"/>\n`;
  months.forEach((m, i) => {
    const x = gap + i * (bar + gap);
    const hgt = Math.round((m.received / max) * plot * 10) / 10;
    const y = top + plot - hgt;
    svg += `<rect x="${x}" y="${y}" width="${bar}" height="${hgt}" fill="#3b6ea5"><title>${escapeHtml(`${m.month}: ${m.received}`)}</title></rect>\n`;
    svg += `<text x="${x + bar / 2}" y="${y - 4}" text-anchor="middle">${m.received}</text>\n`;
    svg += `<text x="${x + bar / 2}" y="${top + plot + 16}" text-anchor="middle">${escapeHtml(m.month)}</text>\n`;
  });
  return `${svg}</svg>\n</figure>\n`;
}
