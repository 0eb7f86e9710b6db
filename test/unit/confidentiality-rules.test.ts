// The small rules behind issue 8 items 5 and 9: who may read a side file, who the operator is.
import { describe, expect, it } from 'vitest';
import { chooseOperator } from '../../src/cli/factory.js';
import { sideFileAccess } from '../../src/cli/render/side-file.js';
import { XinfangError } from '../../src/domain/errors.js';
import { csvLine } from '../../src/cli/render/csv.js';

describe('sideFileAccess (SPEC 5)', () => {
  const user = { gid: 1000 };
  it('is owner-only in the user\'s own folders', () => {
    expect(sideFileAccess({ gid: 1000, mode: 0o40775 }, user)).toEqual({ mode: 0o600 });
    expect(sideFileAccess({ gid: 1000, mode: 0o42770 }, user)).toEqual({ mode: 0o600 });
  });
  it('shares with the office group when its folder belongs to that group and the group may write there', () => {
    expect(sideFileAccess({ gid: 2001, mode: 0o42770 }, user)).toEqual({ mode: 0o660, gid: 2001 });
    expect(sideFileAccess({ gid: 2001, mode: 0o40770 }, user)).toEqual({ mode: 0o660, gid: 2001 });
  });
  it('stays owner-only in another group\'s folder the group cannot write (e.g. /tmp is root\'s and world-writable)', () => {
    expect(sideFileAccess({ gid: 0, mode: 0o41777 & ~0o020 }, user)).toEqual({ mode: 0o600 });
    expect(sideFileAccess({ gid: 2001, mode: 0o40750 }, user)).toEqual({ mode: 0o600 });
  });
  it('is owner-only where there are no POSIX ids', () => {
    expect(sideFileAccess({ gid: 2001, mode: 0o42770 }, undefined)).toEqual({ mode: 0o600 });
  });
});

describe('chooseOperator (SPEC 5)', () => {
  const os = () => 'clerk1';
  it('takes --operator trimmed, else XINFANG_OPERATOR, else the OS user', () => {
    expect(chooseOperator(' 李书记 ', 'x', os)).toBe('李书记');
    expect(chooseOperator(undefined, ' 王科长 ', os)).toBe('王科长');
    expect(chooseOperator(undefined, '   ', os)).toBe('clerk1');
    expect(chooseOperator(undefined, undefined, os)).toBe('clerk1');
  });
  it('refuses a blank --operator or one with control characters (exit 2)', () => {
    for (const bad of ['', '  ', '\u3000', 'a\u001b[2J', 'b\u0085']) {
      let e: unknown;
      try { chooseOperator(bad, 'x', os); } catch (err) { e = err; }
      expect(e).toBeInstanceOf(XinfangError);
      expect((e as XinfangError).exitCode).toBe(2);
    }
  });
});

describe('csvLine', () => {
  it('neutralises text cells for people, never numbers, and keeps raw CSV exact', () => {
    expect(csvLine(['=1+1', -5, '@x', 'a,b', '-'])).toBe("'=1+1,-5,'@x,\"a,b\",'-\r\n");
    expect(csvLine(['=1+1', -5, '@x', 'a,b', '-'], { forPeople: false })).toBe('=1+1,-5,@x,"a,b",-\r\n');
    expect(csvLine(['\t=cmd'])).toBe("'\t=cmd\r\n");
  });
});
