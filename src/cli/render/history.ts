// How an audit log entry reads for a person (`show` history, `audit log` as a table or Markdown):
// the action by its label from the vocabulary table, its details as a short phrase in the clerk's
// language (来源：本级受理; 文件：cases.csv，新登记 120 件 ...), coded values by their labels and
// reporter values only masked. JSON and CSV keep the codes and the raw details.

import type { ItemEvent } from '../../domain/events.js';
import { maskIdNumber, maskName, maskPhone } from '../../domain/reporter.js';
import { SETTINGS, type SettingKey } from '../../domain/settings.js';
import { vocab, type Lang } from '../../domain/vocabulary.js';
import { describeEvent } from './events.js';

type Details = Record<string, unknown>;

/**
 * Who did it, for people (SPEC 5): the declared operator, and the OS user beside it when they
 * differ — `局长（OS 用户 clerk2）`, `局长 (OS user clerk2)` — so that a name typed with `--operator`
 * never hides the account that ran the command. Entries older than the OS-user column have none.
 */
export function operatorText(operator: string, osUser: string | null | undefined, lang: Lang): string {
  if (!osUser || osUser === operator) return operator;
  return lang === 'zh' ? `${operator}（OS 用户 ${osUser}）` : `${operator} (OS user ${osUser})`;
}

/** The action's label (登记, 导入, 认定重复件 ...); an action this version does not know stays as its code. */
export function auditActionLabel(action: string, lang: Lang): string {
  return vocab.auditAction.has(action) ? vocab.auditAction.label(action, lang) : action;
}

/**
 * An entry's details as one line for people (raw text: escape before a terminal). `event` is the
 * decision the entry recorded when the caller has it (show); otherwise a decision is read back from
 * the details, which hold its payload (usecases/decide.ts auditDetails).
 */
export function auditDetailsText(action: string, details: Details, lang: Lang, event?: ItemEvent): string {
  const zh = lang === 'zh';
  const e = event ?? eventFromDetails(action, details);
  if (e) return describeEvent(e, lang);
  const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  const num = (v: unknown) => (typeof v === 'number' ? v : Number(v) || 0);
  const colon = zh ? '：' : ': ';
  const reason = typeof details.reason === 'string' ? (zh ? `理由：${details.reason}` : `reason: ${details.reason}`) : undefined;
  switch (action) {
    case 'register': {
      const parts = typeof details.source === 'string' ? [`${zh ? '来源' : 'source'}${colon}${label(vocab.source, details.source, lang)}`] : [];
      // The clerk was shown these items as having the same reporter (SPEC 5: a probe through a registration shows here).
      const same = Array.isArray(details.sameReporterAs) ? details.sameReporterAs.map(String) : [];
      if (same.length > 0) parts.push(zh ? `提示反映人与 ${same.join('、')} 相同` : `shown as the same reporter as ${same.join(', ')}`);
      return parts.join(zh ? '；' : '; ');
    }
    case 'import':
      return Object.keys(details).length === 0 ? (zh ? '随文件批量导入（见 xinfang audit log）' : 'imported with a file (see audit log)') : importText(details, lang);
    case 'reveal':
      return reason ?? '';
    case 'reporter-lookup': {
      const field = text(details.field);
      const what = { phone: ['联系电话', 'phone'], idNumber: ['身份证号', 'ID number'], name: ['姓名', 'name'] }[field] ?? ['反映人', 'reporter'];
      const value = masked(field, text(details.value));
      const n = num(details.matches);
      return [zh ? `按${what[0]} ${value} 查找，匹配 ${n} 件` : `by ${what[1]} ${value}: ${n} matching`, reason].filter(Boolean).join(zh ? '；' : '; ');
    }
    case 'activity': {
      const kind = typeof details.kind === 'string' ? label(vocab.activity, details.kind, lang) : '';
      const parts = [zh ? `${kind} ${num(details.count)} 次` : `${kind} × ${num(details.count)}`];
      if (typeof details.note === 'string' && details.note) parts.push(zh ? `说明：${details.note}` : `note: ${details.note}`);
      return parts.join(zh ? '；' : '; ');
    }
    case 'config': {
      const spec = SETTINGS[details.key as SettingKey] as (typeof SETTINGS)[SettingKey] | undefined;
      const unit = spec && spec.kind === 'int' ? (zh ? ` ${spec.unit.zh}` : ` ${spec.unit.en}`) : '';
      // A setting set for the first time has no earlier value (null, missing, or the empty office
      // name it starts with; SPEC 6 config set): it reads as not set rather than as nothing.
      const unset = zh ? '（未设置）' : '(not set)';
      const from = text(details.from).trim() === '' ? unset : text(details.from);
      const to = text(details.to).trim() === '' ? unset : `${text(details.to)}${unit}`;
      return `${text(details.key)}${colon}${from} → ${to}`;
    }
    case 'calendar': {
      const days = (v: unknown) => (Array.isArray(v) ? v.length : 0);
      const via = details.via === 'import'
        ? (zh ? `由 ${text(details.file)} 导入` : `imported from ${text(details.file)}`)
        : (zh ? '命令添加' : 'added by command');
      return zh
        ? `${text(details.year)} 年：放假 ${days(details.holidays)} 天，调休上班 ${days(details.workdays)} 天；${via}`
        : `${text(details.year)}: ${days(details.holidays)} holidays, ${days(details.workdays)} make-up working days; ${via}`;
    }
    case 'backup':
      return zh ? `备份到 ${text(details.to)}` : `to ${text(details.to)}`;
    case 'export': {
      // usecases/export.ts ExportAudit: { reason, items, file (null: standard output), format }.
      const to = typeof details.file === 'string' ? details.file : zh ? '标准输出' : 'standard output';
      const n = num(details.items);
      return [zh ? `${n} 件，反映人明文，写到 ${to}` : `${n} items, reporters in clear, to ${to}`, reason].filter(Boolean).join(zh ? '；' : '; ');
    }
    case 'migrate-in': {
      const rows = details.rows && typeof details.rows === 'object' ? Object.values(details.rows as Record<string, unknown>).reduce<number>((a, v) => a + num(v), 0) : 0;
      return zh ? `从 ${text(details.from)} 复制，共 ${rows} 行` : `copied from ${text(details.from)}, ${rows} rows`;
    }
    case 'init': {
      const steps = Array.isArray(details.migrations) ? details.migrations.length : 0;
      const parts: string[] = [];
      if (steps > 0) parts.push(zh ? `数据库结构升级 ${steps} 步` : `${steps} schema migrations`);
      if (details.keyCreated === true) parts.push(zh ? '生成新密钥' : 'new key created');
      if (details.wrote) parts.push(zh ? '为已有的信访件和决定记录补记数据摘要' : 'row digests recorded for the existing items and decisions');
      return parts.join(zh ? '；' : '; ');
    }
    case 'audit-rekey':
      return zh
        ? `旧版无密钥哈希链的 ${num(details.entries)} 条记录改用密钥重新链接；旧链头 ${text(details.legacyHead)}`
        : `${num(details.entries)} entries of the unkeyed chain re-chained under the key; old head ${text(details.legacyHead)}`;
    default:
      return otherDetails(details, lang);
  }
}

