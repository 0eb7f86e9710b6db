#!/usr/bin/env node
// Realistic generator of forwarded-case CSV files (转办件登记表), the kind provincial and
// municipal commissions send, for benchmarks and tests of `xinfang import` (SPEC §7, §9).
//
//   node bench/generate.mjs --rows N [--encoding utf-8|utf-8-bom|gb18030] [--seed S]
//        [--repeats 0.1] [--labels FILE] [--out FILE|-] [--year Y | --from-year A --to-year B]
//        [--hard-duplicates]
//
// Plain ESM, no build step. Deterministic for a given seed (whatever the encoding), streamed in
// chunks of whole rows with backpressure, so memory stays flat whatever --rows is.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';

const USAGE = `Usage: node bench/generate.mjs --rows N [options]

Writes a CSV of N forwarded-case rows (17 Chinese columns, CRLF line ends, RFC 4180 quoting).

Options:
  --rows N          number of data rows (required)
  --encoding E      utf-8 (default), utf-8-bom or gb18030
  --seed S          PRNG seed, an integer or any string (default 1)
  --repeats R       share of rows that repeat an earlier case, 0..0.9 (default 0.1)
  --labels FILE     write the true duplicate pairs as CSV item_line,original_line
  --out FILE|-      output file (default - : stdout)
  --year Y          received dates within year Y (default 2016)
  --from-year A     received dates from 1 January A ...
  --to-year B       ... to 31 December B
  --hard-duplicates harder cases for duplicate detection: some repeats drop the reporter or
                    write the unit with or without its county; some new complaints reuse an
                    earlier complaint's text about another official (not duplicates)
  --quiet           no summary line on stderr
  -h, --help        this help
`;

// ---------------------------------------------------------------------------------------------
// Arguments

