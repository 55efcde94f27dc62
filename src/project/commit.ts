import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A file to write (with content) or to delete (without). */
export type FileChange = { readonly path: string; readonly content?: string };

export class CommitAbortedError extends Error {
  public constructor() {
    super('interrupted; every file was restored');
  }
}

const sibling = (path: string, kind: string): string => join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.sf-hipaa-${kind}`);

/** Creates a directory and the missing ones above it, recording those it created, outermost first. */
function makeDirs(dir: string, made: string[]): void {
  if (existsSync(dir)) return;
  makeDirs(dirname(dir), made);
  mkdirSync(dir);
  made.push(dir);
}

/**
 * Applies all changes or none. Every new content is first written beside its target; only then are targets swapped
 * in, each previous file kept as a backup until the end. A failure, or an abort (`signal`, e.g. on SIGINT) seen before
 * the end, puts every file and directory back as it was. Synchronous on purpose: the swap is one uninterrupted step.
 */
export function commitChanges(changes: readonly FileChange[], signal?: AbortSignal, onStep?: (done: number) => void): void {
  const madeDirs: string[] = [];
  const staged = new Map<string, string>();
  const swapped: Array<{ path: string; backup?: string }> = [];
  try {
    for (const change of changes) {
      if (change.content === undefined) continue;
      makeDirs(dirname(change.path), madeDirs);
      const temp = sibling(change.path, 'new');
      writeFileSync(temp, change.content, { flag: 'wx' });
      staged.set(change.path, temp);
    }
    for (const change of changes) {
      if (signal?.aborted) throw new CommitAbortedError();
      const backup = existsSync(change.path) ? sibling(change.path, 'old') : undefined;
      if (backup) renameSync(change.path, backup);
      swapped.push({ path: change.path, backup });
      const temp = staged.get(change.path);
      if (temp) renameSync(temp, change.path);
      staged.delete(change.path);
      onStep?.(swapped.length);
    }
    if (signal?.aborted) throw new CommitAbortedError();
  } catch (e) {
    for (const { path, backup } of swapped.reverse()) {
      if (!staged.has(path)) rmSync(path, { force: true });
      if (backup) renameSync(backup, path);
    }
    for (const temp of staged.values()) rmSync(temp, { force: true });
    for (const dir of madeDirs.reverse()) {
      try {
        rmdirSync(dir);
      } catch {
        // not empty: something else was put there meanwhile, so it stays
      }
    }
    throw e;
  }
  for (const { backup } of swapped) if (backup) rmSync(backup, { force: true });
}
