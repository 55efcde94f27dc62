// Reads the Metadata API schema as @salesforce/types publishes it (lib/metadata.d.ts: one type per WSDL complexType,
// properties in <sequence> order, string-literal unions for enums). Used to generate src/metadata/elementOrder.ts and
// by the tests that check generated XML.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Property = { name: string; type: string; optional: boolean; array: boolean };
export type ComplexType = { name: string; parents: string[]; properties: Property[] };
export type MetadataSchema = { types: Map<string, ComplexType>; enums: Map<string, string[]> };

export const METADATA_DTS = fileURLToPath(new URL('../node_modules/@salesforce/types/lib/metadata.d.ts', import.meta.url));

export function parseMetadataTypes(text = readFileSync(METADATA_DTS, 'utf8')): MetadataSchema {
  const types = new Map<string, ComplexType>();
  const enums = new Map<string, string[]>();
  for (const m of text.matchAll(/^export type (\w+) = ('[^;]*);$/gm)) {
    enums.set(m[1], [...m[2].matchAll(/'([^']*)'/g)].map((v) => v[1]));
  }
  for (const m of text.matchAll(/^export type (\w+) = ((?:\w+ & )*)\{\n([\s\S]*?)\n\};$/gm)) {
    const parents = m[2].split(' & ').map((p) => p.trim()).filter(Boolean);
    const properties = [...m[3].matchAll(/^\s+(\w+)(\??): ([\w.]+?)(\[\])?(?: \| null)?;$/gm)].map((p) => ({
      name: p[1],
      optional: p[2] === '?',
      type: p[3],
      array: p[4] === '[]',
    }));
    types.set(m[1], { name: m[1], parents, properties });
  }
  return { types, enums };
}

/** A type's elements in schema order: inherited ones first, as the WSDL's extension does. */
export function elementsOf(schema: MetadataSchema, typeName: string): Property[] {
  const t = schema.types.get(typeName);
  if (!t) return [];
  return [...t.parents.flatMap((p) => elementsOf(schema, p)), ...t.properties];
}