function fail(msg) {
  process.stderr.write(`generate: ${msg}\n\n${USAGE}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      rows: { type: 'string' },
      encoding: { type: 'string', default: 'utf-8' },
      seed: { type: 'string', default: '1' },
      repeats: { type: 'string', default: '0.1' },
      labels: { type: 'string' },
      out: { type: 'string', default: '-' },
      year: { type: 'string' },
      'from-year': { type: 'string' },
      'to-year': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      'hard-duplicates': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (e) {
  fail(e.message);
}
if (args.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (args.rows === undefined) fail('--rows is required');
if (!/^\d+$/.test(args.rows)) fail(`--rows must be a non-negative integer, not ${args.rows}`);
const ROWS = Number(args.rows);

const ENCODING = args.encoding.toLowerCase().replace(/^utf8/, 'utf-8');
if (!['utf-8', 'utf-8-bom', 'gb18030'].includes(ENCODING)) fail(`unknown --encoding ${args.encoding}`);

const HARD = args['hard-duplicates'];
const REPEATS = Number(args.repeats);
if (!(REPEATS >= 0 && REPEATS <= 0.9)) fail(`--repeats must be a number in 0..0.9, not ${args.repeats}`);

function yearArg(name, v) {
  if (!/^\d{4}$/.test(v) || Number(v) < 1990 || Number(v) > 2099) fail(`--${name} must be a year, not ${v}`);
  return Number(v);
}
let FROM_YEAR = args.year !== undefined ? yearArg('year', args.year) : 2016;
let TO_YEAR = FROM_YEAR;
if (args['from-year'] !== undefined) FROM_YEAR = yearArg('from-year', args['from-year']);
if (args['to-year'] !== undefined) TO_YEAR = yearArg('to-year', args['to-year']);
if (args['from-year'] !== undefined && args['to-year'] === undefined) TO_YEAR = Math.max(TO_YEAR, FROM_YEAR);
if (args['to-year'] !== undefined && args['from-year'] === undefined) FROM_YEAR = Math.min(FROM_YEAR, TO_YEAR);
if (TO_YEAR < FROM_YEAR) fail('--to-year is before --from-year');

// ---------------------------------------------------------------------------------------------
// Seeded PRNG (mulberry32) and helpers

function seedOf(s) {
  if (/^\d+$/.test(s)) return Number(BigInt(s) & 0xffffffffn);
  let h = 2166136261; // FNV-1a
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

let state = seedOf(args.seed) ^ 0x9e3779b9;
function rnd() {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1)); // inclusive
const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
const chance = (p) => rnd() < p;

/** Weighted picker from [[value, weight], ...]. */
function weighted(pairs) {
  const values = pairs.map((p) => p[0]);
  const cum = [];
  let total = 0;
  for (const [, w] of pairs) cum.push((total += w));
  return () => {
    const r = rnd() * total;
    let i = 0;
    while (cum[i] <= r) i++;
    return values[i];
  };
}

/** Splits "text {X} text" once into [literal, key, literal, key, ..., literal]. */
function compile(template) {
  return template.split(/\{(\w+)\}/);
}
function fill(parts, slots) {
  let s = parts[0];
  for (let i = 1; i < parts.length; i += 2) s += slots[parts[i]] + parts[i + 1];
  return s;
}

// ---------------------------------------------------------------------------------------------
// Geography (Gansu): cities, their districts/counties and administrative region codes.

const CITIES = [
  {
    name: '兰州市', short: '兰', weight: 26,
    counties: [['城关区', '620102'], ['七里河区', '620103'], ['西固区', '620104'], ['安宁区', '620105'],
      ['红古区', '620111'], ['永登县', '620121'], ['皋兰县', '620122'], ['榆中县', '620123']],
    roads: ['东岗西路', '庆阳路', '张掖路', '民主西路', '南滨河东路', '雁滩路', '西津西路', '建兰路',
      '北滨河路', '安宁西路', '培黎街', '火车站东路', '天水南路', '定西路', '渭源路', '皋兰路'],
  },
  {
    name: '天水市', short: '天', weight: 16,
    counties: [['秦州区', '620502'], ['麦积区', '620503'], ['清水县', '620521'], ['秦安县', '620522'],
      ['甘谷县', '620523'], ['武山县', '620524'], ['张家川回族自治县', '620525']],
    roads: ['民主西路', '建设路', '双桥路', '藉河南路', '岷山路', '成纪大道', '商埠路', '北关路'],
  },
  {
    name: '白银市', short: '白', weight: 10,
    counties: [['白银区', '620402'], ['平川区', '620403'], ['靖远县', '620421'], ['会宁县', '620422'],
      ['景泰县', '620423']],
    roads: ['人民路', '北京路', '诚信大道', '五一街', '兰州路', '友好路'],
  },
  {
    name: '平凉市', short: '平', weight: 10,
    counties: [['崆峒区', '620802'], ['泾川县', '620821'], ['灵台县', '620822'], ['崇信县', '620823'],
      ['庄浪县', '620825'], ['静宁县', '620826']],
    roads: ['西大街', '东大街', '宝塔路', '新民路', '崆峒大道', '南大街'],
  },
  {
    name: '定西市', short: '定', weight: 10,
    counties: [['安定区', '621102'], ['通渭县', '621121'], ['陇西县', '621122'], ['渭源县', '621123'],
      ['临洮县', '621124'], ['漳县', '621125'], ['岷县', '621126']],
    roads: ['交通路', '友谊路', '西川大道', '永定路', '新城大道', '公园路'],
  },
  {
    name: '庆阳市', short: '庆', weight: 9,
    counties: [['西峰区', '621002'], ['庆城县', '621021'], ['环县', '621022'], ['华池县', '621023'],
      ['合水县', '621024'], ['正宁县', '621025'], ['宁县', '621026'], ['镇原县', '621027']],
    roads: ['南大街', '长庆大道', '安定西路', '西大街', '九龙路', '朔州路'],
  },
  {
    name: '陇南市', short: '陇', weight: 9,
    counties: [['武都区', '621202'], ['成县', '621221'], ['文县', '621222'], ['宕昌县', '621223'],
      ['康县', '621224'], ['西和县', '621225'], ['礼县', '621226'], ['徽县', '621227'], ['两当县', '621228']],
    roads: ['钟楼街', '东江大道', '长江大道', '滨江路', '北山路', '建设路'],
  },
];
const pickCity = weighted(CITIES.map((c) => [c, c.weight]));
const pickCounty = (city) => {
  const [name, code] = pick(city.counties);
  return { name, code, isDistrict: name.endsWith('区') };
};

const TOWNS = ['城关镇', '新集乡', '安远镇', '石峡镇', '金沟乡', '杨家镇', '李家堡镇', '马营镇', '三岔镇',
  '西川乡', '东湾镇', '南河镇', '北山乡', '红旗乡', '柳树乡', '高崖镇', '榆林乡', '石门乡', '双湾镇',
  '龙泉镇', '白土乡', '大庄镇', '中川镇', '花园乡', '青石镇', '黄集乡', '古城镇', '云山镇', '五里铺镇',
  '兴隆镇', '太平乡', '永安镇', '新华镇', '王家铺乡', '碧玉镇', '河口镇', '金家崖镇', '新庄乡', '韩店镇',
  '峡门乡', '什川镇', '连搭镇', '平安镇', '武家河乡', '盐关镇', '兴国镇', '渭阳镇', '南川镇', '白家湾乡'];
const VILLAGES = ['张家湾', '李家庄', '王家沟', '新庄', '上磨', '下湾', '马家坪', '杨河', '红星', '东沟',
  '西沟', '高庄', '前进', '团结', '和平', '白杨', '柳湾', '何家岘', '刘家坪', '陈家寨', '赵家山', '牛家河',
  '魏家堡', '蒲家川', '孙家坡', '大湾', '小湾', '石咀', '阳坡', '阴山', '中庄', '沙河', '庙台', '水泉',
  '梁家沟', '吴家岔', '黄家川', '周家庄', '郭家坪', '宋家坪', '三合', '双庙', '四合', '五星', '六一', '七里墩'];
const GENERIC_ROADS = ['人民路', '解放路', '建设路', '中山路', '民主路', '新华路', '团结路', '滨河路', '文化路',
  '和平路', '迎宾路', '青年路', '五一路', '东关街', '西关街', '北大街'];

// ---------------------------------------------------------------------------------------------
// Forwarding organs (转办机关) and reference numbers (来文编号)

const PROVINCE = { name: '甘肃省纪委监委', short: '甘纪', level: 'province' };
const CENTRAL = { name: '中央纪委国家监委信访室', short: '中纪信', level: 'central' };
for (const c of CITIES) c.organ = { name: `${c.name.slice(0, -1)}市纪委监委`, short: `${c.short}纪`, level: 'city', city: c };
const pickOrganKind = weighted([['city', 62], ['province', 31], ['central', 7]]);

const refCounters = new Map();
function nextRef(organ, source, year) {
  const prefix = organ.short + (source === '上级交办' ? '交' : '转');
  const key = prefix + year;
  const n = (refCounters.get(key) || 0) + 1;
  refCounters.set(key, n);
  return `${prefix}〔${year}〕${n}号`;
}

// ---------------------------------------------------------------------------------------------
// Dates: the range is walked in row order, so later rows have later (or equal) dates.

const DAYS = []; // [y, m, d] for each day of the range
for (let t = Date.UTC(FROM_YEAR, 0, 1); t <= Date.UTC(TO_YEAR, 11, 31); t += 86400000) {
  const d = new Date(t);
  DAYS.push([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]);
}
const pad2 = (n) => (n < 10 ? '0' + n : '' + n);
const pickDateFormat = weighted([[0, 40], [1, 25], [2, 10], [3, 25]]);
function formatDate(day) {
  const [y, m, d] = DAYS[day];
  switch (pickDateFormat()) {
    case 0: return `${y}-${pad2(m)}-${pad2(d)}`;
    case 1: return `${y}/${m}/${d}`;
    case 2: return `${y}.${m}.${d}`;
    default: return `${y}年${m}月${d}日`;
  }
}

// ---------------------------------------------------------------------------------------------
// People: names, ID numbers, phones, addresses

const SURNAMES = weighted([
  ['王', 60], ['张', 55], ['李', 55], ['刘', 40], ['杨', 35], ['赵', 25], ['马', 25], ['陈', 25], ['魏', 12],
  ['何', 12], ['牛', 8], ['蒲', 6], ['周', 12], ['吴', 10], ['徐', 8], ['孙', 10], ['胡', 10], ['朱', 8],
  ['高', 10], ['郭', 10], ['罗', 7], ['梁', 7], ['宋', 7], ['郑', 6], ['谢', 6], ['韩', 7], ['唐', 6],
  ['冯', 6], ['董', 7], ['程', 5], ['曹', 6], ['袁', 5], ['邓', 5], ['许', 5], ['苏', 6], ['蒋', 4],
  ['贾', 6], ['丁', 5], ['薛', 4], ['潘', 4], ['杜', 5], ['汪', 6], ['田', 6], ['任', 5], ['姚', 4],
  ['范', 4], ['石', 5], ['谭', 3], ['邹', 3], ['金', 4], ['康', 4], ['白', 5], ['雷', 4], ['侯', 4],
  ['孟', 4], ['段', 4], ['秦', 3], ['史', 3], ['常', 4], ['武', 4], ['乔', 3], ['贺', 3], ['万', 3],
  ['令狐', 1], ['安', 4], ['包', 2], ['巩', 2], ['豆', 2], ['火', 1], ['岳', 3], ['景', 2], ['慕', 2],
]);
const MALE_CHARS = ['伟', '军', '强', '明', '建', '国', '平', '军', '海', '斌', '勇', '峰', '刚', '辉', '杰', '涛',
  '鹏', '成', '红', '文', '武', '志', '忠', '福', '林', '宏', '永', '长', '生', '德', '兴', '贵', '祥', '俊',
  '彦', '鑫', '宝', '东', '江', '宁', '振', '亮', '学', '有', '世', '正', '玉', '广', '金', '全', '继', '万'];
const FEMALE_CHARS = ['芳', '娟', '霞', '丽', '敏', '静', '燕', '红', '艳', '玲', '英', '梅', '兰', '秀', '萍',
  '琴', '花', '莉', '雪', '晶', '慧', '婷', '亚', '丹', '春', '月', '凤', '珍', '翠', '小', '彩', '桂', '淑'];
function personName(male) {
  const chars = male ? MALE_CHARS : FEMALE_CHARS;
  const s = SURNAMES();
  let g = pick(chars);
  if (g === s) g = pick(chars);
  return chance(0.27) ? s + g : s + g + pick(chars);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
function idNumber(regionCode, male, refYear) {
  const by = int(refYear - 80, refYear - 20);
  const bm = int(1, 12);
  const bd = int(1, new Date(Date.UTC(by, bm, 0)).getUTCDate());
  let seq = int(0, 499) * 2 + (male ? 1 : 0);
  const body = regionCode + by + pad2(bm) + pad2(bd) + String(seq).padStart(3, '0');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return body + ID_CHECK[sum % 11];
}

const PHONE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152',
  '153', '155', '156', '157', '158', '159', '180', '181', '182', '183', '186', '187', '188', '189',
  '139', '138', '135', '151', '189', '133', '153', '181', '177'];
const phoneNumber = () => pick(PHONE_PREFIXES) + String(Math.floor(rnd() * 1e8)).padStart(8, '0');

function address(city, county) {
  const head = `甘肃省${city.name}${county.name}`;
  if (county.isDistrict || chance(0.25)) {
    const road = chance(0.7) ? pick(city.roads) : pick(GENERIC_ROADS);
    const no = int(1, 680);
    if (chance(0.35)) return `${head}${road}${no}号${int(1, 12)}号楼${int(1, 4)}单元${int(1, 28)}0${int(1, 4)}室`;
    return `${head}${road}${no}号`;
  }
  return `${head}${pick(TOWNS)}${pick(VILLAGES)}村${chance(0.6) ? int(1, 12) + '社' : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Accused: unit, post, rank, and what such a unit gets complained about

const BUREAUS = [
  ['交通运输局', ['农村公路建设项目', '道路养护工程', '客运线路审批']],
  ['住房和城乡建设局', ['棚户区改造项目', '保障性住房分配', '市政道路工程招标']],
  ['自然资源局', ['土地出让', '采矿权审批', '宅基地审批']],
  ['农业农村局', ['高标准农田建设项目', '农机购置补贴发放', '合作社项目扶持']],
  ['水务局', ['农村饮水安全工程', '河道治理工程', '小型水库除险加固']],
  ['教育局', ['校舍维修改造工程', '营养改善计划食材采购', '教师招聘']],
  ['卫生健康局', ['医疗设备采购', '新农合报销', '村卫生室建设']],
  ['民政局', ['低保审批', '临时救助金发放', '养老院建设项目']],
  ['财政局', ['专项资金拨付', '政府采购', '惠农资金发放']],
  ['人力资源和社会保障局', ['公益性岗位安置', '养老保险办理', '职称评审']],
  ['林业和草原局', ['退耕还林补助发放', '天然林保护工程', '造林绿化项目']],
  ['市场监督管理局', ['食品安全执法检查', '企业登记注册', '罚没款管理']],
  ['扶贫开发办公室', ['产业扶贫项目', '建档立卡贫困户识别', '易地扶贫搬迁']],
  ['发展和改革局', ['项目立项审批', '以工代赈项目', '粮食储备管理']],
];
const RURAL_PROJECTS = ['危房改造', '农村低保评定', '易地扶贫搬迁', '退耕还林补助发放', '村道硬化工程',
  '饮水安全工程', '征地拆迁补偿', '产业扶贫项目', '一事一议项目', '草原生态补奖资金发放', '建档立卡贫困户识别',
  '惠农补贴发放', '村集体土地承包', '村级活动场所建设', '救灾物资发放', '精准扶贫到户资金发放'];
const BENEFITS = ['低保金', '危房改造补助', '退耕还林补助', '惠农补贴', '养老保险金', '救灾款', '粮食直补资金',
  '草原补奖资金', '残疾人补贴', '临时救助金', '高龄补贴', '扶贫贴息贷款', '易地搬迁补助'];

const C8 = '违反中央八项规定精神', CLEAN = '违反廉洁纪律', MASS = '违反群众纪律', WORK = '违反工作纪律',
  ORG = '违反组织纪律', LIFE = '违反生活纪律', POL = '违反政治纪律', ILLEGAL = '涉嫌职务违法', CRIME = '涉嫌职务犯罪';

const CATS_BY_KIND = {
  village: weighted([[MASS, 35], [CLEAN, 15], [ILLEGAL, 15], [WORK, 10], [ORG, 8], [CRIME, 7], [C8, 5], [LIFE, 5]]),
  town: weighted([[MASS, 18], [CLEAN, 18], [WORK, 18], [C8, 14], [ILLEGAL, 10], [CRIME, 8], [ORG, 6], [LIFE, 6], [POL, 2]]),
  office: weighted([[CLEAN, 22], [C8, 18], [WORK, 15], [CRIME, 14], [ILLEGAL, 12], [ORG, 8], [LIFE, 7], [MASS, 2], [POL, 2]]),
  public: weighted([[CLEAN, 20], [WORK, 20], [C8, 15], [ILLEGAL, 12], [MASS, 10], [LIFE, 8], [CRIME, 8], [ORG, 7]]),
  company: weighted([[CLEAN, 25], [CRIME, 20], [ILLEGAL, 15], [C8, 15], [WORK, 15], [LIFE, 10]]),
};

const pickUnitKind = weighted([['village', 34], ['town', 25], ['bureau', 20], ['public', 9], ['company', 5],
  ['city', 5], ['county', 2]]);

function accused(city, county) {
  const male = chance(0.86);
  const name = personName(male);
  const kind = pickUnitKind();
  let unit, post, rank, projects, catKind;
  switch (kind) {
    case 'village': {
      const town = pick(TOWNS);
      unit = chance(0.8) ? `${town}${pick(VILLAGES)}村委会` : `${county.name}${town}${pick(VILLAGES)}村委会`;
      if (county.isDistrict && chance(0.4)) unit = `${town.replace(/[镇乡]$/, '')}街道${pick(VILLAGES)}社区居委会`;
      post = unit.endsWith('社区居委会')
        ? pick(['社区主任', '社区党支部书记', '社区干部'])
        : pick(['村支书', '村支书', '村主任', '村委会主任', '村会计', '村文书', '村监委会主任', '组长']);
      rank = '村(社区)干部';
      projects = RURAL_PROJECTS;
      catKind = 'village';
      break;
    }
    case 'town': {
      const town = pick(TOWNS);
      const street = county.isDistrict && chance(0.6); // districts have sub-district offices
      unit = street ? `${county.name}${town.replace(/[镇乡]$/, '')}街道办事处`
        : chance(0.6) ? `${county.name}${town}人民政府` : `${town}人民政府`;
      const r = rnd();
      if (r < 0.55) [post, rank] = [pick(['镇长', '副镇长', '党委书记', '党委副书记', '人大主席', '副镇长']), '乡科级'];
      else if (r < 0.85) [post, rank] = [pick(['科员', '包村干部', '包村干部', '民政专干', '计生专干', '财政所会计']), '一般干部'];
      else [post, rank] = [pick(['农业服务中心主任', '林业站站长', '兽医站站长', '文化站站长']), '事业单位人员'];
      if (street) post = post.replace('副镇长', '副主任').replace('镇长', '主任').replace('人大主席', '人大工委主任').replace('包村干部', '社区联络员');
      else if (town.endsWith('乡')) post = post.replace('镇长', '乡长');
      projects = RURAL_PROJECTS;
      catKind = 'town';
      break;
    }
    case 'bureau': {
      const [b, p] = pick(BUREAUS);
      unit = county.name + b;
      [post, rank] = chance(0.5) ? [pick(['局长', '副局长', '副局长', '党组书记']), '乡科级']
        : [pick(['股长', '科员', '办公室主任', '执法队员', '副股长']), '一般干部'];
      projects = p;
      catKind = 'office';
      break;
    }
    case 'city': {
      const [b, p] = pick(BUREAUS);
      unit = city.name + b;
      [post, rank] = chance(0.45) ? [pick(['局长', '副局长', '副局长']), '县处级']
        : chance(0.6) ? [pick(['科长', '副科长']), '乡科级'] : [pick(['科员', '干部']), '一般干部'];
      projects = p;
      catKind = 'office';
      break;
    }
    case 'county': {
      unit = chance(0.7) ? `${county.name}人民政府` : `中共${county.name}委员会`;
      post = unit.startsWith('中共') ? pick(['副书记', '常委', '组织部部长']) : pick(['副县长', '副县长', '县长']);
      if (county.isDistrict) post = post.replace('县长', '区长');
      rank = '县处级';
      projects = ['招商引资项目', '重点项目建设', '土地征收', ...RURAL_PROJECTS.slice(0, 4)];
      catKind = 'office';
      break;
    }
    case 'public': {
      const r = rnd();
      if (r < 0.4) [unit, post] = [`${county.name}${pick(['第一中学', '第二中学', '职业中专'])}`, pick(['校长', '副校长', '教师', '会计'])];
      else if (r < 0.6) [unit, post] = [`${pick(TOWNS).replace(/[镇乡]$/, '')}中心小学`, pick(['校长', '教师'])];
      else if (r < 0.8) [unit, post] = [`${county.name}人民医院`, pick(['院长', '副院长', '医生', '药剂科主任'])];
      else [unit, post] = [`${pick(TOWNS)}卫生院`, pick(['院长', '医生'])];
      rank = '事业单位人员';
      projects = ['食堂采购', '药品采购', '医疗设备采购', '校舍维修', '职称评审', '绩效工资发放'];
      catKind = 'public';
      break;
    }
    default: { // company
      unit = pick([`${county.name}城市建设投资有限公司`, `${city.name}公共交通集团有限公司`, `国网${county.name}供电公司`,
        `${county.name}自来水公司`, `${city.name}农垦集团有限公司`, `${county.name}供销合作社`]);
      post = pick(['总经理', '副总经理', '经理', '财务科长', '主任', '所长']);
      rank = unit.endsWith('供销合作社') || post === '所长' ? '其他' : '企业人员';
      projects = ['工程分包', '物资采购', '电网改造工程', '用电报装', '车辆维修', '办公楼装修工程'];
      catKind = 'company';
    }
  }
  return { name, unit, post, rank, projects, category: CATS_BY_KIND[catKind]() };
}

// ---------------------------------------------------------------------------------------------
// Complaint text. Slots: N name, U unit, P post, S subject (name with or without unit/post),
// X project, B benefit, M money, Y year, R relative, F amount-free phrasing.

const FIRST = {
  [C8]: [
    '反映{S}多次用公款大吃大喝，在{U}报销招待费用。',
    '反映{S}公车私用，节假日驾驶单位车辆外出游玩。',
    '反映{S}借其{R}结婚之机大操大办，收受管理服务对象礼金{M}。',
    '反映{S}违规发放津贴补贴{M}。',
    '反映{S}{Y}年以来多次接受他人宴请，出入高档娱乐场所。',
    '反映{N}在担任{U}{P}期间，违规组织公款旅游。',
  ],
  [CLEAN]: [
    '反映{N}在担任{U}{P}期间，利用职务便利，在{X}中收受他人财物。',
    '反映{S}违规经商办企业，其{R}承揽{X}相关工程。',
    '反映{S}在{X}中优亲厚友，为亲属谋取利益。',
    '反映{S}收受他人所送购物卡、土特产等，价值{M}。',
    '反映{S}利用职务之便，为其{R}经营的公司承揽业务提供便利。',
  ],
  [MASS]: [
    '反映{S}在{X}中优亲厚友，将不符合条件的亲属纳入享受范围。',
    '反映{S}克扣、截留群众{B}{M}。',
    '反映{S}对群众诉求推诿扯皮、态度恶劣。',
    '反映{S}在{X}中向群众索要好处费，每户{M}。',
    '反映{S}擅自挪用村民{B}，至今未发放到户。',
    '反映{N}担任{P}期间，在{X}中吃拿卡要，群众意见很大。',
  ],
  [WORK]: [
    '反映{S}不履行职责，对{X}中存在的问题不闻不问。',
    '反映{S}干预插手{X}，为特定关系人谋利。',
    '反映{S}工作作风漂浮，长期不在岗，群众办事找不到人。',
    '反映{S}在{X}中弄虚作假，虚报工作成绩。',
    '反映{U}在{X}中把关不严，致使国家资金流失{M}。',
  ],
  [ORG]: [
    '反映{S}在干部选拔任用中违规提拔亲属。',
    '反映{S}档案造假，篡改出生日期和工作经历。',
    '反映{S}在村委会换届选举中拉票贿选。',
    '反映{S}不如实报告个人有关事项，隐瞒房产{M}。',
    '反映{S}违规为其{R}安排工作。',
  ],
  [LIFE]: [
    '反映{S}生活作风不检点，与他人长期保持不正当关系。',
    '反映{S}经常参与赌博，输赢数额较大。',
    '反映{S}酒后驾驶公车，造成交通事故。',
  ],
  [POL]: [
    '反映{S}对抗组织审查，与他人串供、转移财物。',
    '反映{S}在微信群发表不当言论，造成不良影响。',
    '反映{S}组织参与迷信活动。',
  ],
  [ILLEGAL]: [
    '反映{S}在{X}中虚报冒领补助资金{M}。',
    '反映{S}滥用职权，违规审批{X}相关事项。',
    '反映{S}玩忽职守，致使{X}资金被骗取{M}。',
    '反映{S}违规将集体资金{M}出借给他人。',
  ],
  [CRIME]: [
    '反映{N}利用职务上的便利，为他人在{X}中谋取利益，收受贿赂{M}。',
    '反映{S}挪用公款{M}用于个人炒股。',
    '反映{S}伙同他人贪污{B}{M}。',
    '反映{S}利用职务便利套取{X}资金{M}，据为己有。',
  ],
};
const DETAIL = [
  '{Y}年{B}发放中，{N}将其{R}列为享受对象。',
  '其{R}在{U}长期吃空饷。',
  '{N}还在{X}中向施工方索要好处费{M2}。',
  '相关账目不公开，群众无法监督。',
  '{N}平时作风霸道，群众敢怒不敢言。',
  '{Y}年群众曾向{U}反映，至今未得到处理。',
  '{N}名下有多套房产和车辆，与其收入明显不符。',
  '{N}经手的工程质量低劣，竣工不久即出现问题。',
  '其{R}开办的公司长期承揽{U}的业务。',
  '有关票据和照片可以提供。',
];
const CLOSING = [
  '请求组织调查处理。', '群众对此意见很大。', '望上级纪委彻查。', '以上问题群众反映强烈，请予查处。',
  '举报人称掌握相关证据。', '请求依法依纪严肃处理。', '希望尽快给予答复。', '恳请领导重视。',
];
const APPEAL = [
  '{R2}对{U}给予其{D}的处理不服，提出申诉。',
  '{R2}称{U}对其作出的{D}决定认定事实不清，请求复查。',
  '{R2}对因{X}问题受到{D}不服，申请撤销。',
];
const SUGGEST = [
  '建议加强对{X}资金的监管，及时公开使用情况。',
  '建议{U}改进工作作风，提高办事效率。',
  '对{X}工作提出意见建议，希望进一步规范程序。',
  '建议对{B}发放情况开展专项检查。',
];
const SANCTIONS = ['党内警告处分', '严重警告处分', '诫勉谈话', '记过处分', '撤销党内职务处分', '降级处分'];
const RELATIVES = ['妻子', '儿子', '女儿', '弟弟', '哥哥', '女婿', '侄子', '小舅子', '亲戚', '妹妹'];
const REMARKS = ['附原件3页', '附照片2张', '请于3个月内报送办理结果', '反映人要求保密', '请注意保护举报人',
  '重点督办', '请按规定办理', '网络举报平台转入', '有原件', '附信封', '已电话告知反映人', '请限期办结',
  '附件:照片2张,收据1份', '反映人称"已多次反映"', '附件2份'];

const compiled = (obj) => Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, v.map(compile)]));
const FIRST_T = compiled(FIRST);
const [DETAIL_T, CLOSING_T, APPEAL_T, SUGGEST_T] = [DETAIL, CLOSING, APPEAL, SUGGEST].map((a) => a.map(compile));

