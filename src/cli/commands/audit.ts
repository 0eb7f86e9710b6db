// xinfang audit log [CODE] / audit verify: read the audit log; check its hash chain.

import type { Command } from 'commander';
import type { AuditEntry } from '../../domain/audit.js';
import { integrityError, say, usageError, type Bilingual } from '../../domain/errors.js';
import type { RowFault } from '../../domain/row-digest.js';
import type { Factory } from '../factory.js';
import { t2 } from '../i18n.js';
import type { Column } from '../render/listing.js';
import { addOutputOptions, emitListing, type OutputOptions } from '../render/output.js';
import { auditActionLabel } from '../render/history.js';
import { localTime } from '../render/time.js';

export function defineAudit(program: Command, f: Factory): void {
  const audit = program
    .command('audit')
    .description(t2(f, '审计日志：查看与校验', 'the audit log: read and verify'));

  const log = audit
    .command('log')
    .description(t2(f, '列出审计日志（可只看一件信访件）', 'list the audit log (optionally for one item)'))
    .argument('[code]', t2(f, '信访件编号', 'item code'));
  addOutputOptions(log, f).action(async (code: string | undefined, opts: OutputOptions) => {
    const ctx = await f.context();
    const { readAuditLog } = await import('../../usecases/audit.js');
    let itemCode: string | undefined;
    if (code !== undefined) {
      const { requireItem } = await import('../../usecases/items.js');
      itemCode = (await requireItem(ctx, code)).stored.code;
    }
    const entries = await readAuditLog(ctx, itemCode);
    const { auditActionLabel, auditDetailsText, operatorText } = await import('../render/history.js');
    // People see the OS user beside the declared operator when they differ; CSV has both as columns (SPEC 5).
    const columns: Column<AuditEntry>[] = [
      { key: 'seq', header: say('序号', 'seq'), human: (e) => e.seq },
      { key: 'at', header: say('时间', 'at'), human: (e) => localTime(e.at), raw: (e) => e.at },
      { key: 'operator', header: say('经办人', 'operator'), human: (e, lang) => operatorText(e.operator, e.osUser, lang), raw: (e) => e.operator },
      { key: 'action', header: say('事项', 'action'), human: (e, lang) => auditActionLabel(e.action, lang), raw: (e) => e.action },
      { key: 'itemCode', header: say('编号', 'item'), human: (e) => e.itemCode },
      { key: 'effective', header: say('生效日期', 'effective'), human: (e) => e.effective },
      { key: 'details', header: say('说明', 'details'), human: (e, lang) => auditDetailsText(e.action, JSON.parse(e.details) as Record<string, unknown>, lang), raw: (e) => e.details, wide: true },
      { key: 'hash', header: say('哈希', 'hash'), human: (e) => e.hash.slice(0, 12), raw: (e) => e.hash },
    ];
    const osUserColumn: Column<AuditEntry> = { key: 'osUser', header: say('OS 用户', 'OS user'), human: (e) => e.osUser ?? '' };
    await emitListing<AuditEntry>(f, {
      columns,
      csvColumns: [...columns.slice(0, 3), osUserColumn, ...columns.slice(3)],
      pages: [entries],
      toJson: (e) => ({ ...e, details: JSON.parse(e.details) }),
    }, opts);
  });

  audit
    .command('verify')
    .description(t2(f, '校验审计日志的带密钥哈希链，报告第一条被改动、插入或缺失的记录；最后一行打印链头 序号:哈希', 'check the keyed hash chain; report the first altered, inserted or missing entry; the last line is the head SEQ:HASH'))
    .option('--expect <head>', t2(f, '另外保存的链头（序号:哈希，如打印的月报上的），用来发现末尾记录被删、链头被改写', 'a head kept elsewhere (SEQ:HASH, e.g. from a printed monthly report): catches the newest entries removed with the head rewritten'))
    .option('--json', t2(f, '以 JSON 输出', 'print as JSON'))
    .addHelpText('after', t2(f,
      '\n完好时退出码 0；发现改动、缺失或插入的记录时退出码 5。\n例：xinfang audit verify\n    xinfang audit verify --expect 1234:9f2c…（上月报告上记下的链头）',
      '\nExit 0 when intact; 5 when an entry was altered, removed or inserted.\nExample: xinfang audit verify\n         xinfang audit verify --expect 1234:9f2c... (the head noted on last month\'s report)'))
    .action(async (opts: { json?: boolean; expect?: string }) => {
      const { formatHead, parseHead } = await import('../../domain/audit.js');
      let expect: { seq: number; hash: string } | undefined;
      if (opts.expect !== undefined) {
        expect = parseHead(opts.expect);
        if (!expect) throw usageError(say(`--expect “${opts.expect}” 格式不对（应为 序号:64位十六进制哈希，即 audit verify 最后一行）`, `--expect "${opts.expect}" is not SEQ:HASH (a number, a colon and 64 hex digits: the last line of audit verify)`));
      }
      const ctx = await f.context();
      const { verifyAuditLog } = await import('../../usecases/audit.js');
      const r = await verifyAuditLog(ctx, expect);
      if (opts.json) f.io.stdout.write(JSON.stringify({ ...r, head: formatHead(r.head) }, null, 2) + '\n');
      if (r.ok) {
        if (!opts.json) {
          if (!r.keyed) f.warn(say('审计日志还是旧版的无密钥哈希链：运行 xinfang init 升级为带密钥的链', 'the audit log still has the unkeyed chain of earlier versions: run `xinfang init` to key it'));
          else if (!r.rowsChecked) f.warn(say('登记库还没有记录各条数据的摘要，信访件和决定记录未核对：运行 xinfang init 补记', 'the registry does not record row digests yet, so items and decisions were not checked: run `xinfang init` to record them'));
          f.io.stdout.write(r.rowsChecked
            ? t2(f, `审计日志完好：共 ${r.checked} 条，哈希链一致；信访件、决定和活动记录与日志相符\n`, `audit log intact: ${r.checked} entries, hash chain consistent; items, decisions and activities match the log\n`)
            : t2(f, `审计日志完好：共 ${r.checked} 条，哈希链一致\n`, `audit log intact: ${r.checked} entries, hash chain consistent\n`));
          f.io.stdout.write(formatHead(r.head) + '\n');
        }
        return;
      }
      if (!r.fault && r.rowFaults.length > 0) {
        if (!opts.json) f.io.stdout.write(formatHead(r.head) + '\n');
        const [first, ...more] = r.rowFaults.map(rowFaultText);
        throw integrityError(say(`登记库的数据与审计日志不符：${first!.zh}`, `the registry's rows do not match the audit log: ${first!.en}`),
          say('从备份恢复登记库，并查明谁改动了登记库文件', 'restore the registry from a backup and find out who changed the registry file'), more);
      }
      if (!r.fault && r.stateFaults.count > 0) {
        const codes = r.stateFaults.itemCodes.join('、') + (r.stateFaults.count > r.stateFaults.itemCodes.length ? ' 等' : '');
        if (!opts.json) f.io.stdout.write(formatHead(r.head) + '\n');
        throw integrityError(
          say(`报表所用的信访件状态与决定记录不符（${r.stateFaults.count} 件：${codes}）：它被绕过本程序改动过`,
            `the item states reports read do not match the decisions for ${r.stateFaults.count} item(s) (${r.stateFaults.itemCodes.join(', ')}${r.stateFaults.count > r.stateFaults.itemCodes.length ? ', ...' : ''}): they were changed behind xinfang's back`),
          say('运行 xinfang init 按决定记录重算（记入审计日志），并查明谁改动了登记库', 'run `xinfang init` to recompute them from the decisions (it is audited), and find out who changed the registry'));
      }
      if (!r.fault) {
        const codes = r.damagedBlocks.flatMap((b) => b.codes);
        if (!opts.json) f.io.stdout.write(formatHead(r.head) + '\n');
        throw integrityError(
          say(`反映人加密块损坏或被改动（第 ${r.damagedBlocks.map((b) => b.block).join('、')} 块）：${codes.length ? `受影响的信访件 ${codes.join('、')}` : '没有信访件指向它'}`,
            `reporter blocks damaged or altered (${r.damagedBlocks.map((b) => b.block).join(', ')}): ${codes.length ? `items affected ${codes.join(', ')}` : 'no item points at them'}`),
          say('从备份恢复登记库；其他信访件不受影响', 'restore the registry from a backup; other items are unaffected'));
      }
      const fault = r.fault;
      const what = {
        altered: say(`第 ${fault.seq} 条记录被改动过`, `entry ${fault.seq} was altered`),
        relinked: say(`第 ${fault.seq} 条记录与前一条链接不上（前面的记录被改动、插入或删除）`, `entry ${fault.seq} does not link to the one before (an earlier entry was altered, inserted or removed)`),
        missing: say(`缺少第 ${'expectedSeq' in fault ? fault.expectedSeq : fault.seq} 条记录（下一条是第 ${fault.seq} 条）`, `entry ${'expectedSeq' in fault ? fault.expectedSeq : fault.seq} is missing (next is ${fault.seq})`),
        truncated: say(`日志末尾的记录被删除（从第 ${fault.seq} 条起）`, `the newest entries were removed (from entry ${fault.seq} on)`),
        'unexpected-head': say(`第 ${fault.seq} 条记录与另外保存的链头不符（被删除或改动）`, `entry ${fault.seq} does not match the head kept elsewhere (removed or altered)`),
      }[fault.problem];
      if (!opts.json) f.io.stdout.write(formatHead(r.head) + '\n');
      throw integrityError(say(`审计日志校验失败：${what.zh}`, `audit log check failed: ${what.en}`),
        say('从备份恢复登记库，并查明谁改动了登记库文件', 'restore the registry from a backup and find out who changed the registry file'));
    });
}

