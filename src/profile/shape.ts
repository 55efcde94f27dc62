import type { ErrorObject } from 'ajv';
import { validate } from './generated/profileShape.js';
import type { KeyPath, ProfileIssue } from './issues.js';
import { closest, formatKeyPath, legalValues } from './issues.js';
import type { ProfileSource } from './source.js';

const PATTERN_HINTS: Readonly<Record<string, string>> = {
  '^[0-9]{2}\\.0$': 'a Metadata API version such as "66.0"',
  '^([01][0-9]|2[0-3]):[0-5][0-9]$': 'a 24-hour time such as "02:00"',
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}$': 'a date such as "2027-01-31"',
};

const typeName = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : `${typeof v} ${JSON.stringify(v)}`;

const schemaTypeName: Readonly<Record<string, string>> = {
  object: 'a mapping (key: value)',
  array: 'a list',
  string: 'a string',
  integer: 'a whole number',
  boolean: 'true or false',
};

/** Turns JSON pointer segments into a key path, using the data to tell list indexes from keys. */
function toKeyPath(pointer: string, data: unknown): Array<string | number> {
  const path: Array<string | number> = [];
  let node: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      path.push(Number(seg));
      node = node[Number(seg)];
    } else {
      path.push(seg);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
    }
  }
  return path;
}

type Described = { path: KeyPath; at: 'key' | 'value'; message: string; legal?: string };
type Describer = (e: ErrorObject, path: Array<string | number>) => Described;

const range: Describer = (e, path) => {
  const limit = (e.params as { limit: number }).limit;
  const bound = e.keyword.startsWith('min') ? 'at least' : 'at most';
  const unit = e.keyword.endsWith('Length') ? ` character${limit === 1 ? '' : 's'}` : '';
  return { path, at: 'value', message: `${typeName(e.data)} is out of range`, legal: `${bound} ${limit}${unit}` };
};
const empty: Describer = (e, path) => ({ path, at: 'value', message: 'must not be empty', legal: 'at least one entry' });

/** One row per JSON Schema keyword: how its failure reads to a person editing the profile. */
const DESCRIBERS: Readonly<Record<string, Describer>> = {
  additionalProperties: (e, path) => {
    const key = (e.params as { additionalProperty: string }).additionalProperty;
    const allowed = Object.keys((e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
    const guess = closest(key, allowed);
    return { path: [...path, key], at: 'key', message: `unknown key "${key}"`, legal: `${guess ? `did you mean "${guess}"? ` : ''}keys here: ${allowed.join(', ')}` };
  },
  required: (e, path) => {
    const key = (e.params as { missingProperty: string }).missingProperty;
    return { path, at: 'key', message: `"${key}" is required here`, legal: `add "${key}:"` };
  },
  enum: (e, path) => ({
    path,
    at: 'value',
    message: `${typeName(e.data)} is not allowed`,
    legal: legalValues((e.params as { allowedValues: unknown[] }).allowedValues, e.data),
  }),
  const: (e, path) => ({ path, at: 'value', message: `${typeName(e.data)} is not allowed`, legal: JSON.stringify((e.params as { allowedValue: unknown }).allowedValue) }),
  type: (e, path) => {
    const expected = String((e.params as { type: string }).type);
    return { path, at: 'value', message: `${typeName(e.data)} has the wrong type`, legal: schemaTypeName[expected] ?? expected };
  },
  pattern: (e, path) => {
    const pattern = (e.params as { pattern: string }).pattern;
    return { path, at: 'value', message: `${typeName(e.data)} has the wrong form`, legal: PATTERN_HINTS[pattern] ?? `text matching ${pattern}` };
  },
  uniqueItems: (e, path) => ({ path, at: 'value', message: 'lists the same value twice', legal: 'each value once' }),
  minProperties: empty,
  minItems: empty,
  minimum: range,
  maximum: range,
  minLength: range,
  maxLength: range,
};

const describe: Describer = (e, path) =>
  DESCRIBERS[e.keyword]?.(e, path) ?? { path, at: 'value', message: `${typeName(e.data)} ${e.message ?? 'is not valid'}`, legal: 'see the profile JSON Schema' };

/** Checks the profile's shape against the JSON Schema; every problem is returned, each located in the file. */
export function checkShape(source: ProfileSource): ProfileIssue[] {
  if (validate(source.data)) return [];
  return (validate.errors ?? []).map((e) => {
    const d = describe(e, toKeyPath(e.instancePath, source.data));
    return {
      severity: 'error',
      file: source.file,
      ...source.locate(d.path, d.at),
      keyPath: formatKeyPath(d.path),
      message: d.message,
      ...(d.legal ? { legal: d.legal } : {}),
    };
  });
}
