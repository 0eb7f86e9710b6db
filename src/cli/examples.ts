// Examples shown at the end of every command's help, in one table keyed by the command's path
// ("audit log"). A command added later adds its lines here; buildProgram attaches them.

import type { Bilingual } from '../domain/errors.js';

const ex = (zh: string, en: string = zh): Bilingual => ({ zh, en });

export const EXAMPLES: Record<string, readonly Bilingual[]> = {
  '': [
    ex('xinfang init'),
    ex('code=$(xinfang register --source 本级受理 --channel 来信 --summary "反映某局干部收受礼金")',
      'code=$(xinfang register --source own --channel letter --summary "...")'),
    ex('xinfang list --period 2016-06'),
    ex('xinfang help audit log'),
  ],
  init: [
    ex('xinfang init'),
    ex('xinfang --db /srv/信访室/xinfang.db init'),
  ],
  register: [
    ex('xinfang register                     # 在终端上逐项询问，最后确认', 'xinfang register                     # at a terminal: asks for every field, then confirms'),
    ex('code=$(xinfang register --source 本级受理 --channel 来信 --summary "反映某局干部收受礼金")',
      'code=$(xinfang register --source own --channel letter --summary "reports an official taking gifts")'),
    ex('xinfang register --received 2016-06-03 --source 上级转办 --forwarded-by 甘肃省纪委监委 --ref "甘纪转〔2016〕12号" \\\n    --channel 来信 --accused-name 张某 --accused-unit 某县交通局 --category 违反廉洁纪律 --summary "反映……" \\\n    --reporter-file 反映人.txt',
      'xinfang register --received 2016-06-03 --source superior-forwarded --forwarded-by 甘肃省纪委监委 --ref "甘纪转〔2016〕12号" \\\n    --channel letter --accused-name 张某 --accused-unit 某县交通局 --category 违反廉洁纪律 --summary "..." \\\n    --reporter-file reporter.txt'),
    ex('printf \'name=王五\\nphone=13912340003\\n\' | xinfang register --reporter-file - --source 本级受理 --channel 来电 --summary "反映……"',
      'printf \'name=王五\\nphone=13912340003\\n\' | xinfang register --reporter-file - --source own --channel phone --summary "..."'),
  ],
  import: [
    ex('xinfang import 转办件.csv'),
    ex('xinfang import 转办件.csv --dry-run            # 只检查，不写入', 'xinfang import cases.csv --dry-run             # check only, write nothing'),
    ex('xinfang import 转办件.csv --skip-invalid --rejects 无效行.csv', 'xinfang import cases.csv --skip-invalid --rejects rejects.csv'),
    ex('xinfang import - --encoding gb18030 --map "举报时间=received" < 转办件.csv', 'xinfang import - --encoding gb18030 --map "举报时间=received" < cases.csv'),
  ],
  list: [
    ex('xinfang list --period 2016-06'),
    ex('xinfang list --from 2016-06-01 --to 2016-06-30 --source 上级转办 --status 待处置', 'xinfang list --from 2016-06-01 --to 2016-06-30 --source superior-forwarded --status pending'),
    ex('xinfang list --period 2016 --format csv -o 2016年信访件.csv', 'xinfang list --period 2016 --format csv -o items-2016.csv'),
    ex('xinfang list --search 交通局 --json'),
    ex('xinfang list --office 第一监察室 --as-of 2016-06-30    # 该日交办给第一监察室的', 'xinfang list --office 第一监察室 --as-of 2016-06-30    # handed to that office as of that day'),
  ],
  show: [
    ex('xinfang show 2016-0012'),
    ex('xinfang show 2016-0012 --as-of 2016-06-30 --json'),
  ],
  export: [
    ex('xinfang export --json -o 全部信访件.json        # 反映人已屏蔽', 'xinfang export --json -o items.json          # reporters masked'),
    ex('xinfang export -o 全部信访件.csv                # 扩展名决定格式；文件仅本人可读', 'xinfang export -o items.csv                  # format from the extension; owner-only file'),
    ex('xinfang export --reveal --reason "2016年度归档" -o 2016年度归档.csv', 'xinfang export --reveal --reason "2016 annual archive" -o archive-2016.csv'),
  ],
  reveal: [
    ex('xinfang reveal 2016-0012 --reason "向实名举报人答复办理结果"', 'xinfang reveal 2016-0012 --reason "replying to the real-name reporter"'),
  ],
  audit: [
    ex('xinfang audit log 2016-0012'),
    ex('xinfang audit verify'),
  ],
  'calendar show': [
    ex('xinfang calendar show 2016'),
    ex('xinfang calendar show 2027 --json'),
  ],
  'calendar import': [
    ex('xinfang calendar import 2027.txt      # 每行：holiday 2027-01-01..2027-01-03 元旦 / workday 2027-02-14 春节',
      'xinfang calendar import 2027.txt      # lines: holiday 2027-01-01..2027-01-03 New Year / workday 2027-02-14 Spring Festival'),
  ],
  'config get': [
    ex('xinfang config get deadline.accept'),
    ex('days=$(xinfang config get deadline.handle)'),
  ],
  'config set': [
    ex('xinfang config set deadline.accept 7'),
    ex('xinfang config set period.monthStartDay 21'),
    ex('xinfang config set office.name "某市纪委监委信访室"'),
  ],
  backup: [
    ex('xinfang backup /media/备份/xinfang-2016-06-30.db', 'xinfang backup /media/backup/xinfang-2016-06-30.db'),
    ex('xinfang --db postgres://xinfang:口令@10.0.0.5/xinfang backup 备份.dump   # 给出应运行的 pg_dump 命令',
      'xinfang --db postgres://xinfang:secret@10.0.0.5/xinfang backup office.dump   # prints the pg_dump command to run'),
  ],
  'migrate-to': [
    ex('xinfang --db 信访.db migrate-to postgres://xinfang:口令@10.0.0.5:5432/xinfang',
      'xinfang --db office.db migrate-to postgres://xinfang:secret@10.0.0.5:5432/xinfang'),
    ex('xinfang --db 信访.db migrate-to postgres://xinfang:口令@10.0.0.5/xinfang --json',
      'xinfang --db office.db migrate-to postgres://xinfang:secret@10.0.0.5/xinfang --json'),
  ],
  help: [
    ex('xinfang help register'),
    ex('xinfang help audit log'),
  ],
  'audit log': [
    ex('xinfang audit log'),
    ex('xinfang audit log 2016-0012 --json'),
  ],
  'audit verify': [
    ex('xinfang audit verify'),
    ex('xinfang audit verify --json'),
  ],
};

/** The "Examples:" block of one command's help, or '' when it has none. */
export function examplesText(path: string, lang: 'zh' | 'en'): string {
  const lines = EXAMPLES[path];
  if (!lines || lines.length === 0) return '';
  return `\n${lang === 'zh' ? '示例：' : 'Examples:'}\n` + lines.map((l) => '  ' + l[lang].replace(/\n/g, '\n  ')).join('\n') + '\n';
}
