import type { MetadataType } from '@salesforce/source-deploy-retrieve';
import type { IdFactory } from './ids.js';
import {
  childTypesOf,
  componentOfPath,
  filesOf,
  keyOf,
  mainPathOf,
  parentTypeOf,
  typeByName,
  xmlPathOf,
  type ChildTypeInfo,
  type ComponentRef,
} from './metadataTypes.js';
import { metadataFile, parseXml, textOf, type XmlElement } from './xml.js';

export type { ComponentRef } from './metadataTypes.js';

/** What listMetadata and retrieve report about a component. */
export type OrgComponent = ComponentRef & {
  readonly id: string;
  readonly fileName: string;
  readonly createdDate: string;
  readonly lastModifiedDate: string;
};

/** One child (a field of an object, a label of CustomLabels) inside its parent's file. */
export type ChildElement = ComponentRef & { readonly element: XmlElement; readonly childType: ChildTypeInfo };

/** Children of a parent file, named as package.xml names them (`Patient__c.SSN__c`). */
export function childElements(parent: MetadataType, parentFullName: string, root: XmlElement): ChildElement[] {
  const out: ChildElement[] = [];
  const byElement = new Map(childTypesOf(parent).map((c) => [c.element, c]));
  for (const element of root.children) {
    const childType = byElement.get(element.name);
    const id = childType ? textOf(element, childType.idElement) : undefined;
    if (!childType || !id) continue;
    out.push({
      type: childType.name,
      fullName: childType.ignoreParentName ? id : `${parentFullName}.${id}`,
      element,
      childType,
    });
  }
  return out;
}

type StandardField = readonly [name: string, type: string];
/** Standard objects every org has, with the standard fields permission sets commonly name. */
const STANDARD_OBJECTS: Readonly<Record<string, readonly StandardField[]>> = {
  Account: [
    ['AccountNumber', 'Text'],
    ['AnnualRevenue', 'Currency'],
    ['BillingAddress', 'Address'],
    ['BillingCity', 'Text'],
    ['BillingStreet', 'TextArea'],
    ['Description', 'LongTextArea'],
    ['Industry', 'Picklist'],
    ['Name', 'Text'],
    ['OwnerId', 'Lookup'],
    ['Phone', 'Phone'],
    ['Website', 'Url'],
  ],
  Contact: [
    ['AccountId', 'Lookup'],
    ['Birthdate', 'Date'],
    ['Description', 'LongTextArea'],
    ['Email', 'Email'],
    ['FirstName', 'Text'],
    ['HomePhone', 'Phone'],
    ['LastName', 'Text'],
    ['MailingAddress', 'Address'],
    ['MailingCity', 'Text'],
    ['MailingPostalCode', 'Text'],
    ['MailingState', 'Text'],
    ['MailingStreet', 'TextArea'],
    ['MobilePhone', 'Phone'],
    ['OwnerId', 'Lookup'],
    ['Phone', 'Phone'],
    ['Title', 'Text'],
  ],
  Case: [
    ['AccountId', 'Lookup'],
    ['ContactId', 'Lookup'],
    ['Description', 'LongTextArea'],
    ['Origin', 'Picklist'],
    ['OwnerId', 'Lookup'],
    ['Priority', 'Picklist'],
    ['Status', 'Picklist'],
    ['Subject', 'Text'],
    ['SuppliedEmail', 'Email'],
    ['SuppliedPhone', 'Phone'],
  ],
  User: [
    ['Department', 'Text'],
    ['Email', 'Email'],
    ['MobilePhone', 'Phone'],
    ['Phone', 'Phone'],
    ['Title', 'Text'],
    ['Username', 'Text'],
  ],
};

const standardObjectFile = (fields: readonly StandardField[]): string =>
  metadataFile(
    'CustomObject',
    fields.flatMap(([name, type]) => [
      '<fields>',
      `    <fullName>${name}</fullName>`,
      `    <type>${type}</type>`,
      '</fields>',
    ])
  );

type RecordInfo = { id: string; createdDate: string; lastModifiedDate: string };

/**
 * The org's metadata, kept as files in metadata format (the deploy zip's layout): `objects/Patient__c.object` with its
 * fields inside, `classes/Foo.cls` next to `classes/Foo.cls-meta.xml`. Tests seed or tamper it with setFile.
 */
