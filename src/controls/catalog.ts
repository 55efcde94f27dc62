/**
 * The control catalog: the only place in sf-hipaa where a HIPAA citation is written.
 * Generators, the diff, the audit and the evidence report refer to controls by id and read citations from here.
 */

export type Implementation = 'Required' | 'Addressable' | 'Standard';

export type Citation = {
  /** Section of 45 CFR, e.g. `164.312(a)(2)(iv)`. */
  readonly cfr: string;
  readonly name: string;
  /** Standards carry no R/A label of their own; their implementation specifications do. */
  readonly implementation: Implementation;
};

const CITATIONS = {
  '164.308(a)(1)(ii)(D)': { name: 'Information system activity review', implementation: 'Required' },
  '164.308(a)(3)(ii)(A)': { name: 'Authorization and/or supervision', implementation: 'Addressable' },
  '164.308(a)(4)': { name: 'Information access management', implementation: 'Standard' },
  '164.308(a)(4)(ii)(B)': { name: 'Access authorization', implementation: 'Addressable' },
  '164.308(a)(4)(ii)(C)': { name: 'Access establishment and modification', implementation: 'Addressable' },
  '164.308(a)(5)(ii)(C)': { name: 'Log-in monitoring', implementation: 'Addressable' },
  '164.308(a)(5)(ii)(D)': { name: 'Password management', implementation: 'Addressable' },
  '164.310(d)(2)(i)': { name: 'Disposal', implementation: 'Required' },
  '164.312(a)(1)': { name: 'Access control', implementation: 'Standard' },
  '164.312(a)(2)(i)': { name: 'Unique user identification', implementation: 'Required' },
  '164.312(a)(2)(ii)': { name: 'Emergency access procedure', implementation: 'Required' },
  '164.312(a)(2)(iii)': { name: 'Automatic logoff', implementation: 'Addressable' },
  '164.312(a)(2)(iv)': { name: 'Encryption and decryption', implementation: 'Addressable' },
  '164.312(b)': { name: 'Audit controls', implementation: 'Standard' },
  '164.312(c)(1)': { name: 'Integrity', implementation: 'Standard' },
  '164.312(c)(2)': { name: 'Mechanism to authenticate electronic PHI', implementation: 'Addressable' },
  '164.312(d)': { name: 'Person or entity authentication', implementation: 'Standard' },
  '164.312(e)(1)': { name: 'Transmission security', implementation: 'Standard' },
  '164.312(e)(2)(i)': { name: 'Integrity controls (transmission)', implementation: 'Addressable' },
  '164.312(e)(2)(ii)': { name: 'Encryption (transmission)', implementation: 'Addressable' },
  '164.316(b)(2)(i)': { name: 'Documentation time limit (6 years)', implementation: 'Required' },
  '164.502(b)': { name: 'Minimum necessary', implementation: 'Standard' },
  '164.514(d)(2)': { name: 'Minimum necessary uses of PHI', implementation: 'Standard' },
} as const satisfies Record<string, Omit<Citation, 'cfr'>>;

export type CitationId = keyof typeof CITATIONS;

type ControlRow = {
  readonly title: string;
  readonly intent: string;
  readonly citations: readonly CitationId[];
  /** NIST SP 800-53 controls that SP 800-66r2 maps to the citations. */
  readonly nist: readonly string[];
};

