import { relative } from 'node:path';
import { inventoryFromProfile } from '../audit/inventory.js';
import { forbiddenGrants, locate, type MetadataAuditContext } from '../audit/metadata.js';
import type { Component } from '../baseline/component.js';
import type { SourceFile } from '../org/auditSource.js';
import type { Profile } from '../profile/model.js';
import type { Finding, Location } from '../report/finding.js';
import { auditExcessInParallel } from './excess.js';
import { CLOSED_LISTS, DESCRIPTIVE, ELEMENT_CONTROLS } from './rules.js';
import { identifierOf, isTree, parseTree, textOf, treeOf, type Tree } from './tree.js';

export type CompareInput = {
  readonly profile: Profile;
  /** The baseline, built in memory from the profile. */
  readonly baseline: readonly Component[];
  /** What the org (retrieved) or the source tree has. */
  readonly target: readonly SourceFile[];
  readonly read: (path: string) => string;
  /** Locations are relative to this directory; without it (a retrieved org) findings carry none. */
  readonly root?: string;
};

/** One element whose value differs: `expected` from the baseline, `actual` from the target (absent: not there). */
type Difference = { readonly path: string; readonly expected: string; readonly actual?: string; readonly needle: string };

const same = (a: string, b: string | undefined): boolean => a === b || (b !== undefined && a !== '' && b !== '' && !Number.isNaN(Number(a)) && Number(a) === Number(b));

/** The leaves of an entry, `readable=true, editable=false`, for a message. */
const summary = (tree: Tree): string =>
  Object.entries(tree)
    .flatMap(([k, v]) => v.filter((x): x is string => typeof x === 'string').map((x) => `${k}=${x}`))
    .join(', ');

/** A permission entry that grants nothing is the same as no entry: orgs may leave such entries out. */
const grantsNothing = (tree: Tree, id: string): boolean =>
  Object.entries(tree).every(([k, v]) => k === id || v.every((x) => x === 'false'));

/** An entry of a closed list the baseline does not have: each thing it grants differs from the baseline's "no". */
function unlisted(item: Tree, id: string, path: string, out: Difference[]): void {
  const key = textOf(item, id) ?? '';
  for (const [leaf, values] of Object.entries(item)) {
    if (leaf !== id && values.includes('true')) out.push({ path: `${path}[${key}].${leaf}`, expected: 'false', actual: 'true', needle: `<${id}>${key}</${id}>` });
  }
}

function walkKeyed(items: readonly Tree[], found: ReadonlyArray<string | Tree>, id: string, path: string, closed: boolean, out: Difference[]): void {
  const actual = new Map(found.filter(isTree).map((t) => [textOf(t, id), t]));
  for (const item of items) {
    const key = textOf(item, id) ?? '';
    const needle = `<${id}>${key}</${id}>`;
    const match = actual.get(key);
    if (match) walk(item, match, `${path}[${key}]`, needle, out);
    else if (!grantsNothing(item, id)) out.push({ path: `${path}[${key}]`, expected: summary(item), needle });
  }
  // A closed list: whatever the target grants beyond the baseline's entries (all of it, where the baseline has none).
  if (!closed || !id) return;
  const listed = new Set(items.map((item) => textOf(item, id)));
  for (const [key, item] of actual) if (!listed.has(key)) unlisted(item, id, path, out);
}

/**
 * Every element of `expected` (the baseline's) that `actual` lacks or holds with another value; in the `closed`
 * lists of the top level, also every entry `actual` adds that grants something.
 */
function walk(expected: Tree, actual: Tree | undefined, prefix: string, anchor: string | undefined, out: Difference[], closed: ReadonlySet<string> = new Set()): void {
  for (const name of closed) if (expected[name] === undefined) walkKeyed([], actual?.[name] ?? [], identifierOf(actual?.[name] ?? []) ?? '', name, true, out);
  for (const [name, items] of Object.entries(expected)) {
    if (DESCRIPTIVE.has(name)) continue;
    const path = prefix ? `${prefix}.${name}` : name;
    const found = actual?.[name] ?? [];
    const id = identifierOf(items);
    const trees = items.filter(isTree);
    if (id) walkKeyed(trees, found, id, path, closed.has(name), out);
    else if (trees.length === 1 && items.length === 1) walk(trees[0], found.find(isTree), path, anchor, out);
    else if (trees.length > 0) {
      // Repeated elements nothing identifies are matched in order.
      const others = found.filter(isTree);
      trees.forEach((tree, i) => walk(tree, others[i], `${path}[${i}]`, anchor, out));
    } else compareValues(items, found, path, anchor ?? `<${name}>`, out);
  }
}

/** A value, or a list of values (a group's permission sets), which differs by a member missing or one added. */
function compareValues(items: ReadonlyArray<string | Tree>, found: ReadonlyArray<string | Tree>, path: string, needle: string, out: Difference[]): void {
  const values = items.filter((x): x is string => typeof x === 'string');
  const present = found.filter((x): x is string => typeof x === 'string');
  if (values.length === 1 && present.length <= 1) {
    if (!same(values[0], present[0])) out.push({ path, expected: values[0], ...(present.length ? { actual: present[0] } : {}), needle });
  } else if (values.length !== present.length || values.some((v) => !present.includes(v))) {
    out.push({ path, expected: values.join(', '), ...(present.length ? { actual: present.join(', ') } : {}), needle });
  }
}

