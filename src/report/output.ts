import { Messages } from '@salesforce/core';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import { writeFileAtomic } from '../project/atomicWrite.js';
import { displayPath } from '../shared/project.js';
import type { Format } from './formats.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-hipaa', 'report');

/** Refuses, before any work is done, a report that would go nowhere: the table written to a file. */
export function checkReportTarget(format: Format, outputFile: string | undefined): void {
  if (format === 'table' && outputFile) throw messages.createError('error.TableToFile');
}

/** Prints a rendered report, or writes it atomically to `outputFile` and says where (`written` words it). */
export async function emitReport(out: Pick<SfCommand<unknown>, 'log' | 'logSuccess'>, text: string, outputFile: string | undefined, written: (file: string) => string): Promise<void> {
  if (!outputFile) {
    out.log(text.trimEnd());
    return;
  }
  await writeFileAtomic(outputFile, text, { overwrite: true });
  out.logSuccess(written(displayPath(outputFile)));
}
