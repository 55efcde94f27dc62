import { RegistryAccess, type MetadataType } from '@salesforce/source-deploy-retrieve';

/** Type ↔ folder/suffix knowledge comes from SDR's registry, so the emulator names files the way the clients do. */
const registry = new RegistryAccess();

export type ComponentRef = { readonly type: string; readonly fullName: string };
export const keyOf = (ref: ComponentRef): string => `${ref.type}#${ref.fullName}`;

export type ChildTypeInfo = {
  readonly name: string;
  /** The element that holds one child inside the parent's file, e.g. `fields` in an object file. */
  readonly element: string;
  /** The element inside a child holding its name. */
  readonly idElement: string;
  /** CustomLabel and similar: the child's fullName is not prefixed with the parent's. */
  readonly ignoreParentName: boolean;
};

export function typeByName(name: string): MetadataType | undefined {
  try {
    return registry.getTypeByName(name);
  } catch {
    return undefined;
  }
}

export const parentTypeOf = (childType: string): MetadataType | undefined => registry.getParentType(childType);

export function childTypesOf(parent: MetadataType): ChildTypeInfo[] {
  return Object.values(parent.children?.types ?? {}).map((child) => ({
    name: child.name,
    element: child.xmlElementName ?? child.directoryName,
    idElement: child.uniqueIdElement ?? 'fullName',
    ignoreParentName: Boolean(child.ignoreParentName),
  }));
}

const byDirectory = new Map<string, MetadataType[]>();
for (const type of Object.values(registry.getRegistry().types)) {
  if (!type.directoryName) continue;
  const list = byDirectory.get(type.directoryName) ?? [];
  list.push(type);
  byDirectory.set(type.directoryName, list);
}

const META_SUFFIX = '-meta.xml';
const isBundle = (type: MetadataType): boolean => type.strategies?.adapter === 'bundle';
const hasContentFile = (type: MetadataType): boolean => type.strategies?.adapter === 'matchingContentFile';

/** The top-level component a metadata-format path (as in a deploy zip, without its package folder) belongs to. */
export function componentOfPath(path: string): ComponentRef | undefined {
  const [dir, ...rest] = path.split('/');
  if (!dir || rest.length === 0) return undefined;
  const relative = rest.join('/');
  const name = relative.endsWith(META_SUFFIX) ? relative.slice(0, -META_SUFFIX.length) : relative;
  for (const type of byDirectory.get(dir) ?? []) {
    if (isBundle(type)) return { type: type.name, fullName: rest[0] };
    if (type.suffix && name.endsWith(`.${type.suffix}`)) {
      return { type: type.name, fullName: name.slice(0, -type.suffix.length - 1) };
    }
  }
  return undefined;
}

/** The file a deploy or retrieve result names for a top-level component, e.g. `classes/Foo.cls`. */
export function mainPathOf(ref: ComponentRef): string | undefined {
  const type = typeByName(ref.type);
  if (!type?.directoryName) return undefined;
  if (isBundle(type) || !type.suffix) return `${type.directoryName}/${ref.fullName}`;
  return `${type.directoryName}/${ref.fullName}.${type.suffix}`;
}

/** The XML file of a top-level component: the `-meta.xml` next to a code file, else the main file. */
export function xmlPathOf(ref: ComponentRef): string | undefined {
  const type = typeByName(ref.type);
  const main = mainPathOf(ref);
  if (!type || !main || isBundle(type)) return undefined;
  return hasContentFile(type) ? `${main}${META_SUFFIX}` : main;
}

/** The files of a top-level component among `paths`. */
export function filesOf(ref: ComponentRef, paths: Iterable<string>): string[] {
  const out: string[] = [];
  for (const path of paths) {
    const owner = componentOfPath(path);
    if (owner && owner.type === ref.type && owner.fullName === ref.fullName) out.push(path);
  }
  return out.sort();
}

/** `Security` for `SecuritySettings`: readMetadata names settings by their own type, files by the short name. */
export function settingsAlias(typeName: string): string | undefined {
  return typeName.endsWith('Settings') && !typeByName(typeName) ? typeName.slice(0, -'Settings'.length) : undefined;
}
