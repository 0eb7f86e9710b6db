// `--format md`: the report's tables as GitHub-flavoured Markdown, for pasting into documents.

import type { Report } from '../../../domain/report.js';
import type { Lang } from '../../../domain/vocabulary.js';
import { markdownHead, markdownLine } from '../markdown.js';
import { allSections, cellString, heading } from './model.js';

export function renderReportMarkdown(r: Report, opts: { lang: Lang; officeName?: string; timeZone?: string }): string {
  const { lang } = opts;
  const h = heading(r, lang, opts.officeName, opts.timeZone);
  let out = `# ${h.title}\n\n${h.lines.map((l) => `${l}  `).join('\n')}\n`;
  for (const s of allSections(r, lang)) {
    out += `\n## ${s.title}\n\n` + markdownHead(s.head) + s.rows.map((row) => markdownLine(row.map((c) => cellString(c, lang)))).join('');
    if (s.note) out += `\n${s.note}\n`;
  }
  return out;
}
