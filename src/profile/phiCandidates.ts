import type { FieldType } from './vocabulary.js';
import { ENCRYPTABLE_TYPES } from './vocabulary.js';

/** A project field that looks like PHI, proposed for review by `profile init --from-project`. */
export type PhiCandidate = {
  readonly object: string;
  readonly field: string;
  readonly type: FieldType;
  readonly category: string;
  /** Why the field was proposed. */
  readonly reason: string;
  /** False when Shield cannot encrypt the field's type: the profile then needs `encrypt: none` and a justification. */
  readonly encryptable: boolean;
};

type Heuristic = { readonly category: string; readonly pattern: RegExp; readonly clue: string };

/**
 * One row per clue, most specific first: the first match decides the category. Patterns run on the field name with
 * `__c` removed and underscores as word breaks, lower-cased (`Patient_SSN__c` → `patient ssn`).
 */
const NAME_HEURISTICS: readonly Heuristic[] = [
  { category: 'ssn', pattern: /\b(ssn|social ?security|social sec|sin)\b/, clue: 'Social Security number' },
  { category: 'mrn', pattern: /\b(mrn|medical ?record|chart ?(number|no|id)|patient ?(number|id))\b/, clue: 'medical record number' },
  { category: 'health-plan', pattern: /\b(insurance|insurer|member ?id|subscriber|policy ?(number|no|id)|health ?plan|payer|medicaid|medicare|beneficiary)\b/, clue: 'health plan identifier' },
  { category: 'dates', pattern: /\b(birth ?date|date ?of ?birth|dob|birthday|birthdate|death|deceased|admi(t|ssion) ?date|discharge|date ?of ?service|visit ?date)\b/, clue: 'date related to an individual' },
  { category: 'clinical', pattern: /\b(diagnos[ie]s|icd(9|10)?|condition|allerg(y|ies)|medication|prescription|rx|treatment|procedure|symptom|clinical|lab ?result|vital|immuni[sz]ation|therapy|psych|mental|chief ?complaint|notes?)\b/, clue: 'health information' },
  { category: 'license', pattern: /\b(license|licence|dea|npi)\b/, clue: 'certificate or license number' },
  { category: 'account', pattern: /\b(account ?(number|no)|bank|iban|routing|card ?number)\b/, clue: 'account number' },
  { category: 'vehicle', pattern: /\b(vin|license ?plate|vehicle)\b/, clue: 'vehicle identifier' },
  { category: 'device', pattern: /\b(device|serial ?(number|no)|imei|udi)\b/, clue: 'device identifier' },
  { category: 'biometric', pattern: /\b(biometric|fingerprint|retina|voice ?print)\b/, clue: 'biometric identifier' },
  { category: 'photo', pattern: /\b(photo|headshot|portrait|face ?image)\b/, clue: 'photograph' },
  { category: 'ip', pattern: /\b(ip ?address|ipv[46])\b/, clue: 'IP address' },
  { category: 'fax', pattern: /\bfax\b/, clue: 'fax number' },
  { category: 'phone', pattern: /\b(phone|mobile|cell|telephone)\b/, clue: 'telephone number' },
  { category: 'email', pattern: /\be ?mail\b/, clue: 'email address' },
  { category: 'address', pattern: /\b(address|street|city|zip|postal ?code|county)\b/, clue: 'geographic subdivision' },
  { category: 'name', pattern: /\b(first ?name|last ?name|middle ?name|full ?name|maiden ?name|patient ?name|guardian)\b/, clue: 'name' },
];

/** Field types that identify a category whatever the field is called. */
const TYPE_HEURISTICS: Readonly<Partial<Record<FieldType, string>>> = { Email: 'email', Phone: 'phone' };

const words = (field: string): string =>
  field
    .replace(/__c$/, '')
    .replace(/^[A-Za-z0-9]+__/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();

/** Proposes PHI candidates among a project's custom fields, in the order given. */
export function proposePhiCandidates(fields: ReadonlyArray<{ object: string; name: string; type: FieldType }>): PhiCandidate[] {
  const out: PhiCandidate[] = [];
  for (const f of fields) {
    const text = words(f.name);
    const byName = NAME_HEURISTICS.find((h) => h.pattern.test(text));
    const byType = TYPE_HEURISTICS[f.type];
    const category = byName?.category ?? byType;
    if (!category) continue;
    out.push({
      object: f.object,
      field: f.name,
      type: f.type,
      category,
      reason: byName ? `name suggests ${byName.clue}` : `${f.type} field`,
      encryptable: ENCRYPTABLE_TYPES.includes(f.type),
    });
  }
  return out;
}