const TABLE_NAMES = { items: { zh: '信访件', en: 'item' }, events: { zh: '决定记录', en: 'decision event' }, activities: { zh: '活动记录', en: 'activity' }, intakes: { zh: '登记来源记录', en: 'intake' } } as const;

/** One row fault of `audit verify`, naming the entry (and items) whose rows differ, or the rows no entry wrote. */
function rowFaultText(fault: RowFault): Bilingual {
  switch (fault.problem) {
    case 'rows-differ': {
      const codes = fault.itemCodes.length > 0 ? fault.itemCodes.join('、') : '';
      return say(
        `第 ${fault.seq} 条记录（${auditActionLabel(fault.action, 'zh')}）写入的数据已被改动、删除或增添${codes ? `（信访件 ${codes}）` : ''}`,
        `the rows entry ${fault.seq} (${fault.action}) wrote were altered, removed or added to${codes ? ` (items ${fault.itemCodes.join(', ')})` : ''}`);
    }
    case 'unrecorded': {
      const t = TABLE_NAMES[fault.table];
      const shown = fault.rows.join(fault.table === 'items' ? '、' : ', ');
      return say(
        `${fault.count} 条${t.zh}不是经由本程序写入的（没有审计记录）：${shown}${fault.count > fault.rows.length ? ' 等' : ''}`,
        `${fault.count} ${t.en} row(s) were not written through xinfang (no audit entry): ${fault.rows.join(', ')}${fault.count > fault.rows.length ? ', ...' : ''}`);
    }
    case 'unreadable':
      return say(`第 ${fault.seq} 条记录（${auditActionLabel(fault.action, 'zh')}）的数据摘要无法读取`, `the row digest of entry ${fault.seq} (${fault.action}) cannot be read`);
  }
}
