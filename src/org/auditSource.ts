import type { SdrComponent } from './sdr.js';

/** A metadata file of the project: its type and name as source-deploy-retrieve resolves them, and its files. */
export type SourceFile = {
  readonly type: string;
  readonly fullName: string;
  /** The `-meta.xml` file. */
  readonly xml: string;
  /** The code file of Apex classes and triggers. */
  readonly content?: string;
};

/** The metadata files of resolved components (`resolveSource`), sorted by path. */
export function readSourceFiles(components: readonly SdrComponent[]): SourceFile[] {
  return components
    .filter((c): c is SdrComponent & { xml: string } => Boolean(c.xml))
    .map((c) => ({
      type: c.type.name,
      fullName: c.fullName,
      xml: c.xml,
      ...(typeof c.content === 'string' && !c.type.children ? { content: c.content } : {}),
    }))
    .sort((a, b) => a.xml.localeCompare(b.xml));
}
