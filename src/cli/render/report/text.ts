import type { Report } from '../../../domain/report.js';
import type { Lang } from '../../../domain/vocabulary.js';
export function renderReportText(r: Report, opts: { lang: Lang }): string { void r; void opts; return ''; }
