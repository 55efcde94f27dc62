import type { ErrorObject } from 'ajv';
import { validate } from './generated/profileShape.js';
import type { KeyPath, ProfileIssue } from './issues.js';
import { closest, formatKeyPath, legalValues } from './issues.js';
import { say } from './messages.js';
import type { ProfileSource } from './source.js';

/** Message keys describing the patterns of the schema. */
const PATTERN_HINTS: Readonly<Record<string, string>> = {
  '^[0-9]{2}\\.0$': 'shape.pattern.apiVersion',
  '^([01][0-9]|2[0-3]):[0-5][0-9]$': 'shape.pattern.time',
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}$': 'shape.pattern.date',
};

/** `string "x"`, `number 7`, `a list`, as an error message names the value it refuses. */
const typeName = (v: unknown): string =>
  v === null ? say('value.null') : Array.isArray(v) ? say('value.list') : typeof v === 'object' ? say('value.mapping') : say('value.scalar', [typeof v, JSON.stringify(v)]);

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

type Described = { path: KeyPath; at: 'key' | 'value'; message: string; legal: string };
type Describer = (e: ErrorObject, path: Array<string | number>) => Described;

const value = (path: KeyPath, message: string, legal: string): Described => ({ path, at: 'value', message, legal });

const range: Describer = (e, path) => {
  const limit = (e.params as { limit: number }).limit;
  const bound = `shape.${e.keyword.startsWith('min') ? 'atLeast' : 'atMost'}${e.keyword.endsWith('Length') ? 'Characters' : ''}`;
  return value(path, say('shape.outOfRange', [typeName(e.data)]), say(bound, [limit]));
};
const empty: Describer = (e, path) => value(path, say('shape.empty'), say('shape.empty.legal'));

/** One row per JSON Schema keyword: how its failure reads to a person editing the profile. */
const DESCRIBERS: Readonly<Record<string, Describer>> = {
  additionalProperties: (e, path) => {
    const key = (e.params as { additionalProperty: string }).additionalProperty;
    const allowed = Object.keys((e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
    const guess = closest(key, allowed);
    const legal = guess ? say('shape.unknownKey.guess', [guess, allowed.join(', ')]) : say('shape.unknownKey.legal', [allowed.join(', ')]);
    return { path: [...path, key], at: 'key', message: say('shape.unknownKey', [key]), legal };
  },
  required: (e, path) => {
    const key = (e.params as { missingProperty: string }).missingProperty;
    return { path, at: 'key', message: say('shape.required', [key]), legal: say('shape.required.legal', [key]) };
  },
  enum: (e, path) => value(path, say('shape.notAllowed', [typeName(e.data)]), legalValues((e.params as { allowedValues: unknown[] }).allowedValues, e.data)),
  const: (e, path) => value(path, say('shape.notAllowed', [typeName(e.data)]), JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)),
  type: (e, path) => {
    const expected = String((e.params as { type: string }).type);
    return value(path, say('shape.wrongType', [typeName(e.data)]), say(`shape.type.${expected}`));
  },
  pattern: (e, path) => {
    const pattern = (e.params as { pattern: string }).pattern;
    const hint = PATTERN_HINTS[pattern];
    return value(path, say('shape.wrongForm', [typeName(e.data)]), hint ? say(hint) : say('shape.pattern.other', [pattern]));
  },
  uniqueItems: (e, path) => value(path, say('shape.duplicate'), say('shape.duplicate.legal')),
  minProperties: empty,
  minItems: empty,
  minimum: range,
  maximum: range,
  minLength: range,
  maxLength: range,
};

// A keyword without a row (none in the schema today) keeps ajv's own wording.
const describe: Describer = (e, path) =>
  DESCRIBERS[e.keyword]?.(e, path) ?? value(path, say('shape.invalid', [typeName(e.data), e.message ?? '']), say('shape.invalid.legal'));

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
      legal: d.legal,
    };
  });
}
