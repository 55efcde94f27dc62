import type { ControlId } from '../controls/catalog.js';
import type { XmlContent } from '../metadata/xml.js';

/** One metadata component of the baseline: what it is, what its file holds, and which controls it implements. */
export type Component = {
  /** Metadata API type as package.xml names it (`PermissionSet`, `CustomField`, `Settings`). */
  readonly type: string;
  /** `RFC_Billing`, `Patient__c.Birthdate__c`, `Security`. */
  readonly fullName: string;
  /** Root element of the file, which is also the type whose element order applies (`SecuritySettings`). */
  readonly root: string;
  readonly content: XmlContent;
  /**
   * The top-level elements the baseline owns when it writes into a file it did not create. Absent: every element
   * of `content`. Partial components (a standard field) own only these elements even in files they create.
   */
  readonly owned?: readonly string[];
  readonly controls: readonly ControlId[];
  /** The code file of types that have one (an Apex class's `.cls` beside its `.cls-meta.xml`), generated whole. */
  readonly code?: string;
};

/** Controls in catalog-independent but stable order, each once. */
export const controlsOf = (...ids: Array<ControlId | false | undefined>): ControlId[] =>
  [...new Set(ids.filter((id): id is ControlId => Boolean(id)))].sort();

/** User-mode queries and DML (`WITH USER_MODE`, `AccessLevel.USER_MODE`, `insert as user`) compile from Apex 58.0. */
const APEX_MIN_API_VERSION = 58;

/**
 * A generated Apex class: its code and its meta file, at the profile's API version or the first one that compiles
 * user mode, whichever is newer.
 */
export function apexClass(apiVersion: string, fullName: string, code: string, controls: readonly ControlId[]): Component {
  const version = Number(apiVersion) >= APEX_MIN_API_VERSION ? apiVersion : `${APEX_MIN_API_VERSION}.0`;
  return { type: 'ApexClass', fullName, root: 'ApexClass', content: { apiVersion: version, status: 'Active' }, code, controls };
}
