// Who may read the files that can hold reporter data (SPEC 5): the registry, its side files,
// rejects files, --output, backups. A pure rule; the store and the command line apply it.

/** The permissions a side file gets, and the group it is given when shared. */
export interface SideFileAccess {
  mode: 0o600 | 0o660;
  /** The group to give the file (the folder's), when it is shared. */
  gid?: number;
}

/**
 * Owner only (0600), or owner and group (0660, in the folder's group) when the folder belongs to
 * a group other than the user's primary group and that group may write there: the office's
 * shared folder, where several clerks with their own accounts work on one registry (SPEC 5).
 * `user` is undefined where POSIX ids do not exist (Windows): owner only.
 */
export function sideFileAccess(folder: { gid: number; mode: number }, user: { gid: number } | undefined): SideFileAccess {
  if (user === undefined) return { mode: 0o600 };
  if (folder.gid !== user.gid && (folder.mode & 0o020) !== 0) return { mode: 0o660, gid: folder.gid };
  return { mode: 0o600 };
}


/**
 * The access of a file that holds reporter data written anywhere for a registry (rejects files,
 * `--output`, exports: SPEC 5): the decision follows the registry's folder, never the folder being
 * written to — a group-writable folder of another group (pub/) must not widen a file to its group.
 * A server registry (PostgreSQL) has no folder of the office's group: owner only. `folder` is
 * undefined when the registry's folder cannot be read: owner only.
 */
export function registryFileAccess(registry: { server: true } | { server: false; folder: { gid: number; mode: number } | undefined }, user: { gid: number } | undefined): SideFileAccess {
  if (registry.server || registry.folder === undefined) return { mode: 0o600 };
  return sideFileAccess(registry.folder, user);
}
