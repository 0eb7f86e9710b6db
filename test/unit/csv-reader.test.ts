import { describe, it, expect } from 'vitest';
import iconv from 'iconv-lite';
import { BATCH_SIZE, MAX_RECORD_CHARS, openCsv, type CsvRecord } from '../../src/csv/reader.js';
import { XinfangError } from '../../src/domain/errors.js';

/** Feeds `bytes` in chunks of `size` bytes (Infinity: one chunk), as a file stream would. */
async function* chunks(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  if (size === Infinity) {
    yield bytes;
    return;
  }
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

type Encoding = 'auto' | 'utf-8' | 'gb18030';

async function read(bytes: Buffer | string, size = Infinity, encoding: Encoding = 'auto') {
  const input = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  const reader = await openCsv(chunks(input, size), { encoding });
  const batches: CsvRecord[][] = [];
  for await (const batch of reader.batches()) batches.push(batch);
  return { reader, batches, records: batches.flat() };
}

/** The records as [line, ...fields] rows, easy to compare. */
async function rows(bytes: Buffer | string, size = Infinity, encoding: Encoding = 'auto') {
  const { reader, records } = await read(bytes, size, encoding);
  return {
    header: reader.header.fields,
    rows: records.map((r) => [r.line, ...r.fields]),
    reader,
  };
}

/** The usage error that reading throws (fails the test if none is thrown). */
async function failure(bytes: Buffer | string, size = Infinity, encoding: Encoding = 'auto'): Promise<XinfangError> {
  try {
    await read(bytes, size, encoding);
  } catch (e) {
    expect(e).toBeInstanceOf(XinfangError);
    expect((e as XinfangError).kind).toBe('usage');
    return e as XinfangError;
  }
  throw new Error('expected a usage error, but the file was read');
}

const SIZES = [1, 2, 3, 4, 5, 7, 64, Infinity];

const SAMPLE = [
  '来文编号,反映人,内容摘要\r\n',
  '甘纪转〔2016〕1号,张三,"反映某某收受购物卡,价值8100元。"\r\n',
  '\r\n', // empty line: skipped, still counted
  '甘纪转〔2016〕2号,"李""四""","1.第一点\r\n2.第二点\n3.第三点"\r\n',
  '甘纪转〔2016〕3号,,\r\n',
  '甘纪转〔2016〕4号,王五,ab"c\r\n', // stray quote in an unquoted field
  '"甘纪转〔2016〕5号",赵六,""\r\n',
].join('');

const SAMPLE_ROWS = [
  [2, '甘纪转〔2016〕1号', '张三', '反映某某收受购物卡,价值8100元。'],
  [4, '甘纪转〔2016〕2号', '李"四"', '1.第一点\r\n2.第二点\n3.第三点'],
  [7, '甘纪转〔2016〕3号', '', ''],
  [8, '甘纪转〔2016〕4号', '王五', 'ab"c'],
  [9, '甘纪转〔2016〕5号', '赵六', ''],
];

describe('openCsv: records', () => {
  for (const size of SIZES) {
    it(`reads quoted fields, "" escapes, embedded line breaks and line numbers (chunks of ${size} bytes)`, async () => {
      const { header, rows: got, reader } = await rows(SAMPLE, size);
      expect(header).toEqual(['来文编号', '反映人', '内容摘要']);
      expect(reader.header.line).toBe(1);
      expect(got).toEqual(SAMPLE_ROWS);
      expect(reader.encoding).toBe('utf-8');
      expect(reader.bom).toBe(false);
      expect(reader.delimiter).toBe(',');
      expect(reader.bytesRead()).toBe(Buffer.byteLength(SAMPLE));
    });
  }

  it('reads LF line ends and a last line without a line end', async () => {
    const { rows: got } = await rows('a,b\n1,2\n"3\n3",4\n5,"6"');
    expect(got).toEqual([[2, '1', '2'], [3, '3\n3', '4'], [5, '5', '6']]);
  });

  it('keeps empty fields, including a trailing one', async () => {
    const { rows: got } = await rows('a,b,c\r\n,,\r\nx,,\r\n,"",y\r\n');
    expect(got).toEqual([[2, '', '', ''], [3, 'x', '', ''], [4, '', '', 'y']]);
  });

  it('skips empty lines anywhere, including before the header and at the end', async () => {
    const { header, reader, rows: got } = await rows('\r\n\r\na,b\r\n\r\n1,2\n\n\n3,4\r\n\r\n\r\n');
    expect(header).toEqual(['a', 'b']);
    expect(reader.header.line).toBe(3);
    expect(got).toEqual([[5, '1', '2'], [8, '3', '4']]);
  });

  it('does not trim and does not check the number of fields', async () => {
    const { rows: got } = await rows('a,b\r\n 1 , 2 ,3\r\nonly\r\n');
    expect(got).toEqual([[2, ' 1 ', ' 2 ', '3'], [3, 'only']]);
  });

  it('keeps a field that starts with spaces before a quote verbatim, as Excel does', async () => {
    const { rows: got } = await rows('a,b\r\n1, "x"\r\n');
    expect(got).toEqual([[2, '1', ' "x"']]);
  });

  for (const size of [1, 2, 3, Infinity]) {
    it(`reads classic Mac files with CR line ends (chunks of ${size})`, async () => {
      const { rows: got } = await rows('a,b\r1,"x\ry"\r\r2,3\r', size);
      expect(got).toEqual([[2, '1', 'x\ry'], [5, '2', '3']]);
    });
  }

  it('hands out the records in order, in batches of at most BATCH_SIZE', async () => {
    const n = BATCH_SIZE * 2 + 17;
    const lines = ['n,text'];
    for (let i = 1; i <= n; i++) lines.push(i % 10 === 0 ? `${i},"multi\nline ${i}"` : `${i},plain ${i}`);
    const text = lines.join('\r\n') + '\r\n';
    const { batches, records } = await read(text, 4096);
    expect(batches.length).toBe(3);
    for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(BATCH_SIZE);
    expect(records.map((r) => Number(r.fields[0]))).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    // Every tenth record takes two lines, so record i starts on line i + 1 + floor((i - 1) / 10).
    expect(records.every((r, i) => r.line === i + 2 + Math.floor(i / 10))).toBe(true);
    expect(records[9]!.fields[1]).toBe('multi\nline 10');
  });

  it('can be iterated only once', async () => {
    const reader = await openCsv(chunks(Buffer.from('a\r\n1\r\n'), Infinity), { encoding: 'auto' });
    for await (const _ of reader.batches()) void _;
    expect(() => reader.batches()).toThrow();
  });

  it('closes the input when the consumer stops early', async () => {
    let closed = false;
    async function* source() {
      try {
        yield Buffer.from('a,b\r\n');
        for (let i = 0; ; i++) yield Buffer.from(`${i},x\r\n`.repeat(100));
      } finally {
        closed = true;
      }
    }
    const reader = await openCsv(source(), { encoding: 'auto' });
    for await (const batch of reader.batches()) {
      expect(batch.length).toBeGreaterThan(0);
      break;
    }
    expect(closed).toBe(true);
  });

  it('reads a Node stream', async () => {
    const { Readable } = await import('node:stream');
    const reader = await openCsv(Readable.from([Buffer.from('a,b\r\n1,'), Buffer.from('2\r\n')]), { encoding: 'auto' });
    const records: CsvRecord[] = [];
    for await (const batch of reader.batches()) records.push(...batch);
    expect(records).toEqual([{ line: 2, fields: ['1', '2'] }]);
  });
});

describe('openCsv: delimiter', () => {
  for (const size of [1, 3, Infinity]) {
    it(`detects semicolons from the header line (chunks of ${size})`, async () => {
      const { reader, header, rows: got } = await rows('来文编号;反映人;摘要\r\n1;张三;"a;b,c"\r\n2;李四;x,y\r\n', size);
      expect(reader.delimiter).toBe(';');
      expect(header).toEqual(['来文编号', '反映人', '摘要']);
      expect(got).toEqual([[2, '1', '张三', 'a;b,c'], [3, '2', '李四', 'x,y']]);
    });

    it(`detects tabs from the header line (chunks of ${size})`, async () => {
      const { reader, rows: got } = await rows('来文编号\t反映人\t摘要\n1\t张三\t"a\tb"\n2\t李,四\t;\n', size);
      expect(reader.delimiter).toBe('\t');
      expect(got).toEqual([[2, '1', '张三', 'a\tb'], [3, '2', '李,四', ';']]);
    });
  }

  it('counts only delimiters outside quotes in the header', async () => {
    const { reader, header } = await rows('"a;b;c",d\r\n1,2\r\n');
    expect(reader.delimiter).toBe(',');
    expect(header).toEqual(['a;b;c', 'd']);
  });

  it('takes the comma for a single-column file', async () => {
    const { reader, rows: got } = await rows('摘要\r\n一\r\n二\r\n');
    expect(reader.delimiter).toBe(',');
    expect(got).toEqual([[2, '一'], [3, '二']]);
  });
});

describe('openCsv: encodings', () => {
  const gbText = SAMPLE;

  for (const size of [1, 2, 3, 5, 7, Infinity]) {
    it(`drops a UTF-8 BOM (chunks of ${size})`, async () => {
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE)]);
      const { reader, header, rows: got } = await rows(bytes, size);
      expect(reader.bom).toBe(true);
      expect(reader.encoding).toBe('utf-8');
      expect(header[0]).toBe('来文编号');
      expect(got).toEqual(SAMPLE_ROWS);
      expect(reader.bytesRead()).toBe(bytes.length);
    });

    it(`detects GB18030 and decodes it across chunk boundaries (chunks of ${size})`, async () => {
      const { reader, header, rows: got } = await rows(iconv.encode(gbText, 'gb18030'), size);
      expect(reader.encoding).toBe('gb18030');
      expect(reader.bom).toBe(false);
      expect(header).toEqual(['来文编号', '反映人', '内容摘要']);
      expect(got).toEqual(SAMPLE_ROWS);
    });

    it(`understands a GB18030 BOM (chunks of ${size})`, async () => {
      const bytes = Buffer.concat([Buffer.from([0x84, 0x31, 0x95, 0x33]), iconv.encode(gbText, 'gb18030')]);
      const { reader, header, rows: got } = await rows(bytes, size);
      expect(reader.encoding).toBe('gb18030');
      expect(reader.bom).toBe(true);
      expect(header[0]).toBe('来文编号');
      expect(got).toEqual(SAMPLE_ROWS);
    });
  }

  it('decodes four-byte GB18030 characters (outside GBK) split across chunks', async () => {
    const text = '姓名,备注\r\n䶮,𠀀😀€\r\n';
    for (const size of [1, 2, 3, 5, Infinity]) {
      const { reader, rows: got } = await rows(iconv.encode(text, 'gb18030'), size);
      expect(reader.encoding).toBe('gb18030');
      expect(got).toEqual([[2, '䶮', '𠀀😀€']]);
    }
  });

  it('reads a GB18030 file given as such, even when its start is pure ASCII', async () => {
    const bytes = iconv.encode('ref,name\r\nA1,张三\r\n', 'gb18030');
    const { reader, rows: got } = await rows(bytes, 3, 'gb18030');
    expect(reader.encoding).toBe('gb18030');
    expect(got).toEqual([[2, 'A1', '张三']]);
  });

  it('takes a UTF-8 file as UTF-8 when its first megabyte is pure ASCII', async () => {
    const ascii = 'ref,name\r\n' + 'A1,plain\r\n'.repeat(120_000); // 1.2 MB of ASCII
    const { reader, rows: got } = await rows(ascii + 'A2,张三\r\n', 65536);
    expect(reader.encoding).toBe('utf-8');
    expect(got.at(-1)).toEqual([120_002, 'A2', '张三']);
  });

  it('names the line and suggests --encoding gb18030 when a file read as UTF-8 turns out not to be', async () => {
    // 100 KB of Chinese UTF-8 decides UTF-8; line 2002 is GBK.
    const lines = ['来文编号,反映人,内容摘要'];
    for (let i = 1; i <= 2000; i++) lines.push(`甘纪转〔2016〕${i}号,张三,"反映某某收受购物卡,\n价值8100元。"`);
    const head = Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
    const bad = iconv.encode('甘纪转〔2016〕9999号,李四,违规发放津贴\r\n', 'gbk');
    const tail = Buffer.from('1,2,3\r\n', 'utf8');
    expect(head.length).toBeGreaterThan(65536);
    const expectedLine = 1 + 2000 * 2 + 1;
    for (const size of [65536, 4096, 7, Infinity]) {
      const e = await failure(Buffer.concat([head, bad, tail]), size);
      expect(e.text.en).toContain(`line ${expectedLine}:`);
      expect(e.text.en).toContain('UTF-8');
      expect(e.text.zh).toContain(`第 ${expectedLine} 行`);
      expect(e.hint?.en).toContain('--encoding gb18030');
    }
  });

  it('takes a file as GB18030 when its first non-ASCII bytes are not UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('ref,name\r\n' + 'A1,x\r\n'.repeat(20_000)), iconv.encode('A3,张三\r\n', 'gbk')]);
    const { reader, rows: got } = await rows(bytes, 65536);
    expect(reader.encoding).toBe('gb18030');
    expect(got.at(-1)).toEqual([20_002, 'A3', '张三']);
  });

  it('names the line of invalid UTF-8 after a pure-ASCII first megabyte', async () => {
    const ascii = Buffer.from('ref,name\r\n' + 'A1,plain\r\n'.repeat(120_000));
    const bytes = Buffer.concat([ascii, iconv.encode('A3,张三\r\n', 'gbk')]);
    for (const size of [65536, Infinity]) {
      const e = await failure(bytes, size);
      expect(e.text.en).toContain('line 120002:');
      expect(e.hint?.en).toContain('--encoding gb18030');
    }
  });

  it('names the right line when the chunk with the bad byte starts inside a character', async () => {
    // Chunks of 4: "a,b\n" "xx\xE5\xBC" "\xA0\ny\xFF": 张 (E5 BC A0) straddles the boundary.
    const bytes = Buffer.concat([Buffer.from('a,b\nxx张\ny'), Buffer.from([0xff, 0x0a])]);
    const e = await failure(bytes, 4, 'utf-8');
    expect(e.text.en).toContain('line 3:');
  });

  it('names the last line when UTF-8 ends in the middle of a character', async () => {
    const bytes = Buffer.from('ref,name\r\nA1,张三\r\nA2,李', 'utf8');
    for (const size of [1, 4, Infinity]) {
      const e = await failure(bytes.subarray(0, bytes.length - 1), size, 'utf-8');
      expect(e.text.en).toContain('line 3:');
    }
  });

  it('names the line of bytes that are not GB18030 either', async () => {
    const lines = ['来文编号,反映人'];
    for (let i = 1; i <= 3000; i++) lines.push(`${i},张三`);
    const bytes = Buffer.concat([iconv.encode(lines.join('\r\n') + '\r\n', 'gb18030'), Buffer.from([0x41, 0xff, 0x0d, 0x0a])]);
    for (const size of [5, 4096, Infinity]) {
      const e = await failure(bytes, size);
      expect(e.text.en).toContain('line 3002:');
      expect(e.text.en).toContain('GB18030');
    }
  });
});