function money() {
  const r = rnd();
  if (r < 0.45) return `${int(2, 98) * 100}元`;
  if (r < 0.75) return `${int(1, 30)}万元`;
  if (r < 0.9) return `${int(2, 90)}余万元`;
  return `${int(1, 9)}.${int(1, 9)}万元`;
}

/** The sentences of a complaint (an array, kept for rewording when the case repeats). */
function complaint(kind, acc, reporterName, year) {
  const slots = {
    N: acc.name, U: acc.unit, P: acc.post, X: pick(acc.projects), B: pick(BENEFITS), M: money(), M2: money(),
    Y: String(year - int(0, 3)), R: pick(RELATIVES), D: pick(SANCTIONS), R2: reporterName || '反映人',
    S: '',
  };
  const r = rnd();
  slots.S = r < 0.45 ? acc.unit + acc.post + acc.name : r < 0.75 ? acc.name : acc.post + acc.name;
  if (kind === '申诉') return [fill(pick(APPEAL_T), slots), ...(chance(0.5) ? [fill(pick(CLOSING_T), slots)] : [])];
  if (kind === '批评建议') return [fill(pick(SUGGEST_T), slots)];
  const out = [fill(pick(FIRST_T[acc.category]), slots)];
  const n = rnd();
  if (n < 0.55) {
    // one sentence
  } else if (n < 0.9) {
    out.push(fill(pick(chance(0.5) ? DETAIL_T : CLOSING_T), slots));
  } else {
    out.push(fill(pick(DETAIL_T), slots), fill(pick(CLOSING_T), slots));
  }
  return out;
}

