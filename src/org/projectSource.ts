import { existsSync } from 'node:fs';
import type { ProjectField } from '../profile/context.js';
import type { FieldType } from '../profile/vocabulary.js';
import { FIELD_TYPES } from '../profile/vocabulary.js';

/** A custom field found in the project's source. */
export type SourceField = ProjectField & { readonly object: string; readonly name: string; readonly path: string };

import { loadSdr } from './sdr.js';

type SdrComponent = import('@salesforce/source-deploy-retrieve').SourceComponent;

const isFieldType = (t: unknown): t is FieldType => typeof t === 'string' && (FIELD_TYPES as readonly string[]).includes(t);

function toSourceField(component: SdrComponent): SourceField | undefined {
  const [object, name] = component.fullName.split('.');
  if (!object || !name || !component.xml) return undefined;
  const xml = component.parseXmlSync();
  const field = (xml.CustomField ?? {}) as { type?: unknown; length?: unknown; label?: unknown };
  if (!isFieldType(field.type)) return undefined;
  const length = Number(field.length);
  return {
    object,
    name,
    path: component.xml,
    type: field.type,
    ...(Number.isInteger(length) && length > 0 ? { length } : {}),
    ...(typeof field.label === 'string' ? { label: field.label } : {}),
  };
}

/**
 * Every CustomField under the given package directories (those that exist), resolved by source-deploy-retrieve (which knows the
 * decomposed object layout and the project's presets), sorted by object and field name.
 */
export function readSourceFields(packageDirs: readonly string[]): SourceField[] {
  const existing = packageDirs.filter((d) => existsSync(d));
  if (existing.length === 0) return [];
  const { ComponentSet } = loadSdr();
  const fields: SourceField[] = [];
  const components = ComponentSet.fromSource({ fsPaths: existing }).getSourceComponents().toArray();
  for (const component of components) {
    const candidates = component.type.name === 'CustomObject' ? component.getChildren() : [component];
    for (const child of candidates) {
      if (child.type.name !== 'CustomField') continue;
      const field = toSourceField(child);
      if (field) fields.push(field);
    }
  }
  return fields.sort((a, b) => a.object.localeCompare(b.object) || a.name.localeCompare(b.name));
}