describe('openCsv: what is not a readable CSV file', () => {
  it('refuses an empty file', async () => {
    for (const content of ['', '\r\n\r\n\n', '\ufeff']) {
      const e = await failure(content);
      expect(e.text.en).toBe('the file is empty');
      expect(e.text.zh).toBe('文件是空的');
    }
  });

  it('gives the header and no batches for a header-only file', async () => {
    for (const content of ['a,b', 'a,b\r\n', 'a,b\r\n\r\n', '\ufeffa,b\n']) {
      const { reader, batches } = await read(content, 2);
      expect(reader.header).toEqual({ line: 1, fields: ['a', 'b'] });
      expect(batches).toEqual([]);
    }
  });

  for (const size of [1, 3, Infinity]) {
    it(`names the line where a record with an unclosed quote starts (chunks of ${size})`, async () => {
      const e = await failure('a,b\r\n1,2\r\n3,"the file\r\nis cut off', size);
      expect(e.text.en).toContain('line 3:');
      expect(e.text.en).toContain('unclosed quote');
      expect(e.text.zh).toContain('第 3 行');
    });

    it(`rejects text between a closing quote and the delimiter, naming its line (chunks of ${size})`, async () => {
      const e = await failure('a,b\r\n1,2\r\n3,"multi\r\nline"x,4\r\n', size);
      expect(e.text.en).toContain('line 4:');
      expect(e.text.en).toContain('after a closing quote');
      expect(e.text.en).toContain('line"x');
    });
  }

  it('stops at a record that runs over MAX_RECORD_CHARS instead of reading the whole file', async () => {
    const filler = 'x,y\r\n'.repeat(Math.ceil((MAX_RECORD_CHARS * 2) / 5));
    const e = await failure('a,b\r\n1,2\r\n3,"oops\r\n' + filler, 65536);
    expect(e.text.en).toContain('line 3:');
    expect(e.text.en).toContain('unclosed quote');
  });

  it('refuses binary files with NUL bytes', async () => {
    const bytes = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x41, 0x0a]);
    const e = await failure(bytes);
    expect(e.text.en).toMatch(/^not a CSV text file/);
  });

  it('recognises an Excel workbook', async () => {
    const e = await failure(Buffer.from('PK\x03\x04\x14\x00\x06\x00\x08\x00xl/workbook.xml', 'latin1'));
    expect(e.text.en).toMatch(/^not a CSV text file/);
    expect(e.text.en).toContain('.xlsx');
    expect(e.hint?.en).toContain('CSV UTF-8');
  });

  it('explains UTF-16 files', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\tb\r\n1\t2\r\n', 'utf16le')]);
    const e = await failure(bytes);
    expect(e.text.en).toContain('UTF-16');
  });

  it('refuses random bytes without NULs', async () => {
    let seed = 42;
    const bytes = Buffer.alloc(100_000);
    for (let i = 0; i < bytes.length; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      bytes[i] = 1 + ((seed >>> 8) % 255);
    }
    const e = await failure(bytes, 4096);
    expect(e.text.en).toMatch(/^not a CSV text file/);
  });
});

