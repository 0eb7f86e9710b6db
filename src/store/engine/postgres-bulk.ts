// The bulk path of import on PostgreSQL. Each batch (a few hundred rows) costs two set-based
// look-ups (this batch's identities against the registry, through `unnest` arrays and the same
// indexes SQLite uses) and one COPY of its new items. Codes, ids and blocks are assigned here,
// under the write lock the surrounding Registry.write holds (postgres.ts): the same codes as on SQLite.
//
// Overlapped: a batch's writes (its block rows and its COPY) are held back and queued right behind
// the next batch's look-ups, so that the server copies one batch while this thread decides the
// next. The look-ups of batch N+1 therefore see the batches before N, and batch N's new items are
// matched from memory (`previous`), as are repeats within batch N+1 itself (`mine`).
//
// Every statement goes through one queue of our own (`serial`), each sent when the one before it
// has settled: a connection runs one statement at a time anyway, and pg deprecates calling
// client.query() while another is waiting (a DeprecationWarning on stderr, an error in pg 9).

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { yearOf } from '../../domain/dates.js';
import { formatCode } from '../../domain/item.js';
import { DigestSum } from '../../domain/row-digest.js';
import { AT, BLOCK_SIZE, DEFERRABLE_INDEXES, ITEM_COLUMNS, LARGE_IMPORT_ROWS, PACKED_WIDTH, type BulkOptions, type Intake, type ItemBulkWriter, type PackedValue, type Presence } from '../bulk.js';
import type { Vault } from '../vault.js';
import { copyField } from './copy-text.js';


type Hit = { code: string; fingerprint: number };

