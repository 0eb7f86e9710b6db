// xinfang config [get KEY | set KEY VALUE]: the office's settings (deadline lengths, the
// business-month start day, the office name; SPEC 4 and 6.1).

import type { Command } from 'commander';
import { say } from '../../domain/errors.js';
import { SETTINGS, settingText, type SettingValue } from '../../domain/settings.js';
import type { SettingEntry } from '../../usecases/settings.js';
import type { Factory } from '../factory.js';
import { t2 } from '../i18n.js';
import { addOutputOptions, emitListing, type OutputOptions } from '../render/output.js';

const EXAMPLES_ZH = `
示例：
  xinfang config                              列出全部设置、当前值与默认值
  xinfang config get deadline.accept          只输出一个值（便于脚本使用）
  xinfang config set period.monthStartDay 21  统计月份从上月 21 日起（6 月 = 5 月 21 日至 6 月 20 日）
  xinfang config set deadline.handle 90       交办未定期限时，90 天内办结
  xinfang config set office.name "某市纪委监委信访室"
  xinfang config --json                       以 JSON 输出

设置项：deadline.accept（分办，工作日）、deadline.notify（受理告知，工作日）、deadline.handle（办理，天）、
deadline.extension（延期上限，天）、deadline.reply（答复，工作日）、period.monthStartDay（1–28）、office.name
`;

const EXAMPLES_EN = `
Examples:
  xinfang config                              list every setting with its value and default
  xinfang config get deadline.accept          print one value alone (for scripts)
  xinfang config set period.monthStartDay 21  business months start on the 21st (June = 21 May to 20 June)
  xinfang config set deadline.handle 90       an assignment without a due date is concluded within 90 days
  xinfang config set office.name "City Commission Petition Office"
  xinfang config --json                       print as JSON

Keys: deadline.accept (triage, working days), deadline.notify (acceptance notice, working days),
deadline.handle (handling, days), deadline.extension (longest extension, days), deadline.reply (reply,
working days), period.monthStartDay (1-28), office.name
`;

function valueText(v: SettingValue, f: Factory): string {
  const s = settingText(v);
  return s === '' ? t2(f, '（未设置）', '(not set)') : s;
}

export function defineConfig(program: Command, f: Factory): void {
  const config = program
    .command('config')
    .description(t2(f, '查看或修改设置：时限、统计月份起始日、单位名称', 'show or change settings: deadlines, business-month start day, office name'))
    .addHelpText('after', t2(f, EXAMPLES_ZH, EXAMPLES_EN));

  addOutputOptions(config, f).action(async (opts: OutputOptions) => {
    const ctx = await f.context();
    const { listSettings } = await import('../../usecases/settings.js');
    const entries = await listSettings(ctx);
    await emitListing<SettingEntry>(f, {
      columns: [
        { key: 'key', header: say('设置项', 'key'), human: (e) => e.key },
        { key: 'value', header: say('当前值', 'value'), human: (e) => valueText(e.value, f), raw: (e) => e.value },
        { key: 'default', header: say('默认值', 'default'), human: (e) => valueText(e.default, f), raw: (e) => e.default },
        {
          key: 'unit', header: say('单位', 'unit'),
          human: (e, lang) => { const s = SETTINGS[e.key]; return s.kind === 'int' ? s.unit[lang] : ''; },
        },
        { key: 'meaning', header: say('含义', 'meaning'), human: (e, lang) => SETTINGS[e.key].meaning[lang], wide: true },
      ],
      pages: [entries],
      toJson: (e) => ({ key: e.key, value: e.value, default: e.default, set: e.set }),
    }, opts);
  });

  config
    .command('get')
    .description(t2(f, '输出一个设置的当前值', 'print the value of one setting'))
    .argument('<key>', t2(f, '设置项，如 deadline.accept', 'key, e.g. deadline.accept'))
    .option('--json', t2(f, '以 JSON 输出', 'print as JSON'))
    // `config` itself takes --json too and commander gives it to the parent: read both.
    .action(async (key: string, _o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<{ json?: boolean }>();
      const ctx = await f.context();
      const { getSetting } = await import('../../usecases/settings.js');
      const e = await getSetting(ctx, key);
      f.io.stdout.write(opts.json ? JSON.stringify({ key: e.key, value: e.value, default: e.default, set: e.set }, null, 2) + '\n' : settingText(e.value) + '\n');
    });

  config
    .command('set')
    .description(t2(f, '修改一个设置（记入审计日志）', 'change one setting (audited)'))
    .argument('<key>', t2(f, '设置项，如 period.monthStartDay', 'key, e.g. period.monthStartDay'))
    .argument('<value>', t2(f, '新值', 'new value'))
    .option('--json', t2(f, '以 JSON 输出改动', 'print the change as JSON'))
    .action(async (key: string, value: string, _o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<{ json?: boolean }>();
      const ctx = await f.context();
      const { setSetting } = await import('../../usecases/settings.js');
      const c = await setSetting(ctx, key, value);
      if (opts.json) f.io.stdout.write(JSON.stringify(c, null, 2) + '\n');
      if (c.changed) {
        f.info(say(`已设置 ${c.key}：${valueText(c.from, f)} → ${valueText(c.to, f)}`, `set ${c.key}: ${valueText(c.from, f)} -> ${valueText(c.to, f)}`));
      } else {
        f.info(say(`${c.key} 已是 ${valueText(c.to, f)}，未改动`, `${c.key} is already ${valueText(c.to, f)}; nothing changed`));
      }
    });
}