describe('openCsv: random files read back as written', () => {
  // A seeded generator, so that a failure can be reproduced.
  function random(seed: number) {
    return () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
  }
  const PIECES = ['a', 'Z', '9', ' ', ',', ';', '"', '""', '\n', '\r\n', '\r', '张', '〔', '，', '𠀀', '😀', '€', '\t'];

  for (const [seed, encoding, delimiter] of [[1, 'utf-8', ','], [2, 'gb18030', ','], [3, 'utf-8', ';'], [4, 'gb18030', '\t']] as const) {
    it(`seed ${seed}: ${encoding}, delimiter ${JSON.stringify(delimiter)}`, async () => {
      const rnd = random(seed);
      const field = () => {
        let s = '';
        const n = Math.floor(rnd() * 6);
        for (let i = 0; i < n; i++) s += PIECES[Math.floor(rnd() * PIECES.length)];
        return s;
      };
      const quote = (s: string) => (/["\r\n,;\t]/.test(s) || rnd() < 0.1 ? `"${s.replaceAll('"', '""')}"` : s);
      const expected: (string | number)[][] = [];
      let text = ['h1', 'h2', 'h3'].join(delimiter) + '\r\n';
      let line = 2;
      for (let r = 0; r < 300; r++) {
        if (rnd() < 0.05) {
          text += rnd() < 0.5 ? '\n' : '\r\n';
          line++;
        }
        const fields = Array.from({ length: 1 + Math.floor(rnd() * 4) }, field);
        if (fields.length === 1 && fields[0] === '') fields[0] = 'x'; // an empty line is skipped
        const written = fields.map(quote).join(delimiter);
        expected.push([line, ...fields]);
        text += written + (rnd() < 0.5 ? '\n' : '\r\n');
        line += (written.match(/\r\n|\n/g) ?? []).length + 1;
      }
      const bytes = encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'gb18030');
      for (const size of [1, 2, 3, 5, 7, 13, 1000, Infinity]) {
        const { reader, rows: got } = await rows(bytes, size, encoding === 'utf-8' ? 'auto' : 'gb18030');
        expect(reader.delimiter).toBe(delimiter);
        expect(got).toEqual(expected);
      }
    });
  }
});

describe('delimiter below a title line (SPEC 7: spreadsheets as offices save them)', () => {
  it('looks past a title line without delimiters', async () => {
    const text = '甘肃省纪委监委转办信访件清单（2016年6月）\r\n来文编号;收件日期;内容摘要\r\n甘纪转〔2016〕1号;2016-06-03;反映甲事,乙事\r\n';
    const r = await openCsv((async function* () { yield Buffer.from(text); })(), { encoding: 'auto' });
    expect(r.delimiter).toBe(';');
    const rows: string[][] = [];
    for await (const b of r.batches()) for (const rec of b) rows.push(rec.fields);
    expect(rows[1]).toEqual(['甘纪转〔2016〕1号', '2016-06-03', '反映甲事,乙事']);
  });
});
