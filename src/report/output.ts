import type { SfCommand } from '@salesforce/sf-plugins-core';
import { writeFileAtomic } from '../project/atomicWrite.js';
import { displayPath } from '../shared/project.js';

/** Prints a rendered report, or writes it atomically to `outputFile` and says where (`written` words it). */
export async function emitReport(out: Pick<SfCommand<unknown>, 'log' | 'logSuccess'>, text: string, outputFile: string | undefined, written: (file: string) => string): Promise<void> {
  if (!outputFile) {
    out.log(text.trimEnd());
    return;
  }
  await writeFileAtomic(outputFile, text, { overwrite: true });
  out.logSuccess(written(displayPath(outputFile)));
}
