// The quick start's demo (examples/demo.sh through the built binary) reads right on a 100-column
// terminal (issue 12): it succeeds, says nothing that reads like a failure, its own lines and every
// table fit 100 columns (the bulletin's paragraphs are prose the terminal wraps), and it prints
// the half-year report the README shows. Needs the build (`npx tsc -p tsconfig.build.json`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/cli/render/table.js';

const DEMO = fileURLToPath(new URL('../../examples/demo.sh', import.meta.url));

describe('npm run demo', () => {
  const out = mkdtempSync(join(tmpdir(), 'xinfang-demo-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('runs, fits a 100-column terminal and prints the half-year report', () => {
    const env = { PATH: process.env.PATH, HOME: out, COLUMNS: '100', XINFANG_DEMO_OUT: join(out, 'demo'), TZ: 'Asia/Shanghai' };
    const r = spawnSync('bash', [DEMO], { env, encoding: 'utf8', timeout: 170_000 });
    expect(r.status, r.stderr).toBe(0);
    for (const line of r.stdout.split('\n')) {
      if (line.startsWith('\u3000\u3000') || line.includes(out)) continue; // bulletin prose; messages naming the scratch folder
      expect(displayWidth(line), line).toBeLessThanOrEqual(100);
    }
    expect(r.stdout).toContain('信访举报统计报表');
    expect(r.stdout).toMatch(/总体情况 · 合计[\s\S]*│ 收件 +│ +71 │ +66 │ +\+7\.6% │/);
    expect(r.stdout).toContain('初核率');
    expect(r.stdout).toMatch(/审计日志完好：共 \d+ 条/);
    expect(r.stderr).toContain('新登记 120 件');
    expect(r.stderr + r.stdout).not.toMatch(/错误|失败|意外|Error|exited/);
  }, 180_000);
});
