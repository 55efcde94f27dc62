import { randomBytes } from 'node:crypto';
import { link, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export class FileExistsError extends Error {
  public constructor(public readonly path: string) {
    super(`${path} already exists`);
  }
}

/**
 * Writes a file so that readers see the old content or the new one, never a part. Without `overwrite`, an existing
 * file is left alone and FileExistsError is thrown, even if it appeared while this ran.
 */
export async function writeFileAtomic(path: string, content: string, options: { overwrite: boolean }): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  await writeFile(temp, content, { flag: 'wx' });
  try {
    if (options.overwrite) {
      await rename(temp, path);
    } else {
      await link(temp, path).catch((e: NodeJS.ErrnoException) => {
        throw e.code === 'EEXIST' ? new FileExistsError(path) : e;
      });
    }
  } finally {
    await rm(temp, { force: true });
  }
}
