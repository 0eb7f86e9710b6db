// The one place a report becomes output: `renderReport(report, format, options)` picks the
// renderer of that format (SPEC 6: table, json, csv, md, text, html; `.xlsx` a spreadsheet).
// Each renderer is a module of its own, loaded only when asked for (the spreadsheet writer and
// cli-table3 cost start-up time that `--format json` should not pay). No I/O here: the caller
// writes the string or the bytes (stdout, or --output through the atomic sink of output.ts).

import type { Report } from '../../../domain/report.js';
import type { Lang } from '../../../domain/vocabulary.js';

export const REPORT_FORMATS = ['table', 'json', 'csv', 'md', 'text', 'html', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** File extensions and the format they mean for `report --output FILE` (SPEC 6). */
export const REPORT_EXTENSIONS: Readonly<Record<string, ReportFormat>> = {
  '.json': 'json', '.csv': 'csv', '.md': 'md', '.markdown': 'md', '.txt': 'text', '.html': 'html', '.htm': 'html', '.xlsx': 'xlsx',
};

export interface ReportRenderOptions {
  lang: Lang;
  /** Terminal width for `table` (default 80). */
  width?: number;
  /** Colour in `table` (only on a terminal, never with NO_COLOR). */
  color?: boolean;
  /** CSV: a UTF-8 BOM first so that Excel reads it as UTF-8 (default true; `--no-bom`). */
  bom?: boolean;
  /** CSV: keep text exactly, no ' before formula-like cells (`--raw`). */
  raw?: boolean;
  /**
   * The office's name (`config set office.name`; '' or absent when not set). It heads the table,
   * Markdown, HTML and spreadsheet and is the subject of the bulletin's first sentence. Not part of
   * the JSON (SPEC 6.1 fixes its keys) nor of the CSV (no title line: one figure a line).
   */
  officeName?: string;
  /**
   * The IANA zone on whose clock the heading shows an `--as-known-at` time (default: this
   * machine's, as `show` shows recorded times). JSON and CSV keep the ISO instant.
   */
  timeZone?: string;
}

/** The report in a format: text for every format but `xlsx`, which gives the file's bytes. */
export async function renderReport(r: Report, format: ReportFormat, opts: ReportRenderOptions): Promise<string | Buffer> {
  switch (format) {
    case 'table': return (await import('./table.js')).renderReportTable(r, opts);
    case 'json': return (await import('./json.js')).renderReportJson(r);
    case 'csv': return (opts.bom === false ? '' : '\uFEFF') + (await import('./csv.js')).renderReportCsv(r, { raw: opts.raw });
    case 'md': return (await import('./md.js')).renderReportMarkdown(r, opts);
    case 'text': return (await import('./text.js')).renderReportText(r, opts);
    case 'html': return (await import('./html.js')).renderReportHtml(r, opts);
    case 'xlsx': return (await import('./xlsx.js')).renderReportXlsx(r, opts);
  }
}
