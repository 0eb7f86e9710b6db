// `--format json` (SPEC 6.1): the report value itself, keys in the order `buildReport` gives them,
// rates and changes as fractions (never rounded: a script divides for itself).

import type { Report } from '../../../domain/report.js';

export function renderReportJson(r: Report): string {
  return JSON.stringify(r, null, 2) + '\n';
}
