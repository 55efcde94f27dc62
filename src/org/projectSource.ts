import type { ProjectField } from '../profile/context.js';
import type { FieldType } from '../profile/vocabulary.js';
import { FIELD_TYPES } from '../profile/vocabulary.js';

import type { SdrComponent } from './sdr.js';

/** A custom field found in the project's source. */
export type SourceField = ProjectField & { readonly object: string; readonly name: string; readonly path: string };

const isFieldType = (t: unknown): t is FieldType =>
  typeof t === 'string' && (FIELD_TYPES as readonly string[]).includes(t);

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

/** The custom fields among resolved components (`resolveSource`), sorted by object and field name. */
export function readSourceFields(components: readonly SdrComponent[]): SourceField[] {
  return components
    .filter((c) => c.type.name === 'CustomField')
    .map(toSourceField)
    .filter((f): f is SourceField => f !== undefined)
    .sort((a, b) => a.object.localeCompare(b.object) || a.name.localeCompare(b.name));
}
