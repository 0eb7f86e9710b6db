import type { Report } from '../../../domain/report.js';
import type { Lang } from '../../../domain/vocabulary.js';
export async function renderReportXlsx(r: Report, opts: { lang: Lang }): Promise<Buffer> { void r; void opts; return Buffer.alloc(0); }