function classify(component: Component, element: string): Pick<Finding, 'control' | 'severity'> {
  const row = ELEMENT_CONTROLS.find((r) => r.types.includes(component.type) && r.element.test(element));
  return row ? { control: row.control, severity: row.severity } : { control: component.controls[0], severity: 'medium' };
}

const normalizeCode = (code: string): string => code.replace(/\s+/g, ' ').trim();

function differencesOf(component: Component, file: SourceFile, actual: Tree, read: (path: string) => string, apiVersion: number): Difference[] {
  const out: Difference[] = [];
  walk(treeOf(component.root, component.content, apiVersion), actual, '', undefined, out, new Set(CLOSED_LISTS[component.type] ?? []));
  if (component.code !== undefined && normalizeCode(component.code) !== normalizeCode(file.content ? read(file.content) : '')) {
    out.push({ path: 'body', expected: 'the generated code', actual: 'other code', needle: '<apiVersion>' });
  }
  return out;
}

type Context = MetadataAuditContext & { readonly input: CompareInput };

/** The findings of one baseline component found in the target. */
function componentFindings(component: Component, file: SourceFile, ctx: Context): Finding[] {
  const { input } = ctx;
  const ref = { type: component.type, fullName: component.fullName };
  const text = input.read(file.xml);
  const tree = parseTree(text);
  const findings: Finding[] = differencesOf(component, file, tree, input.read, Number(input.profile.apiVersion)).map((d) => {
    const location: Location | undefined = input.root === undefined ? undefined : locate(text, d.needle, ctx.display(file.xml));
    const message = d.actual === undefined ? `${component.type} ${component.fullName}: ${d.path} is missing; the baseline requires ${d.expected}` : `${component.type} ${component.fullName}: ${d.path} is ${d.actual}; the baseline requires ${d.expected}`;
    return {
      ruleId: d.actual === undefined ? 'baseline-missing' : 'baseline-drift',
      kind: d.actual === undefined ? 'missing' : 'drift',
      ...classify(component, d.path),
      message,
      component: ref,
      element: d.path,
      expected: d.expected,
      ...(d.actual === undefined ? {} : { actual: d.actual }),
      ...(location ? { location } : {}),
    };
  });
  // The comparison looks only at what the baseline sets: a forbidden user permission added to one of its
  // permission sets is excess.
  if (component.type === 'PermissionSet') {
    const grants = (tree.userPermissions ?? []).filter(isTree).map((t) => ({ name: textOf(t, 'name'), enabled: textOf(t, 'enabled') }));
    const excess = forbiddenGrants(file, text, grants, ctx);
    // A forbidden permission added to the set is excess, not also drift.
    const elsewhere = new Set(excess.map((f) => f.element));
    return [...findings.filter((f) => !elsewhere.has(f.element)), ...excess];
  }
  return findings;
}

/**
 * Compares a target (a retrieved org or a source tree) with the baseline of a profile, element by element:
 * `missing` and `drift` on the baseline's own components, `excess` PHI access anywhere (the audit's permission
 * rules over every other permission set and profile). Reads files through `read`, writes nothing.
 */
export async function compareWithBaseline(input: CompareInput): Promise<Finding[]> {
  const index = new Map(input.target.map((f) => [`${f.type}:${f.fullName}`, f]));
  const display = (path: string): string => (input.root === undefined ? path : relative(input.root, path).split('\\').join('/'));
  const ctx: Context = { input, inventory: inventoryFromProfile(input.profile), profile: input.profile, display };
  const own = new Set(input.baseline.map((c) => `${c.type}:${c.fullName}`));
  const holders = input.target.filter((f) => (f.type === 'PermissionSet' || f.type === 'Profile') && !own.has(`${f.type}:${f.fullName}`));
  // The permission sets and profiles outside the baseline are audited meanwhile, on another thread when large.
  const excess = auditExcessInParallel({ files: holders, profile: input.profile, ...(input.root === undefined ? {} : { root: input.root }) });
  // Awaited below; should the comparison here throw first, its failure is not left unhandled.
  excess.catch(() => undefined);
  const findings = input.baseline.flatMap((component): Finding[] => {
    const file = index.get(`${component.type}:${component.fullName}`);
    if (file) return componentFindings(component, file, ctx);
    // The whole component is the element that is missing.
    return [{ ruleId: 'baseline-missing', kind: 'missing', severity: 'high', control: component.controls[0], message: `${component.type} ${component.fullName} is missing`, component: { type: component.type, fullName: component.fullName }, element: component.root, expected: 'present' }];
  });
  const located = input.root !== undefined;
  const asExcess = ({ location, ...f }: Finding): Finding => ({ ...f, kind: 'excess', ...(located && location ? { location } : {}) });
  return [...findings.map((f) => (f.ruleId === 'perm-dangerous' ? asExcess(f) : f)), ...(await excess)];
}