/**
 * Join sentences into the summary cell. `special` makes a few percent of cells need quoting:
 * an ASCII comma, ASCII double quotes, or numbered points on separate lines.
 */
function summaryText(sentences, special) {
  switch (special) {
    case 1: { // ASCII comma (typed half-width)
      const s = sentences.join('');
      const i = s.indexOf('，');
      return i >= 0 ? s.slice(0, i) + ',' + s.slice(i + 1) : s.replace(/。$/, ',' + pick(CLOSING));
    }
    case 2: // quoted nickname or pretext
      return sentences[0] + pick(['群众称其为"土皇帝"。', '以"辛苦费"名义收取费用。', '并称"有事找我就行"。',
        '群众称其为"村霸"。', '以"咨询费"名义套取资金。']) + sentences.slice(1).join('');
    case 3: // numbered points, one per line (LF inside the cell, as Excel writes; sometimes CRLF)
      if (sentences.length > 1) {
        const nl = chance(0.8) ? '\n' : '\r\n';
        return sentences.map((s, i) => `${i + 1}.${s}`).join(nl);
      }
      return sentences[0] + '\n' + pick(CLOSING);
    default:
      return sentences.join('');
  }
}

// ---------------------------------------------------------------------------------------------
// Rewording of a repeated complaint

// [a, b, both]: a -> b, and b -> a too when `both` (only where neither is part of other words)
const SYNONYMS = [
  ['利用职务便利', '利用职务之便', true], ['收受', '收取', true], ['财物', '钱物', true],
  ['期间', '时', false], ['违规', '违反规定', true], ['多次', '屡次', true], ['群众', '老百姓', true],
  ['请求', '恳请', true], ['调查处理', '调查核实', true], ['亲属', '亲戚', true], ['资金', '款项', true],
  ['不闻不问', '置之不理', true], ['态度恶劣', '态度蛮横', true], ['意见很大', '意见强烈', true],
  ['至今', '到现在', true], ['长期', '常年', true], ['用公款', '公款', false], ['优亲厚友', '优亲厚友、暗箱操作', false],
  ['彻查', '严查', true], ['贪污', '侵吞', true], ['挪用', '私自挪用', false], ['经常', '常常', true],
  ['不正当关系', '不正当男女关系', false], ['好处费', '好处', false], ['大吃大喝', '吃喝', false],
];
const CLOSING_SET = new Set(CLOSING);
const FULLWIDTH_DIGITS = '０１２３４５６７８９';
const REPEAT_EXTRA = ['该问题此前已多次反映，至今未得到解决。', '反映人称曾向有关部门反映，未见处理结果。',
  '此前反映后问题依然存在。', '现再次反映，请求尽快查处。'];