export async function postgresBulkWriter(client: pg.PoolClient, vault: Vault, intake: Intake, opts: BulkOptions): Promise<ItemBulkWriter> {
  /** The last operation queued on the connection; settled (never rejected) when it is done. */
  let tail: Promise<unknown> = Promise.resolve();
  /** Queues `op` behind every operation queued before it: it starts when they have all settled. */
  const serial = <T>(op: () => Promise<T>): Promise<T> => {
    const done = tail.then(op);
    tail = done.then(() => undefined, () => undefined);
    return done;
  };
  const query = <R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]) => serial(() => client.query<R>(text, values));
  const one = async (text: string, params: unknown[] = []) =>
    Number((await serial(() => client.query({ text, values: params, rowMode: 'array' }))).rows[0]?.[0] ?? 0);
  // The items this import adds are not in the planner's statistics until it commits: without this,
  // the look-ups of later batches scan a table that has grown by hundreds of thousands of rows.
  await query('SET LOCAL enable_seqscan = off');
  // Disabling sequential scans prices every plan high enough for JIT and for parallel workers:
  // each batch's look-ups (a few hundred index probes) were compiled anew or started background
  // workers — most of a 200k-row import's time. Nothing here runs long enough to gain from either.
  await query('SET LOCAL jit = off');
  await query('SET LOCAL max_parallel_workers_per_gather = 0');
  // A batch's identities (a known 500-element array) are probed one by one through the index: a
  // hash join instead read the whole ref_key index for every batch, quadratic in the import's size
  // (200k rows: 23 s against 7.9 s). Restored at finish().
  await query('SET LOCAL enable_hashjoin = off');
  await query('SET LOCAL enable_mergejoin = off');
  const existing = await one('SELECT count(*) FROM items');
  const large = (opts.expectedRows ?? 0) >= Math.max(LARGE_IMPORT_ROWS, existing);
  // The lookup index stays: later batches find earlier ones through it (there is no in-memory table here).
  const deferred: string[] = [];
  if (large) {
    const defs = await query<{ indexname: string; indexdef: string }>(
      "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'items' AND indexname = ANY($1)", [DEFERRABLE_INDEXES]);
    for (const d of defs.rows) {
      await query(`DROP INDEX ${d.indexname}`);
      deferred.push(d.indexdef);
    }
    // The items' foreign keys (intake, reporter block) are checked row by row during a COPY: about a
    // third of its time. Added back at the end, each is checked once over the whole table.
    const fks = await query<{ conname: string; def: string }>(
      "SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'items'::regclass AND contype = 'f'");
    for (const fk of fks.rows) {
      await query(`ALTER TABLE items DROP CONSTRAINT ${fk.conname}`);
      deferred.push(`ALTER TABLE items ADD CONSTRAINT ${fk.conname} ${fk.def}`);
    }
  }
  const firstId = (await one('SELECT max(id) FROM items')) + 1;
  let nextId = firstId;
  let blockId = (await one('SELECT max(id) FROM reporter_blocks')) + 1;
  let intakeId: number | undefined;
  const seqs = new Map<number, number>();
  let sealing: PackedValue[][] = [];
  let blockOpen = false;
  // The rows' digests (domain/row-digest.ts): the content half comes packed.
  const digester = vault.rowDigester();
  const digest = new DigestSum();
  /** Writes held back until the next batch's look-ups are sent: statements, in order, and the COPY text. */
  let held: { statements: [string, unknown[]][]; copy: string } = { statements: [], copy: '' };
  /** The writes sent and not yet confirmed; a failure is kept and thrown at the next wait. */
  let inflight: Promise<void> = Promise.resolve();
  let failure: unknown;
  /** The new items of the batch whose writes are held or in flight, by identity. */
  let previous = new Map<string, Hit>();

  function sealBlock(): void {
    if (sealing.length === 0) return;
    held.statements.push(['UPDATE reporter_blocks SET data = $1 WHERE id = $2', [vault.sealTuples(blockId, sealing), blockId]]);
    blockId++;
    sealing = [];
    blockOpen = false;
  }

  /** Queues the held writes, in order, without waiting for them. */
  function send(): void {
    const { statements, copy } = held;
    held = { statements: [], copy: '' };
    if (statements.length === 0 && copy === '') return;
    const sent = serial(async () => {
      for (const [text, values] of statements) await client.query(text, values);
      if (copy !== '') await pipeline(Readable.from([copy]), client.query(copyFrom(`COPY items (${ITEM_COLUMNS.join(', ')}) FROM STDIN`)));
    });
    inflight = Promise.all([inflight, sent]).then(() => undefined, (e: unknown) => { failure ??= e; });
  }

  async function settle(): Promise<void> {
    await inflight;
    if (failure !== undefined) throw failure;
  }

  /** Items already registered under the folded (organ, ref) keys and the content keys of a batch. */
  async function earlier(p: readonly PackedValue[]): Promise<{ byRef: Map<string, Hit>; byContent: Map<string, Hit> }> {
    // Both look-ups in one turn of the queue: the writes queued after them wait for both.
    return serial(() => lookUp(p));
  }

  async function lookUp(p: readonly PackedValue[]): Promise<{ byRef: Map<string, Hit>; byContent: Map<string, Hit> }> {
    const keys: string[] = [], received: string[] = [], fps: number[] = [];
    for (let at = 0; at < p.length; at += PACKED_WIDTH) {
      const key = p[at + AT.refKey];
      if (key !== null) {
        keys.push(key as string);
      } else {
        received.push(p[at + AT.received] as string);
        fps.push(p[at + AT.fingerprint] as number);
      }
    }
    const byRef = new Map<string, Hit>();
    const byContent = new Map<string, Hit>();
    if (keys.length > 0) {
      // The earliest item of each key, should a registry hold one case twice under other brackets.
      const r = await client.query<{ code: string; ref_key: string; fingerprint: number }>(
        `SELECT i.code, i.ref_key, i.fingerprint FROM items i
           JOIN unnest($1::text[]) AS k(key) ON i.ref_key = k.key ORDER BY i.id`,
        [keys]);
      for (const row of r.rows) if (!byRef.has(refKey(row.ref_key))) byRef.set(refKey(row.ref_key), { code: row.code, fingerprint: Number(row.fingerprint) });
    }
    if (received.length > 0) {
      // Without both organ and reference, an item is identified by its whole content (the
      // fingerprint covers organ and reference): rows without a reference through items_content,
      // the office's own numbering (a reference, no organ) through items_forwarded_ref.
      const r = await client.query<{ code: string; forwarded_by: string | null; ref: string | null; received: string; fingerprint: number }>(
        `SELECT i.code, i.forwarded_by, i.ref, i.received, i.fingerprint FROM items i
           JOIN unnest($1::text[], $2::bigint[]) AS k(received, fp) ON i.received = k.received AND i.fingerprint = k.fp
          WHERE i.ref IS NULL
         UNION ALL
         SELECT i.code, i.forwarded_by, i.ref, i.received, i.fingerprint FROM items i
           JOIN unnest($1::text[], $2::bigint[]) AS k(received, fp) ON i.received = k.received AND i.fingerprint = k.fp
          WHERE i.forwarded_by IS NULL AND i.ref IS NOT NULL`,
        [received, fps]);
      for (const row of r.rows) {
        const key = contentKey(row.forwarded_by, row.ref, row.received, Number(row.fingerprint));
        if (!byContent.has(key)) byContent.set(key, { code: row.code, fingerprint: Number(row.fingerprint) });
      }
    }
    return { byRef, byContent };
  }

  async function seqFor(year: number): Promise<number> {
    // The first item of a year in this import reads the year's last code (it waits for the writes in flight; once a year).
    const seq = (seqs.get(year) ?? (await settle(), await one('SELECT max(seq) FROM items WHERE year = $1', [year]))) + 1;
    seqs.set(year, seq);
    return seq;
  }

  return {
    async addBatch(p) {
      const looked = earlier(p);
      // Now that the look-ups are queued, the previous batch's writes go out behind them.
      send();
      // A look-up after a failed write fails too (the transaction is aborted): the write's error is the one to report.
      const { byRef, byContent } = await looked.catch((e: unknown) => { throw failure ?? e; });
      if (failure !== undefined) throw failure;
      // This batch's own new items by identity, so that a repeat within the batch is found too.
      const mine = new Map<string, Hit>();
      const out: Presence[] = [];
      for (let at = 0; at < p.length; at += PACKED_WIDTH) {
        const organ = p[at + AT.forwardedBy] as string | null, ref = p[at + AT.ref] as string | null;
        const received = p[at + AT.received] as string, fp = p[at + AT.fingerprint] as number;
        const line = p[at + AT.line] as number;
        const folded = p[at + AT.refKey] as string | null;
        const byKey = folded !== null;
        const key = byKey ? refKey(folded) : contentKey(organ, ref, received, fp);
        const hit = mine.get(key) ?? previous.get(key) ?? (byKey ? byRef : byContent).get(key);
        if (hit) {
          out.push({ state: !byKey || hit.fingerprint === fp ? 'same' : 'conflict', code: hit.code, line, forwardedBy: organ, ref });
          continue;
        }
        if (intakeId === undefined) {
          await settle();
          intakeId = (await one('SELECT max(id) FROM intakes')) + 1;
          held.statements.push(['INSERT INTO intakes (id, at, operator, via, file) VALUES ($1, $2, $3, $4, $5)',
            [intakeId, intake.at, intake.operator, intake.via, intake.file ?? null]]);
        }
        const year = yearOf(received);
        const seq = await seqFor(year);
        const code = formatCode(year, seq);
        const id = nextId++;
        const name = p[at + AT.reporterName]!, idNumber = p[at + AT.reporterId]!, phone = p[at + AT.reporterPhone]!, address = p[at + AT.reporterAddress]!, sealed = p[at + AT.reporterSealed]!;
        const hasReporter = name !== null || idNumber !== null || phone !== null || address !== null || sealed !== null;
        if (hasReporter && !blockOpen) {
          // Items are copied before their block is full: the block row is made (empty) before them and sealed when full.
          held.statements.push(["INSERT INTO reporter_blocks (id, data) VALUES ($1, '\\x'::bytea)", [blockId]]);
          blockOpen = true;
        }
        const block = hasReporter ? blockId : null;
        digest.add(digester.item([p[at + AT.contentHi] as number, p[at + AT.contentLo] as number], id, code, year, seq, block, intakeId));
        const fields: PackedValue[] = [id, code, year, seq, block, intakeId];
        for (let k = AT.fingerprint; k <= AT.extra; k++) fields.push(p[at + k]!);
        fields.push(folded);
        held.copy += fields.map(copyField).join('\t') + '\n';
        mine.set(key, { code, fingerprint: fp });
        out.push({ state: 'new', code, line, forwardedBy: organ, ref });
        if (hasReporter) {
          sealing.push([code, name, idNumber, phone, address, sealed]);
          if (sealing.length === BLOCK_SIZE) sealBlock();
        }
      }
      previous = mine;
      return out;
    },
    async finish() {
      sealBlock();
      send();
      await settle();
      previous = new Map();
      await query('SET LOCAL enable_hashjoin = on');
      await query('SET LOCAL enable_mergejoin = on');
      for (const ddl of deferred.splice(0)) await query(ddl);
    },
    rowDigest() {
      return digest.hex();
    },
    range() {
      return nextId === firstId ? undefined : { firstId, lastId: nextId - 1 };
    },
    async countSharedReporters() {
      if (nextId === firstId) return 0;
      return one(`
        SELECT count(*) FROM items n WHERE n.id >= $1 AND (
          (n.reporter_phone_hash IS NOT NULL AND EXISTS (SELECT 1 FROM items o WHERE o.reporter_phone_hash = n.reporter_phone_hash AND o.id < n.id))
          OR (n.reporter_id_hash IS NOT NULL AND EXISTS (SELECT 1 FROM items o WHERE o.reporter_id_hash = n.reporter_id_hash AND o.id < n.id)))`, [firstId]);
    },
  };
}

function refKey(folded: string): string {
  return `r\u0000${folded}`;
}

function contentKey(organ: string | null, ref: string | null, received: string, fp: number): string {
  return `c\u0000${organ ?? '\u0002'}\u0000${ref ?? '\u0002'}\u0000${received}\u0000${fp}`;
}