export class EmulatedOrg {
  private readonly store = new Map<string, string>();
  private readonly records = new Map<string, RecordInfo>();
  private readonly parsed = new Map<string, { content: string; root: XmlElement | undefined }>();

  public constructor(
    private readonly ids: IdFactory,
    private readonly now: () => string = (): string => new Date().toISOString()
  ) {
    for (const [name, fields] of Object.entries(STANDARD_OBJECTS))
      this.store.set(`objects/${name}.object`, standardObjectFile(fields));
  }

  public paths(): string[] {
    return [...this.store.keys()].sort();
  }

  public file(path: string): string | undefined {
    return this.store.get(path);
  }

  public setFile(path: string, content: string): void {
    this.store.set(path, content);
    const owner = componentOfPath(path);
    if (owner) this.touch(owner);
  }

  public deleteFile(path: string): void {
    this.store.delete(path);
  }

  /** Every component, with the children (e.g. CustomField `Contact.Birthdate`) found inside parent files. */
  public components(): ComponentRef[] {
    const out = new Map<string, ComponentRef>();
    for (const path of this.store.keys()) {
      const ref = componentOfPath(path);
      if (!ref || out.has(keyOf(ref))) continue;
      out.set(keyOf(ref), ref);
      for (const child of this.children(ref)) out.set(keyOf(child), { type: child.type, fullName: child.fullName });
    }
    return [...out.values()].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  }

  public has(type: string, fullName: string): boolean {
    const parent = parentTypeOf(type);
    if (parent) return this.findChild({ type, fullName }) !== undefined;
    return this.filesOf({ type, fullName }).length > 0;
  }

  /** Files of a top-level component. */
  public filesOf(ref: ComponentRef): string[] {
    return filesOf(ref, this.store.keys());
  }

  /** The parsed XML of a stored file, or undefined when absent or malformed. */
  public xml(path: string): XmlElement | undefined {
    const content = this.store.get(path);
    if (content === undefined) return undefined;
    const cached = this.parsed.get(path);
    if (cached?.content === content) return cached.root;
    let root: XmlElement | undefined;
    try {
      root = parseXml(content);
    } catch {
      root = undefined;
    }
    this.parsed.set(path, { content, root });
    return root;
  }

  /** Children inside a top-level component's file. */
  public children(ref: ComponentRef): ChildElement[] {
    const type = typeByName(ref.type);
    const path = xmlPathOf(ref);
    const root = path ? this.xml(path) : undefined;
    return type?.children && root ? childElements(type, ref.fullName, root) : [];
  }

  /** A child component with the parent it lives in. */
  public findChild(ref: ComponentRef): { parent: ComponentRef; path: string; child: ChildElement } | undefined {
    const parentType = parentTypeOf(ref.type);
    if (!parentType) return undefined;
    const dot = ref.fullName.indexOf('.');
    const candidates =
      dot > 0 && !childTypesOf(parentType).find((c) => c.name === ref.type)?.ignoreParentName
        ? [{ type: parentType.name, fullName: ref.fullName.slice(0, dot) }]
        : this.components().filter((c) => c.type === parentType.name);
    for (const parent of candidates) {
      const child = this.children(parent).find((c) => c.type === ref.type && c.fullName === ref.fullName);
      const path = xmlPathOf(parent);
      if (child && path) return { parent, path, child };
    }
    return undefined;
  }

  /** Id and dates of a component; a component gets its id the first time it is seen, as records do. */
  public describe(ref: ComponentRef): OrgComponent {
    const parentType = parentTypeOf(ref.type);
    const parent = parentType
      ? this.findChild(ref)?.parent ?? { type: parentType.name, fullName: ref.fullName.split('.')[0] }
      : undefined;
    const fileName = mainPathOf(parent ?? ref) ?? '';
    return { ...ref, ...this.record(ref), fileName };
  }

  /** Marks a component changed now (created if new). */
  public touch(ref: ComponentRef): void {
    const record = this.record(ref);
    record.lastModifiedDate = this.now();
  }

  private record(ref: ComponentRef): RecordInfo {
    let record = this.records.get(keyOf(ref));
    if (!record) {
      const now = this.now();
      record = { id: this.ids.next(ref.type), createdDate: now, lastModifiedDate: now };
      this.records.set(keyOf(ref), record);
    }
    return record;
  }
}