function reword(sentences) {
  const original = sentences.join('');
  if (chance(0.15)) return original; // forwarded verbatim
  for (let tries = 0; tries < 4; tries++) {
    const s = rewordOnce(sentences);
    if (s !== original) return s;
  }
  return original.replace(/。$/, '！');
}

function rewordOnce(sentences) {
  let ss = sentences.slice();
  if (ss.length > 1 && chance(0.35)) { // drop one sentence (never all)
    ss.splice(int(1, ss.length - 1), 1);
  }
  if (ss.length > 1 && chance(0.3)) { // reorder: a detail first, then the main point; closings stay last
    const closing = CLOSING_SET.has(ss[ss.length - 1]) ? ss.pop() : null;
    if (ss.length > 1) ss.push(ss.shift());
    if (closing) ss.push(closing);
  }
  if (chance(0.3)) ss.push(pick(REPEAT_EXTRA));
  let s = ss.join('');
  for (const [a, b, both] of SYNONYMS) {
    if (chance(0.45)) {
      if (s.includes(a)) s = s.split(a).join(b);
      else if (both && s.includes(b)) s = s.split(b).join(a);
    }
  }
  if (chance(0.25)) s = s.replace(/，/g, ','); // half-width commas
  if (chance(0.2)) s = s.replace(/。(?=.)/g, '；');
  if (chance(0.2)) s = s.replace(/。$/, '');
  if (chance(0.1)) s = s.replace(/[0-9]/g, (d) => FULLWIDTH_DIGITS[d]);
  if (chance(0.4)) s = s.replace(/^反映/, pick(['举报', '举报', '实名举报', '再次反映', '来信反映', '举报人反映']));
  if (chance(0.08)) s = `"${s.replace(/^反映/, '')}"`; // quoted whole text
  if (chance(0.05)) s = s.replace(/(?<=[。；])(?=.)/, '\n');
  return s;
}

