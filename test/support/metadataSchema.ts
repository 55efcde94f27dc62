import { XMLParser } from 'fast-xml-parser';
import { elementsOf, parseMetadataTypes, type MetadataSchema } from '../../scripts/salesforceTypes.js';

/** The Metadata API schema of @salesforce/types, parsed once. */
export const SCHEMA: MetadataSchema = parseMetadataTypes();

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, parseTagValue: false, commentPropName: '#comment' });
type Node = Record<string, unknown>;
const tagOf = (n: Node): string => Object.keys(n).find((k) => k !== ':@') ?? '';

/**
 * Checks a metadata file against @salesforce/types: the root is a known type in the metadata namespace, every
 * element exists in its type and comes in schema order, nested types (and the root of a `complete` file) have their
 * required elements, and enum,
 * boolean and number values are legal. Returns the problems found (none for a valid file).
 */
export function schemaProblems(xml: string, root: string, options: { complete?: boolean } = {}): string[] {
  const problems: string[] = [];
  const doc = parser.parse(xml) as Node[];
  if (!xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')) problems.push('missing XML declaration');
  const rootNode = doc.find((n) => tagOf(n) === root);
  if (!rootNode) return [...problems, `no <${root}> root`];
  if ((rootNode[':@'] as Record<string, string> | undefined)?.['@_xmlns'] !== 'http://soap.sforce.com/2006/04/metadata') problems.push('root not in the metadata namespace');
  // A file that holds a whole component has the root's required elements too; a partial one (a standard field) not.
  checkType(root, rootNode[root] as Node[], root, options.complete ?? false, problems);
  return problems;
}

function checkType(type: string, children: Node[], where: string, nested: boolean, problems: string[]): void {
  const props = elementsOf(SCHEMA, type);
  if (props.length === 0) return void problems.push(`${where}: unknown type ${type}`);
  let last = -1;
  const seen = new Set<string>();
  for (const child of children) {
    const tag = tagOf(child);
    if (tag === '#comment') continue;
    const index = props.findIndex((p) => p.name === tag);
    if (index < 0) {
      problems.push(`${where}: ${type} has no element <${tag}>`);
      continue;
    }
    if (index < last) problems.push(`${where}: <${tag}> comes after <${props[last].name}>, out of schema order`);
    last = Math.max(last, index);
    const prop = props[index];
    if (seen.has(tag) && !prop.array) problems.push(`${where}: <${tag}> repeated but not a list`);
    seen.add(tag);
    const content = child[tag] as Node[];
    if (SCHEMA.types.has(prop.type)) checkType(prop.type, content, `${where}.${tag}`, true, problems);
    else checkValue(prop.type, String(content[0]?.['#text'] ?? ''), `${where}.${tag}`, problems);
  }
  if (nested) {
    for (const p of props) if (!p.optional && !p.array && p.name !== 'fullName' && !seen.has(p.name)) problems.push(`${where}: required <${p.name}> missing`);
  }
}

function checkValue(type: string, value: string, where: string, problems: string[]): void {
  const allowed = SCHEMA.enums.get(type);
  if (allowed && !allowed.includes(value)) problems.push(`${where}: "${value}" is not a ${type} (${allowed.join(' | ')})`);
  if (type === 'boolean' && value !== 'true' && value !== 'false') problems.push(`${where}: "${value}" is not a boolean`);
  if (type === 'number' && !/^-?\d+(\.\d+)?$/.test(value)) problems.push(`${where}: "${value}" is not a number`);
}
