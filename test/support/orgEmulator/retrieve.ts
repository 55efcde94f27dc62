import JSZip from 'jszip';
import { partialParentFile } from './compose.js';
import {
  keyOf,
  mainPathOf,
  parentTypeOf,
  settingsAlias,
  typeByName,
  xmlPathOf,
  type ComponentRef,
} from './metadataTypes.js';
import type { EmulatedOrg, OrgComponent } from './org.js';
import {
  childNamed,
  childrenNamed,
  escapeXml,
  metadataFile,
  parseXml,
  raw,
  textOf,
  textsOf,
  Xml,
  type XmlElement,
} from './xml.js';

/** FileProperties in WSDL element order. */
export type FileProperties = {
  createdById: string;
  createdByName: string;
  createdDate: string;
  fileName: string;
  fullName: string;
  id: string;
  lastModifiedById: string;
  lastModifiedByName: string;
  lastModifiedDate: string;
  manageableState: 'unmanaged';
  type: string;
};
export type RetrieveMessage = { fileName: string; problem: string };
export type RetrieveOutcome = {
  readonly zipFile: Buffer;
  readonly fileProperties: FileProperties[];
  readonly messages: RetrieveMessage[];
};

export type UserInfo = { readonly id: string; readonly name: string };

export const fileProperties = (component: OrgComponent, user: UserInfo, prefix = ''): FileProperties => ({
  createdById: user.id,
  createdByName: user.name,
  createdDate: component.createdDate,
  fileName: `${prefix}${component.fileName}`,
  fullName: component.fullName,
  id: component.id,
  lastModifiedById: user.id,
  lastModifiedByName: user.name,
  lastModifiedDate: component.lastModifiedDate,
  manageableState: 'unmanaged',
  type: component.type,
});

type RequestedTypes = ReadonlyArray<{ readonly name: string; readonly members: readonly string[] }>;

/** `*` names every component of a type, except standard objects (and their standard fields), which must be named. */
function expand(org: EmulatedOrg, typeName: string, members: readonly string[]): string[] {
  const all = org.components().filter((c) => c.type === typeName);
  const custom = typeName === 'CustomObject' || typeName === 'CustomField';
  return members.flatMap((m) =>
    m === '*' ? all.filter((c) => !custom || c.fullName.includes('__')).map((c) => c.fullName) : [m]
  );
}

function packageXml(types: RequestedTypes, version: string | undefined): string {
  const lines = types.flatMap((t) => [
    '<types>',
    ...t.members.map((m) => `    <members>${escapeXml(m)}</members>`),
    `    <name>${escapeXml(t.name)}</name>`,
    '</types>',
  ]);
  return metadataFile('Package', version ? [...lines, `<version>${version}</version>`] : lines);
}

type PackageScope = { readonly objects: ReadonlySet<string>; readonly fields: ReadonlySet<string> };

const packageScope = (found: readonly ComponentRef[]): PackageScope => ({
  objects: new Set(found.filter((r) => r.type === 'CustomObject').map((r) => r.fullName)),
  fields: new Set(found.filter((r) => r.type === 'CustomField').map((r) => r.fullName)),
});

/**
 * A profile as the Metadata API retrieves it: its field and object permissions only for the objects and fields the
 * same retrieve names (the rest of the profile, user permissions among it, whole).
 */
function profileInScope(text: string, scope: PackageScope): string {
  const root = parseXml(text);
  const inScope = (child: XmlElement): boolean => {
    if (child.name === 'fieldPermissions') {
      const field = textOf(child, 'field') ?? '';
      return scope.fields.has(field) || scope.objects.has(field.split('.')[0]);
    }
    if (child.name === 'objectPermissions') return scope.objects.has(textOf(child, 'object') ?? '');
    return true;
  };
  return metadataFile('Profile', root.children.filter(inScope).map((child) => raw(text, child)));
}