// ---------------------------------------------------------------------------------------------
// Rows

const HEADER = ['来文编号', '转办机关', '收件日期', '信访形式', '来源', '信访类别', '反映人', '身份证号', '联系电话',
  '住址', '被反映人', '被反映人单位', '职务', '职级', '问题类别', '内容摘要', '备注'];

const pickChannel = weighted([['来信', 60], ['网络举报', 20], ['来访', 10], ['来电', 10]]);
const pickSource = weighted([['上级转办', 85], ['上级交办', 15]]);
const pickKind = weighted([['检举控告', 88], ['申诉', 7], ['批评建议', 5]]);
const pickSpecial = weighted([[0, 950], [1, 20], [2, 15], [3, 15]]);

const NEEDS_QUOTES = /[",\r\n]/;
function csvField(s) {
  return NEEDS_QUOTES.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

function organFor(city) {
  const k = pickOrganKind();
  return k === 'city' ? city.organ : k === 'province' ? PROVINCE : CENTRAL;
}

/** A new case: its fixed facts (reporter, accused, text) plus this row's forwarding details. */
function newCase(day) {
  const year = DAYS[day][0];
  const city = pickCity();
  const county = pickCounty(city);
  const kind = pickKind();
  const acc = accused(city, county);
  let reporter = { name: '', id: '', phone: '', address: '' };
  if (kind !== '检举控告' || chance(0.66)) { // real name (appeals and suggestions always are)
    const male = chance(0.68);
    const rCity = chance(0.85) ? city : pickCity();
    const rCounty = rCity === city && chance(0.8) ? county : pickCounty(rCity);
    const name = personName(male);
    const birthCode = chance(0.75) ? rCounty.code : pickCounty(pickCity()).code;
    reporter = {
      name,
      id: chance(0.4) ? idNumber(birthCode, male, year) : '',
      phone: chance(0.85) ? phoneNumber() : '',
      address: chance(0.6) ? address(rCity, rCounty) : '',
    };
  }
  const sentences = complaint(kind, acc, reporter.name, year);
  const c = {
    city, county, kind, reporter, sentences,
    accName: kind === '检举控告' ? acc.name : '',
    accUnit: acc.unit,
    accPost: kind === '检举控告' ? acc.post : '',
    accRank: kind === '检举控告' ? acc.rank : '',
    category: kind === '批评建议' ? (chance(0.7) ? '' : WORK) : acc.category,
    organ: organFor(city),
    channel: pickChannel(),
    source: pickSource(),
    day,
    lines: null, // data line numbers of this case's rows
    retired: false, // no more repeats
    slot: -1, // index in the reservoir, -1 when not there
  };
  return c;
}

function rowOf(c, organ, channel, source, day, summary, post, rank, rp = c.reporter, unit = c.accUnit) {
  const year = DAYS[day][0];
  const remark = chance(0.07) ? pick(REMARKS) : '';
  return [nextRef(organ, source, year), organ.name, formatDate(day), channel, source, c.kind, rp.name, rp.id,
    rp.phone, rp.address, c.accName, unit, post, rank, c.category, summary, remark];
}

// --hard-duplicates: a unit written with or without its county (区/县), as clerks shorten it.
function otherUnitForm(c) {
  const county = c.county.name;
  return c.accUnit.startsWith(county) ? c.accUnit.slice(county.length) : county + c.accUnit;
}

/**
 * --hard-duplicates: a new, unrelated complaint made from an earlier one's text (the same template,
 * often the same project and amount) about another official, by another reporter; sometimes in
 * the same unit. Not a duplicate, and not labelled as one.
 */
function lookalikeCase(earlier, day) {
  const c = newCase(day);
  if (!earlier.accName || c.kind !== '检举控告') return c;
  const sameUnit = chance(0.3);
  const unit = sameUnit ? earlier.accUnit : c.accUnit;
  const swap = (s) => s.split(earlier.accUnit).join(unit).split(earlier.accName).join(c.accName)
    .split(earlier.accPost || '\u0000').join(c.accPost || earlier.accPost);
  return { ...c, accUnit: unit, category: earlier.category, sentences: earlier.sentences.map(swap) };
}

// Pools of earlier cases that may repeat: a reservoir sample over the whole file so far, and a
// thinned ring of recent cases spanning roughly the last two months.
const RESERVOIR_SIZE = 8192;
const RING_SIZE = 16384;
const reservoir = [];
const ring = new Array(RING_SIZE);
let ringFill = 0;
let ringPos = 0;
let casesSeen = 0;
const rowsPerDay = Math.max(1, ROWS / DAYS.length);
const ringKeep = Math.min(1, RING_SIZE / (rowsPerDay * (1 - REPEATS) * 60));

function remember(c) {
  if (reservoir.length < RESERVOIR_SIZE) {
    c.slot = reservoir.length;
    reservoir.push(c);
  } else {
    const j = Math.floor(rnd() * (casesSeen + 1));
    if (j < RESERVOIR_SIZE) {
      reservoir[j].slot = -1;
      reservoir[j] = c;
      c.slot = j;
    }
  }
  casesSeen++;
  if (chance(ringKeep)) {
    ring[ringPos] = c;
    ringPos = (ringPos + 1) % RING_SIZE;
    if (ringFill < RING_SIZE) ringFill++;
  }
}

// Most repeated cases come twice, some three or four times: a case is retired from the pools
// after a repeat with probability 0.6, and always at four rows.
function earlierCase(day) {
  for (let tries = 0; tries < 4; tries++) {
    let c;
    if (ringFill > 0 && chance(0.6)) c = ring[Math.floor(rnd() * ringFill)];
    else if (reservoir.length > 0) c = reservoir[Math.floor(rnd() * reservoir.length)];
    if (c && !c.retired && c.day < day) return c;
  }
  return null;
}

function retire(c) {
  c.retired = true;
  if (c.slot >= 0) { // leave the reservoir; the next new cases fill the gap
    const last = reservoir.pop();
    if (last !== c) {
      reservoir[c.slot] = last;
      last.slot = c.slot;
    }
    c.slot = -1;
  }
}

function anotherOrgan(c) {
  if (c.organ.level === 'city') return chance(0.85) ? PROVINCE : CENTRAL;
  return c.city.organ; // provincial or central first, then the municipal commission too
}

// ---------------------------------------------------------------------------------------------
// Output

const outStream = args.out === '-' ? process.stdout : createWriteStream(args.out, { highWaterMark: 1 << 20 });
const labelStream = args.labels ? createWriteStream(args.labels) : null;
for (const s of [outStream, labelStream]) {
  s?.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(0);
    process.stderr.write(`generate: ${e.message}\n`);
    process.exit(1);
  });
}

