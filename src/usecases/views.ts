// An item as output sees it: its fields, its state at a date, the reporter masked.

import type { IsoDate } from '../domain/dates.js';
import { stateAt, type ItemEvent, type ItemState } from '../domain/events.js';
import type { ItemView, StoredItem } from '../domain/item.js';
import { maskReporter } from '../domain/reporter.js';
import { groupOf } from '../domain/vocabulary.js';

/** An item with the state its events give at `asOf` (as known at `knownAt`, when given). */
export function itemView(item: StoredItem, events: readonly ItemEvent[], asOf: IsoDate, knownAt?: string): ItemView {
  return itemViewOf(item, stateAt(events, { asOf, knownAt }));
}

/** An item with a state already derived (by the store's state query, for many items). */
export function itemViewOf(item: StoredItem, s: ItemState): ItemView {
  const r = maskReporter(item.reporter);
  return {
    code: item.code,
    received: item.received,
    source: item.source,
    group: groupOf(item.source),
    forwardedBy: item.forwardedBy ?? null,
    ref: item.ref ?? null,
    channel: item.channel,
    kind: item.kind,
    category: item.category ?? null,
    summary: item.summary ?? null,
    realName: item.realName,
    reporterName: r.name ?? null,
    reporterId: r.idNumber ?? null,
    reporterPhone: r.phone ?? null,
    reporterAddress: r.address ?? null,
    reporterDamaged: item.reporter.damaged === true,
    accusedName: item.accusedName ?? null,
    accusedUnit: item.accusedUnit ?? null,
    accusedPost: item.accusedPost ?? null,
    accusedRank: item.accusedRank ?? null,
    ...s,
    extra: item.extra,
  };
}