/** Builds the retrieve zip: whole files for top-level components, parent files cut down to the children asked for. */
export async function retrieve(
  org: EmulatedOrg,
  request: XmlElement | undefined,
  user: UserInfo,
  now: () => string
): Promise<RetrieveOutcome> {
  const unpackaged = childNamed(request, 'unpackaged');
  const prefix = textOf(request, 'singlePackage') === 'true' ? '' : 'unpackaged/';
  const types = childrenNamed(unpackaged, 'types').map((t) => ({
    name: textOf(t, 'name') ?? '',
    members: textsOf(t, 'members'),
  }));
  const zip = new JSZip();
  const props: FileProperties[] = [];
  const messages: RetrieveMessage[] = [];
  const wholeParents = new Set<string>();
  const partial = new Map<string, { parent: ComponentRef; markups: string[] }>();
  const found: ComponentRef[] = [];
  for (const { name, members } of types) {
    if (!typeByName(name)) {
      messages.push({ fileName: `${prefix}package.xml`, problem: `Entity type: '${name}' is unknown` });
      continue;
    }
    for (const fullName of expand(org, name, members)) {
      if (org.has(name, fullName)) found.push({ type: name, fullName });
      else
        messages.push({
          fileName: `${prefix}package.xml`,
          problem: `Entity of type '${name}' named '${fullName}' cannot be found`,
        });
    }
  }
  const scope = packageScope(found);
  for (const ref of found.filter((r) => !parentTypeOf(r.type))) {
    wholeParents.add(keyOf(ref));
    for (const path of org.filesOf(ref)) {
      const text = org.file(path) ?? '';
      zip.file(`${prefix}${path}`, ref.type === 'Profile' ? profileInScope(text, scope) : text);
    }
  }
  for (const ref of found.filter((r) => parentTypeOf(r.type))) {
    const located = org.findChild(ref);
    if (!located || wholeParents.has(keyOf(located.parent))) continue;
    const entry = partial.get(located.path) ?? { parent: located.parent, markups: [] };
    entry.markups.push(raw(org.file(located.path) ?? '', located.child.element));
    partial.set(located.path, entry);
  }
  for (const [path, { parent, markups }] of partial)
    zip.file(`${prefix}${path}`, partialParentFile(parent.type, markups));
  for (const ref of found) props.push(fileProperties(org.describe(ref), user, prefix));
  zip.file(`${prefix}package.xml`, packageXml(types, textOf(unpackaged, 'version') ?? textOf(request, 'apiVersion')));
  const stamp = now();
  props.push({
    ...fileProperties(
      {
        type: 'Package',
        fullName: `${prefix}package.xml`,
        id: '',
        fileName: 'package.xml',
        createdDate: stamp,
        lastModifiedDate: stamp,
      },
      user,
      prefix
    ),
  });
  const zipFile = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { zipFile, fileProperties: props, messages };
}

/** listMetadata: one FileProperties per component of each queried type (in a folder, for folder types). */
export function listMetadata(org: EmulatedOrg, queries: readonly XmlElement[], user: UserInfo): FileProperties[] {
  return queries.flatMap((query) => {
    const type = textOf(query, 'type') ?? '';
    const folder = textOf(query, 'folder');
    return org
      .components()
      .filter((c) => c.type === type && (!folder || c.fullName.startsWith(`${folder}/`)))
      .map((c) => fileProperties(org.describe(c), user));
  });
}

/** The content of a component as readMetadata returns it: the file's root children, plus its fullName. */
function recordContent(org: EmulatedOrg, ref: ComponentRef): string | undefined {
  if (parentTypeOf(ref.type)) {
    const located = org.findChild(ref);
    if (!located) return undefined;
    const source = org.file(located.path) ?? '';
    const idElement = located.child.childType.idElement;
    const rest = located.child.element.children.filter((c) => c.name !== idElement).map((c) => raw(source, c));
    return [`<${idElement}>${escapeXml(ref.fullName)}</${idElement}>`, ...rest].join('');
  }
  const path = xmlPathOf(ref);
  const root = path ? org.xml(path) : undefined;
  if (!path || !root) return undefined;
  const source = org.file(path) ?? '';
  const parts = [`<fullName>${escapeXml(ref.fullName)}</fullName>`, ...root.children.map((c) => raw(source, c))];
  const main = mainPathOf(ref);
  const content = main && main !== path ? org.file(main) : undefined;
  if (content !== undefined) parts.push(`<content>${Buffer.from(content).toString('base64')}</content>`);
  return parts.join('');
}

/** readMetadata: `<records xsi:type="…">` per name; a name the org lacks gives an empty record, as the API does. */
export function readMetadata(org: EmulatedOrg, typeName: string, fullNames: readonly string[]): Xml {
  const isSettings = settingsAlias(typeName) !== undefined;
  const records = fullNames.map((fullName) => {
    const ref = isSettings ? { type: 'Settings', fullName } : { type: typeName, fullName };
    const content = org.has(ref.type, ref.fullName) ? recordContent(org, ref) : undefined;
    return `<records xsi:type="${escapeXml(typeName)}">${content ?? ''}</records>`;
  });
  return new Xml(records.join(''));
}
