import { XMLParser } from 'fast-xml-parser';
import { ELEMENT_ORDER } from '../metadata/elementOrder.js';
import { elementSince } from '../metadata/versions.js';
import type { XmlContent } from '../metadata/xml.js';

/** A metadata file as comparable data: every element name maps to its occurrences, text or nested elements. */
export type Tree = { readonly [element: string]: ReadonlyArray<string | Tree> };

// jPath off: no callback needs an element's path, and building it for every element is most of a large parse.
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, jPath: false, isArray: (): boolean => true, ignoreDeclaration: true });

/** The root element's content of a metadata file (`<PermissionSet>…</PermissionSet>`). */
export function parseTree(text: string): Tree {
  const doc = parser.parse(text) as Record<string, unknown[]>;
  const root = Object.values(doc)[0]?.[0];
  return typeof root === 'object' && root !== null ? (root as Tree) : {};
}

/** A baseline component's content as the file generate writes would parse: text values, elements `apiVersion` knows. */
export function treeOf(type: string, content: XmlContent, apiVersion: number): Tree {
  const children = ELEMENT_ORDER[type]?.children ?? {};
  const tree: Record<string, Array<string | Tree>> = {};
  for (const [name, value] of Object.entries(content)) {
    if (value === undefined || elementSince(type, name) > apiVersion) continue;
    tree[name] = (Array.isArray(value) ? value : [value]).map((item: unknown) =>
      typeof item === 'object' && item !== null ? treeOf(children[name] ?? name, item as XmlContent, apiVersion) : String(item)
    );
  }
  return tree;
}

/** Elements whose value identifies one of their repeated parents (`fieldPermissions` by `field`). */
const IDENTIFIERS = ['fullName', 'name', 'field', 'object', 'apexClass', 'apexPage', 'entityName', 'tab', 'recordType', 'user', 'developerName', 'externalCredential', 'label'];

export const isTree = (value: string | Tree | undefined): value is Tree => typeof value === 'object';

/** The element that tells repeated occurrences apart, if each one has it. */
export function identifierOf(items: ReadonlyArray<string | Tree>): string | undefined {
  const trees = items.filter(isTree);
  if (trees.length === 0 || trees.length !== items.length) return undefined;
  return IDENTIFIERS.find((id) => trees.every((t) => typeof t[id]?.[0] === 'string'));
}

export const textOf = (tree: Tree, element: string): string | undefined => {
  const v = tree[element]?.[0];
  return typeof v === 'string' ? v : undefined;
};
