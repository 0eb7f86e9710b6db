// Files written beside the registry for people (--output, rejects files) hold items and sometimes
// a reporter's name and phone: they are never readable by others (SPEC 5, issue 8 item 5).
// Each is written under a fresh temporary name created exclusively (O_EXCL: a name planted there
// beforehand, such as a symlink to another file, makes the open fail rather than be written
// through) and renamed into place when complete, so a reader never sees half a file.

import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fchownSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { say, usageError, type Bilingual } from '../../domain/errors.js';

export { sideFileAccess, type SideFileAccess } from '../../domain/access.js';
import { registryFileAccess } from '../../domain/access.js';

/** A postgres:// registry (as store/registry.ts isServerLocation, without loading the store). */
const SERVER_LOCATION = /^postgres(ql)?:\/\//i;

/** The registry's folder as access.ts reads it: undefined for a server registry's stand-in or an unreadable folder. */
function registryFolder(registry: string): { gid: number; mode: number } | undefined {
  try {
    const st = statSync(dirname(resolve(registry)));
    return { gid: st.gid, mode: st.mode };
  } catch {
    return undefined;
  }
}

export interface SideFile {
  /** The descriptor to write to (the temporary file). */
  readonly fd: number;
  readonly target: string;
  /** Appends text (UTF-8) or bytes. */
  write(data: string | Uint8Array): void;
  /** Closes the file and renames it onto the target. */
  commit(): void;
  /** Closes and removes the temporary file; the target is untouched. Safe to call twice. */
  discard(): void;
}

function cannotWrite(target: string, why: Bilingual) {
  return usageError(say(`无法写入 ${target}：${why.zh}`, `cannot write ${target}: ${why.en}`));
}

/** The cause of a failed file operation in the clerk's words. */
function cause(e: unknown): Bilingual {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return say('所在文件夹不存在', 'its folder does not exist');
    case 'ENOTDIR': return say('路径中有一段不是文件夹', 'part of the path is not a folder');
    case 'EISDIR': return say('这是文件夹，不是文件', 'it is a folder, not a file');
    case 'EACCES': case 'EPERM': return say('没有写入权限', 'permission denied');
    case 'ENOSPC': case 'EDQUOT': return say('磁盘空间不足', 'no space left on the disk');
    case 'EROFS': return say('磁盘是只读的', 'the disk is read-only');
    default: return say(`${code ?? ''} ${(e as Error).message}`.trim(), `${code ?? ''} ${(e as Error).message}`.trim());
  }
}

/**
 * Opens a side file that will become `target` on commit, for the registry at `registry` (a file
 * path or a postgres:// URL): owner only, or owner and group when the registry's folder — not the
 * folder written to — belongs to the office's group (SPEC 5, domain/access.ts registryFileAccess).
 * Throws a usage error (exit 2, one line naming the path and the cause) when the folder is missing,
 * the target is a folder, or the file cannot be created.
 */
export function createSideFile(target: string, registry: string): SideFile {
  const folder = dirname(resolve(target));
  let folderStat;
  try {
    folderStat = statSync(folder);
  } catch (e) {
    throw cannotWrite(target, cause(e));
  }
  if (!folderStat.isDirectory()) throw cannotWrite(target, say('路径中有一段不是文件夹', 'part of the path is not a folder'));
  let targetIsFolder = false;
  try {
    targetIsFolder = statSync(target).isDirectory();
  } catch { /* absent: it will be created */ }
  if (targetIsFolder) throw cannotWrite(target, cause({ code: 'EISDIR' }));

  let tmp = '';
  let fd = -1;
  for (let attempt = 0; fd < 0; attempt++) {
    tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      fd = openSync(tmp, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw cannotWrite(target, cause(e));
    }
  }

  const user = typeof process.getuid === 'function' && typeof process.getgid === 'function' ? { uid: process.getuid(), gid: process.getgid() } : undefined;
  const access = SERVER_LOCATION.test(registry.trim())
    ? registryFileAccess({ server: true }, user)
    : registryFileAccess({ server: false, folder: registryFolder(registry) }, user);
  try {
    // The umask may have narrowed the mode further; set it exactly. Sharing needs the folder's
    // group on the file (a folder without the setgid bit gives new files the user's group).
    if (access.gid !== undefined && user) {
      try {
        fchownSync(fd, user.uid, access.gid);
        fchmodSync(fd, access.mode);
      } catch {
        fchmodSync(fd, 0o600); // not a member of the folder's group: keep it to the owner
      }
    } else {
      fchmodSync(fd, 0o600);
    }
  } catch (e) {
    try { closeSync(fd); } catch { /* closed already */ }
    try { unlinkSync(tmp); } catch { /* gone already */ }
    throw cannotWrite(target, cause(e));
  }

  let open = true;
  const discard = () => {
    if (open) {
      open = false;
      try { closeSync(fd); } catch { /* closed already */ }
    }
    try { unlinkSync(tmp); } catch { /* gone already */ }
  };
  return {
    fd, target,
    write: (text) => {
      try {
        if (typeof text === 'string') writeSync(fd, text);
        else writeSync(fd, text);
      } catch (e) {
        discard();
        throw cannotWrite(target, cause(e));
      }
    },
    commit: () => {
      try {
        open = false;
        closeSync(fd);
        renameSync(tmp, target);
      } catch (e) {
        discard();
        throw cannotWrite(target, cause(e));
      }
    },
    discard,
  };
}
