// `--format csv` (SPEC 6.1): long form, one figure a line, `section,group,key,value` and, with a
// comparison, `previous,change`. Values are plain numbers (rates and changes as fractions, as in
// JSON); a missing value (a rate of nothing, a change from zero) is an empty field. Text that a
// spreadsheet would run as a formula gets a leading ' unless `raw` (SPEC 5, through csvLine).

import { ANALYSIS_VIEWS, DISPOSAL_CODES, REPORT_GROUPS, type Report } from '../../../domain/report.js';
import { csvLine } from '../csv.js';

export interface ReportCsvOptions {
  /** Keep text exactly (`--raw`): no ' before formula-like cells. */
  raw?: boolean;
}

type Value = string | number | null;

export function renderReportCsv(r: Report, opts: ReportCsvOptions = {}): string {
  const cmp = r.compare !== null;
  // Text cells are neutralised by csvLine for people; numbers are written as numbers, never touched.
  const o = { forPeople: opts.raw !== true };
  let out = csvLine(cmp ? ['section', 'group', 'key', 'value', 'previous', 'change'] : ['section', 'group', 'key', 'value'], o);
  const line = (section: string, group: string, key: string | null, value: Value, previous: Value = null, change: Value = null) => {
    out += csvLine(cmp ? [section, group, key, value, previous, change] : [section, group, key, value], o);
  };

  const p = r.period;
  const cp = r.compare?.period;
  line('period', '', 'from', p.from, cp?.from ?? null);
  line('period', '', 'to', p.to, cp?.to ?? null);
  line('period', '', 'asOf', p.asOf, cp?.asOf ?? null);
  line('period', '', 'knownAt', p.knownAt);
  line('period', '', 'kind', p.kind);
  if (r.compare) line('period', '', 'compare', r.compare.kind);
  line('settings', '', 'monthStartDay', p.settings.monthStartDay);
  for (const [k, v] of Object.entries(p.settings.deadlines)) line('settings', '', `deadlines.${k}`, v);
  line('settings', '', 'calendarYears', p.settings.calendarYears.join(' '));

  for (const g of REPORT_GROUPS) {
    const cur = r.groups[g];
    const prev = r.compare?.groups[g];
    const ch = r.compare?.change[g];
    for (const k of ['received', 'duplicates', 'outOfScope', 'noSubstance', 'pending'] as const) line('groups', g, k, cur[k], prev?.[k] ?? null, ch?.[k] ?? null);
    for (const d of DISPOSAL_CODES) line('groups', g, `disposals.${d}`, cur.disposals[d], prev?.disposals[d] ?? null, ch?.disposals[d] ?? null);
    for (const k of AFTER_PENDING) line('groups', g, k, cur[k], prev?.[k] ?? null, ch?.[k] ?? null);
  }

  for (const [k, n] of Object.entries(r.sanctions)) line('sanctions', '', k, n);
  for (const [k, n] of Object.entries(r.activities)) line('activities', '', k, n);
  for (const m of r.monthly) line('monthly', '', m.month, m.received);
  line('repeat', '', 'originals', r.repeat.originals);
  line('repeat', '', 'duplicates', r.repeat.duplicates);
  for (const k of ['1', '2', '3+'] as const) line('repeat', '', k, r.repeat.byDuplicates[k]);

  if (r.breakdown) {
    const s = `breakdown.${r.breakdown.by}`;
    for (const row of r.breakdown.rows) line(s, row.group, row.key, row.count, row.previous, row.change);
    for (const row of r.breakdown.rows) line(`${s}.share`, row.group, row.key, row.share);
  }
  for (const v of ANALYSIS_VIEWS) {
    const view = r.analysis[v];
    line('analysis.total', '', v, view.total);
    for (const row of view.rows) line(`analysis.${v}`, '', row.key, row.count, row.previous, row.change);
    for (const row of view.rows) line(`analysis.${v}.share`, '', row.key, row.share);
  }
  return out;
}

// The group figures after `pending` and the disposals, in the JSON's order.
const AFTER_PENDING = ['eligible', 'verified', 'verificationRate', 'concluded', 'onTime', 'onTimeRate', 'realName', 'replied', 'overdue'] as const;