function label<C extends string>(v: { has(c: string): c is C; label(c: C, l: Lang): string }, code: string, lang: Lang): string {
  return v.has(code) ? v.label(code, lang) : code;
}

/** 文件：cases.csv（GB18030，125 行），新登记 120 件（2016-0001 至 2016-0120），已有 3 件，冲突 1 件，拒收 2 行. */
function importText(d: Details, lang: Lang): string {
  const zh = lang === 'zh';
  const n = (k: string) => (typeof d[k] === 'number' ? (d[k] as number) : 0);
  const file = d.file === '-' || d.file === undefined ? (zh ? '标准输入' : 'standard input') : String(d.file);
  const encoding = typeof d.encoding === 'string' ? d.encoding.toUpperCase() : '';
  const about = [encoding, zh ? `${n('rows')} 行` : `${n('rows')} rows`].filter(Boolean).join(zh ? '，' : ', ');
  const first = typeof d.firstCode === 'string' ? d.firstCode : undefined;
  const last = typeof d.lastCode === 'string' ? d.lastCode : first;
  const codes = first === undefined ? '' : first === last ? first : zh ? `${first} 至 ${last}` : `${first} to ${last}`;
  const range = codes === '' ? '' : zh ? `（${codes}）` : ` (${codes})`;
  if (zh) {
    const parts = [`文件：${file}（${about}）`, `新登记 ${n('imported')} 件${range}`];
    if (n('alreadyPresent')) parts.push(`已有 ${n('alreadyPresent')} 件`);
    if (n('conflicts')) parts.push(`冲突 ${n('conflicts')} 件`);
    if (n('rejected')) parts.push(`拒收 ${n('rejected')} 行`);
    return parts.join('，');
  }
  const parts = [`file: ${file} (${about})`, `${n('imported')} new${range}`];
  if (n('alreadyPresent')) parts.push(`${n('alreadyPresent')} already present`);
  if (n('conflicts')) parts.push(`${n('conflicts')} conflicts`);
  if (n('rejected')) parts.push(`${n('rejected')} rows rejected`);
  return parts.join(', ');
}

/** A reporter value as the log keeps it (masked when written); masked again should an entry hold it plain. */
function masked(field: string, value: string): string {
  if (value === '' || value.includes('*')) return value;
  return (field === 'phone' ? maskPhone(value) : field === 'idNumber' ? maskIdNumber(value) : maskName(value)) ?? '';
}

/** The fields each decision's payload must have to be described (events.ts); otherwise the entry reads as plain details. */
const PAYLOAD: Readonly<Record<string, readonly string[]>> = {
  duplicate: ['of'], 'duplicate-clear': [], 'duplicate-dismiss': ['other'], 'scope-out': ['scope', 'reason'], 'scope-in': [],
  instruct: ['by', 'text'], assign: ['office'], dispose: ['disposal'], conclude: ['result'], sanction: ['person', 'sanction'],
  notify: [], reply: ['method', 'text'], supervise: ['method'], extend: ['days', 'due', 'reason'], amend: ['changes', 'reason'], void: ['reason'],
};

/** The decision an entry recorded, read back from its details ({ event: id, ...payload, note }), or undefined. */
export function eventFromDetails(action: string, d: Details): ItemEvent | undefined {
  const needs = PAYLOAD[action];
  if (!needs || !vocab.event.has(action) || !needs.every((k) => d[k] !== undefined && d[k] !== null)) return undefined;
  if (action === 'amend' && !Array.isArray(d.changes)) return undefined;
  const payload: Details = { referTo: null, due: null, method: null, ...d };
  return { ...payload, kind: action, id: typeof d.event === 'number' ? d.event : 0, note: typeof d.note === 'string' ? d.note : null } as unknown as ItemEvent;
}

/** Details of an action this version does not know: 键：值 pairs, reporter fields left out (SPEC 5). */
function otherDetails(d: Details, lang: Lang): string {
  return Object.entries(d)
    .filter(([k]) => !/^reporter/i.test(k))
    .map(([k, v]) => `${k}${lang === 'zh' ? '：' : ': '}${typeof v === 'string' ? v : Array.isArray(v) ? v.join(lang === 'zh' ? '、' : ', ') : JSON.stringify(v)}`)
    .join(lang === 'zh' ? '；' : '; ');
}