/** One row per control. Ids are stable: manifests, reports and suppressions refer to them. */
const CONTROLS = {
  'access.role-permissions': {
    title: 'Role-based access to PHI',
    intent: 'Each workforce role gets one permission set holding exactly the object and field access the profile lists.',
    citations: ['164.312(a)(1)', '164.308(a)(4)', '164.308(a)(4)(ii)(B)', '164.308(a)(4)(ii)(C)'],
    nist: ['AC-1', 'AC-3', 'AC-5', 'AC-6'],
  },
  'access.minimum-necessary': {
    title: 'Minimum necessary field access',
    intent: 'A role reads or edits only the PHI fields or categories it names; every other PHI field is explicitly denied.',
    citations: ['164.502(b)', '164.514(d)(2)'],
    nist: ['AC-6'],
  },
  'access.record-sharing': {
    title: 'Private record sharing for PHI objects',
    intent: 'PHI objects default to Private internal and external sharing so that records are reached only through grants.',
    citations: ['164.312(a)(1)', '164.502(b)'],
    nist: ['AC-3', 'AC-6'],
  },
  'access.privileged-permissions': {
    title: 'No standing privileged permissions',
    intent: 'Permissions that bypass field and record security (View All Data, Modify All Data, Export Reports …) are held by no PHI role.',
    citations: ['164.308(a)(3)(ii)(A)', '164.308(a)(4)(ii)(B)', '164.312(a)(1)'],
    nist: ['AC-2', 'AC-6'],
  },
  'access.emergency': {
    title: 'Emergency (break-glass) access',
    intent: 'Emergency access is session-activated, never standing, and its use notifies the security officer.',
    citations: ['164.312(a)(2)(ii)'],
    nist: ['AC-2', 'AC-3', 'CP-2'],
  },
  'access.unique-user': {
    title: 'Unique user and integration identities',
    intent: 'Integrations authenticate as their own pre-authorized identity, not as a shared or human user.',
    citations: ['164.312(a)(2)(i)'],
    nist: ['AC-2', 'IA-2', 'IA-4', 'IA-8'],
  },
  'auth.automatic-logoff': {
    title: 'Automatic logoff',
    intent: 'Sessions end after the profile timeout, are logged out on timeout, and are locked to the IP and domain they started on.',
    citations: ['164.312(a)(2)(iii)'],
    nist: ['AC-12'],
  },
  'auth.mfa': {
    title: 'Multi-factor authentication',
    intent: 'Every PHI role requires MFA for user-interface logins.',
    citations: ['164.312(d)'],
    nist: ['IA-2', 'IA-3', 'IA-8'],
  },
  'auth.password-policy': {
    title: 'Password management',
    intent: 'Passwords meet the profile length, complexity, history and expiry rules.',
    citations: ['164.308(a)(5)(ii)(D)', '164.312(d)'],
    nist: ['IA-5'],
  },
  'auth.login-monitoring': {
    title: 'Log-in monitoring and lockout',
    intent: 'Repeated failed logins lock the account; login events are stored for review.',
    citations: ['164.308(a)(5)(ii)(C)'],
    nist: ['AC-7', 'AU-6'],
  },
  'encryption.at-rest': {
    title: 'Encryption of PHI at rest',
    intent: 'Every PHI field is encrypted with Shield Platform Encryption, deterministically only where filtering needs it.',
    citations: ['164.312(a)(2)(iv)'],
    nist: ['SC-13', 'SC-28'],
  },
  'encryption.key-management': {
    title: 'Encryption key management',
    intent: 'Encryption policy changes require Manage Encryption Keys, and field history is encrypted with current keys.',
    citations: ['164.312(a)(2)(iv)', '164.312(c)(1)'],
    nist: ['SC-12', 'SC-13'],
  },
  'data.classification': {
    title: 'PHI classification',
    intent: 'Every PHI field is classified (security classification, HIPAA compliance group, category) so that its handling can be traced.',
    citations: ['164.502(b)', '164.514(d)(2)'],
    nist: ['AC-6', 'RA-2'],
  },
  'audit.field-history': {
    title: 'Field history of PHI',
    intent: 'Changes to PHI fields are tracked and the history is kept as long as the profile requires.',
    citations: ['164.312(b)', '164.312(c)(1)', '164.316(b)(2)(i)'],
    nist: ['AU-2', 'AU-3', 'AU-11', 'SI-7'],
  },
  'audit.event-monitoring': {
    title: 'Event monitoring of PHI access',
    intent: 'Event log files and real-time events record who read, exported or queried PHI, for regular review.',
    citations: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
    nist: ['AU-2', 'AU-6', 'AU-12', 'SI-4'],
  },
  'audit.transaction-policies': {
    title: 'Transaction security policies on PHI',
    intent: 'Bulk reads and exports of PHI are blocked, stepped up to MFA or reported as they happen.',
    citations: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.502(b)'],
    nist: ['AU-6', 'AC-6', 'SI-4'],
  },
  'transmission.named-credentials': {
    title: 'Encrypted, credential-managed endpoints',
    intent: 'Outbound calls use HTTPS Named Credentials with External Credentials, never Remote Site Settings.',
    citations: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
    nist: ['SC-8', 'SC-13'],
  },
  'transmission.oauth-scopes': {
    title: 'Minimum OAuth scopes for integrations',
    intent: 'Integration apps are admin-approved, IP-enforced, hold only their listed scopes, and refresh tokens expire.',
    citations: ['164.312(e)(1)', '164.502(b)', '164.312(d)'],
    nist: ['AC-6', 'IA-2', 'SC-8'],
  },
  'disposal.retention': {
    title: 'PHI retention and destruction',
    intent: 'Records past their retention period are destroyed on a schedule, and each run leaves a disposal log.',
    citations: ['164.310(d)(2)(i)'],
    nist: ['MP-6', 'SI-12'],
  },
  'logging.phi-safe': {
    title: 'PHI kept out of logs and error messages',
    intent: 'Application logs and user-facing errors never carry PHI values.',
    citations: ['164.312(b)', '164.502(b)'],
    nist: ['SI-11', 'AU-3'],
  },
} as const satisfies Record<string, ControlRow>;

export type ControlId = keyof typeof CONTROLS;

export type Control = {
  readonly id: ControlId;
  readonly title: string;
  readonly intent: string;
  readonly citations: readonly Citation[];
  readonly nist: readonly string[];
};

const citation = (cfr: CitationId): Citation => Object.freeze({ cfr, ...CITATIONS[cfr] });

export const ControlCatalog: ReadonlyMap<ControlId, Control> = new Map(
  (Object.entries(CONTROLS) as Array<[ControlId, ControlRow]>).map(([id, row]) => [
    id,
    Object.freeze({
      id,
      title: row.title,
      intent: row.intent,
      citations: Object.freeze(row.citations.map(citation)),
      nist: Object.freeze([...row.nist]),
    }),
  ])
);

export const isControlId = (id: string): id is ControlId => Object.prototype.hasOwnProperty.call(CONTROLS, id);

export function getControl(id: ControlId): Control {
  return ControlCatalog.get(id) as Control;
}

/** The citations a set of controls implements, each once, in catalog order. */
export function citationsOf(ids: readonly ControlId[]): Citation[] {
  const seen = new Map<string, Citation>();
  for (const id of ids) for (const c of getControl(id).citations) seen.set(c.cfr, c);
  return [...seen.values()].sort((a, b) => a.cfr.localeCompare(b.cfr, 'en', { numeric: true }));
}

/** `164.312(a)(2)(iv) Encryption and decryption (Addressable)`: how reports print a citation. */
export const formatCitation = (c: Citation): string => `${c.cfr} ${c.name} (${c.implementation})`;
