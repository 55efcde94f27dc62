import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { loadProfileText } from '../../../src/profile/load.js';
import { EXAMPLE_PROFILE } from '../../support/paths.js';

/**
 * Mutates the bundled example profile thousands of ways. Whatever the input, the loader returns a valid model or
 * problems that each name a key path and a position; it never throws.
 */
const EXAMPLE_TEXT = readFileSync(EXAMPLE_PROFILE, 'utf8');
const EXAMPLE = parse(EXAMPLE_TEXT) as unknown;

type Path = Array<string | number>;

/** Every path to a node of the example, root excluded. */
function paths(node: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => [[...prefix, i], ...paths(v, [...prefix, i])]);
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
  return [];
}
const ALL_PATHS = paths(EXAMPLE);

/** Values that hit the rules: near-miss names, references, URLs, enum neighbours, wrong types. */
const interesting = fc.oneof(
  fc.constantFrom('none', 'all', 'category:clinical', 'category:nope', 'http://ehr.example.org', 'https://x', '../x', 'Patient__c',
    'Bad__Name__c', 'x_', 'full', 'refresh_token', 'deterministic', 'Number', 'Date', 'ViewAllData', 'ApiEnabled', 'never',
    'forever', 'unlimited', 45, 15, 30, 0, -1, 1e9, true, false, null, '', ' ', '__c', 'a'.repeat(90)),
  fc.jsonValue({ maxDepth: 2 })
);

type Mutation =
  | { kind: 'delete'; path: Path }
  | { kind: 'replace'; path: Path; value: unknown }
  | { kind: 'rename'; path: Path; name: string }
  | { kind: 'add'; path: Path; name: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...ALL_PATHS) }),
  fc.record({ kind: fc.constant('replace' as const), path: fc.constantFrom(...ALL_PATHS), value: interesting }),
  fc.record({ kind: fc.constant('rename' as const), path: fc.constantFrom(...ALL_PATHS), name: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('justification', 'Contact', 'access', 'read', 'edit')) }),
  fc.record({ kind: fc.constant('add' as const), path: fc.constantFrom([], ...ALL_PATHS), name: fc.string({ maxLength: 12 }), value: interesting })
);

function apply(root: unknown, m: Mutation): unknown {
  const copy = structuredClone(root);
  const parentPath = m.kind === 'add' ? m.path : m.path.slice(0, -1);
  let parent = copy as Record<string | number, unknown>;
  for (const seg of parentPath) parent = parent[seg] as Record<string | number, unknown>;
  if (m.kind === 'add') {
    if (parent && typeof parent === 'object' && !Array.isArray(parent)) parent[m.name] = m.value;
    return copy;
  }
  const key = m.path[m.path.length - 1];
  if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (m.kind === 'replace') parent[key] = m.value;
  else if (!Array.isArray(parent)) {
    const value = parent[key];
    delete parent[key];
    parent[m.name] = value;
  }
  return copy;
}

function checkOutcome(text: string): void {
  const result = loadProfileText('p.yaml', text);
  if (result.valid) {
    expect(result.profile.roles.length).to.be.greaterThan(0);
    expect(Object.isFrozen(result.profile)).to.be.true;
    return;
  }
  expect(result.errors.length).to.be.greaterThan(0);
  for (const e of result.errors) {
    expect(e.keyPath).to.be.a('string');
    expect(e.line).to.be.at.least(1);
    expect(e.column).to.be.at.least(1);
    expect(e.message).to.be.a('string').and.not.be.empty;
    expect(e.legal).to.be.a('string').and.not.be.empty;
  }
}

describe('profile loading under random mutation (property)', () => {
  it('the example itself is valid', () => {
    expect(loadProfileText('p.yaml', EXAMPLE_TEXT).valid).to.be.true;
  });

  it('returns a model or located problems for up to three structural mutations', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const data = mutations.reduce<unknown>((acc, m) => {
          try {
            return apply(acc, m);
          } catch {
            return acc; // a later mutation may aim below a node an earlier one removed
          }
        }, EXAMPLE);
        checkOutcome(stringify(data));
      }),
      { numRuns: 2000 }
    );
  });

  it('returns a model or located problems when the text itself is damaged', () => {
    fc.assert(
      fc.property(fc.nat(EXAMPLE_TEXT.length), fc.string({ maxLength: 6 }), fc.nat(8), (at, insert, cut) => {
        checkOutcome(EXAMPLE_TEXT.slice(0, at) + insert + EXAMPLE_TEXT.slice(at + cut));
      }),
      { numRuns: 1000 }
    );
  });
});