const encode = ENCODING === 'gb18030' ? (s) => iconv.encode(s, 'gb18030') : (s) => Buffer.from(s, 'utf8');
let bytesOut = 0;

async function write(stream, buf) {
  bytesOut += stream === outStream ? buf.length : 0;
  if (!stream.write(buf)) await once(stream, 'drain');
}

async function main() {
  const t0 = process.hrtime.bigint();
  if (ENCODING === 'utf-8-bom') await write(outStream, Buffer.from([0xef, 0xbb, 0xbf]));
  let chunk = HEADER.join(',') + '\r\n';
  let labels = labelStream ? 'item_line,original_line\n' : '';
  let repeats = 0;
  let pairs = 0;
  const CHUNK_CHARS = 1 << 18; // whole rows only: a chunk is flushed between rows

  for (let i = 0; i < ROWS; i++) {
    const line = i + 1;
    const day = Math.floor((i * DAYS.length) / Math.max(ROWS, 1));
    let row = null;
    if (REPEATS > 0 && chance(REPEATS)) {
      const c = earlierCase(day);
      if (c) {
        const r = rnd();
        const organ = r < 0.4 ? anotherOrgan(c) : c.organ;
        const channel = chance(0.3) ? pickChannel() : c.channel;
        const source = chance(0.15) ? pickSource() : c.source;
        const post = chance(0.1) ? '' : c.accPost;
        const rank = chance(0.1) ? '' : c.accRank;
        const reporter = HARD && chance(0.2) ? { name: '', id: '', phone: '', address: '' } : c.reporter;
        const unit = HARD && c.accUnit && chance(0.3) ? otherUnitForm(c) : c.accUnit;
        row = rowOf(c, organ, channel, source, day, reword(c.sentences), post, rank, reporter, unit);
        if (labelStream) for (const earlier of c.lines) labels += `${line},${earlier}\n`;
        pairs += c.lines.length;
        c.lines.push(line);
        if (c.lines.length >= 4 || chance(0.6)) retire(c);
        repeats++;
      }
    }
    if (!row) {
      const earlier = HARD && chance(0.15) ? earlierCase(day) : null;
      const c = earlier ? lookalikeCase(earlier, day) : newCase(day);
      c.lines = [line];
      row = rowOf(c, c.organ, c.channel, c.source, day, summaryText(c.sentences, pickSpecial()), c.accPost, c.accRank);
      remember(c);
    }
    for (let f = 0; f < row.length; f++) chunk += (f ? ',' : '') + csvField(row[f]);
    chunk += '\r\n';
    if (chunk.length >= CHUNK_CHARS) {
      await write(outStream, encode(chunk));
      chunk = '';
    }
    if (labels.length >= CHUNK_CHARS) {
      await write(labelStream, labels);
      labels = '';
    }
  }
  if (chunk) await write(outStream, encode(chunk));
  if (labelStream) {
    if (labels) await write(labelStream, labels);
    labelStream.end();
    await once(labelStream, 'finish');
  }
  if (outStream !== process.stdout) {
    outStream.end();
    await once(outStream, 'finish');
  }
  if (!args.quiet) {
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    process.stderr.write(`generate: ${ROWS} rows (${repeats} repeats, ${pairs} duplicate pairs), ` +
      `${(bytesOut / 1e6).toFixed(1)} MB ${ENCODING}, ${secs.toFixed(1)} s\n`);
  }
}

main().catch((e) => {
  process.stderr.write(`generate: ${e.stack || e}\n`);
  process.exit(1);
});
