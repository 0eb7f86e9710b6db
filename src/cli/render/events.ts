// How a decision event reads for a person: its kind's label and a one-line description of its
// payload in the clerk's language, coded values as labels from the vocabulary table.

import type { ItemEvent } from '../../domain/events.js';
import { FIELD_LABELS, type DraftField } from '../../domain/item.js';
import { visibleText } from '../../domain/text.js';
import { vocab, type Lang } from '../../domain/vocabulary.js';

/** The kind's label: 认定重复件, 处置, 办结 ... */
export function eventLabel(kind: ItemEvent['kind'], lang: Lang): string {
  return vocab.event.label(kind, lang);
}

/** What the event decided, without its kind's label: "初步核实", "原件 2016-0001" ... (raw text; escape before a terminal). */
export function describeEvent(e: ItemEvent, lang: Lang): string {
  const zh = lang === 'zh';
  const sep = zh ? '；' : '; ';
  const reason = (r: string) => (zh ? `理由：${r}` : `reason: ${r}`);
  const parts: string[] = [];
  switch (e.kind) {
    case 'duplicate': parts.push(zh ? `原件 ${e.of}` : `duplicate of ${e.of}`); break;
    case 'duplicate-dismiss': parts.push(zh ? `与 ${e.other} 不是重复件` : `not a duplicate of ${e.other}`); break;
    case 'scope-out':
      parts.push(vocab.scope.label(e.scope, lang) + (e.referTo ? (zh ? `，转 ${e.referTo}` : `, refer to ${e.referTo}`) : ''));
      parts.push(reason(e.reason));
      break;
    case 'instruct': parts.push(`${e.by}${zh ? '：' : ': '}${e.text}`); break;
    case 'assign': parts.push(e.office + (e.due ? (zh ? `，期限 ${e.due}` : `, due ${e.due}`) : '')); break;
    case 'dispose': parts.push(vocab.disposal.label(e.disposal, lang)); break;
    case 'conclude': parts.push(vocab.result.label(e.result, lang)); break;
    case 'sanction': parts.push(`${e.person}${zh ? '：' : ': '}${e.sanction}`); break;
    case 'notify': if (e.method) parts.push(vocab.method.label(e.method, lang)); break;
    case 'reply': parts.push(`${vocab.method.label(e.method, lang)}${zh ? '：' : ': '}${e.text}`); break;
    case 'supervise': parts.push(vocab.method.label(e.method, lang) + (e.due ? (zh ? `，新期限 ${e.due}` : `, new due date ${e.due}`) : '')); break;
    case 'extend': parts.push(zh ? `延长 ${e.days} 天至 ${e.due}` : `${e.days} days, to ${e.due}`, reason(e.reason)); break;
    case 'amend':
      for (const c of e.changes) {
        const l = FIELD_LABELS[c.field as DraftField]?.[lang] ?? c.field;
        const none = zh ? '（空）' : '(empty)';
        parts.push(`${l}${zh ? '：' : ': '}${fieldValue(c.field, c.from, lang) ?? none} → ${fieldValue(c.field, c.to, lang) ?? none}`);
      }
      parts.push(reason(e.reason));
      break;
    case 'void': parts.push(reason(e.reason)); break;
    case 'duplicate-clear': case 'scope-in': break;
  }
  if (e.note) parts.push(zh ? `说明：${e.note}` : `note: ${e.note}`);
  return parts.join(sep);
}

/** An amended field's value as a person reads it: coded values (source, channel, kind) by their labels, 实名 是/否 in the language. */
function fieldValue(field: string, value: string | null, lang: Lang): string | null {
  if (value === null) return null;
  switch (field) {
    case 'source': return vocab.source.has(value) ? vocab.source.label(value, lang) : value;
    case 'channel': return vocab.channel.has(value) ? vocab.channel.label(value, lang) : value;
    case 'kind': return vocab.kind.has(value) ? vocab.kind.label(value, lang) : value;
    case 'realName': return lang === 'en' ? (value === '是' ? 'yes' : value === '否' ? 'no' : value) : value;
    default: return value;
  }
}

/** "认定重复件：原件 2016-0001", made safe for a terminal. */
export function eventLine(e: ItemEvent, lang: Lang): string {
  const d = describeEvent(e, lang);
  return visibleText(eventLabel(e.kind, lang) + (d ? (lang === 'zh' ? '：' : ': ') + d : ''));
}
