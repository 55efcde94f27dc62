import { Document, isMap, isPair, isScalar } from 'yaml';
import type { PhiCandidate } from './phiCandidates.js';
import { SCAFFOLD_TYPES } from './vocabulary.js';

export type StarterInputs = {
  readonly organization: string;
  readonly apiVersion?: string;
  /** A path editors can resolve to the profile JSON Schema. */
  readonly schemaPath: string;
  /** With candidates, the profile lists them (for review) instead of an example object. */
  readonly candidates?: readonly PhiCandidate[];
};

const HEADER = [
  ' Compliance profile for sf-hipaa. Reference of every key: the profile format in the sf-hipaa documentation.',
  ' Check it with "sf hipaa profile validate"; generate the hardened metadata with "sf hipaa generate".',
  ' Omitted settings take the strict value (15-minute timeout, MFA, history tracking, encryption of every PHI field).',
];

/** The example a profile starts from when the project has no PHI candidates. */
const EXAMPLE_OBJECTS = {
  Patient__c: {
    scaffold: true,
    label: 'Patient',
    fields: {
      Medical_Record_Number__c: { category: 'mrn', type: 'Text', length: 40, encrypt: 'deterministic' },
      Birthdate__c: { category: 'dates', type: 'Date' },
      Diagnosis__c: { category: 'clinical', type: 'LongTextArea', length: 32_768 },
    },
  },
};

const EXAMPLE_ROLES = {
  CareCoordinator: {
    description: 'Schedules care; sees identifiers and the clinical summary',
    objects: { Patient__c: { access: ['read', 'edit'], read: ['category:clinical', 'Birthdate__c', 'Medical_Record_Number__c'], edit: ['Birthdate__c'] } },
  },
  BreakGlass: {
    emergency: true,
    objects: { Patient__c: { access: ['read'], read: ['all'] } },
  },
};

function candidateObjects(candidates: readonly PhiCandidate[]): Record<string, { fields: Record<string, Record<string, unknown>> }> {
  const objects: Record<string, { fields: Record<string, Record<string, unknown>> }> = {};
  for (const c of candidates.filter((x) => x.encryptable)) {
    (objects[c.object] ??= { fields: {} }).fields[c.field] = { category: c.category };
  }
  return objects;
}

function candidateRoles(objects: Record<string, unknown>): Record<string, unknown> {
  const access = Object.fromEntries(Object.keys(objects).map((o) => [o, { access: ['read'], read: [] }]));
  return { CareTeam: { description: 'Starting point: object read access and no PHI field until you list them', objects: access } };
}

const comment = (map: unknown, key: string, text: string): void => {
  if (!isMap(map)) return;
  const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
  if (pair && isScalar(pair.key)) pair.key.commentBefore = text;
};

/** A commented starter profile, as YAML text. Deterministic for the same inputs. */
export function renderStarterProfile(inputs: StarterInputs): string {
  const candidates = inputs.candidates ?? [];
  const listed = candidateObjects(candidates);
  const example = Object.keys(listed).length === 0;
  const content = {
    version: 1,
    organization: inputs.organization,
    prefix: 'HIPAA',
    ...(inputs.apiVersion ? { apiVersion: inputs.apiVersion } : {}),
    phi: { objects: example ? EXAMPLE_OBJECTS : listed },
    roles: example ? EXAMPLE_ROLES : candidateRoles(listed),
    session: { timeoutMinutes: 15 },
    mfa: { required: true },
    monitoring: { notify: ['security.officer@example.org'] },
  };
  const doc = new Document(content);
  doc.commentBefore = [` yaml-language-server: $schema=${inputs.schemaPath}`, '', ...HEADER].join('\n');

  const skipped: string[] = [];
  for (const c of candidates) {
    if (!c.encryptable) {
      skipped.push(` REVIEW: ${c.object}.${c.field} looks like ${c.category} (${c.reason}) but ${c.type} fields cannot be encrypted;`, '   list it with "encrypt: none" and a justification if it holds PHI.');
      continue;
    }
    comment(doc.getIn(['phi', 'objects', c.object, 'fields'], true), c.field, ` REVIEW: proposed as ${c.category} (${c.reason}; ${c.type})`);
    const node = doc.getIn(['phi', 'objects', c.object, 'fields', c.field], true);
    if (isMap(node)) node.flow = true;
  }
  const inventoryNote = example
    ? inputs.candidates
      ? ' No field of the project looks like PHI that can be encrypted: this example shows the format; replace it.'
      : ` Example inventory: scaffold creates the object. Field types that can be scaffolded: ${Object.keys(SCAFFOLD_TYPES).join(', ')}.`
    : ' PHI candidates found in the project. Each is marked for review: remove what is not PHI, correct the categories.';
  comment(doc.getIn(['phi'], true), 'objects', [inventoryNote, ...skipped].join('\n'));
  // One line per object grant reads best: `Patient__c: { access: [read], read: [all] }`.
  const roles = doc.get('roles', true);
  for (const role of isMap(roles) ? roles.items : []) {
    const grants = isMap(role.value) ? role.value.get('objects', true) : undefined;
    for (const grant of isMap(grants) ? grants.items : []) if (isMap(grant.value)) grant.value.flow = true;
  }
  comment(doc.contents, 'roles', ' Each role becomes a permission set with exactly this access; every other PHI field is denied.');
  comment(doc.contents, 'monitoring', ' REVIEW: the usernames that transaction security policies notify.');
  return doc.toString({ lineWidth: 120 });
}
