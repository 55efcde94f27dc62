import type { ControlId } from '../controls/catalog.js';
import type { EncryptScheme, FieldType, ObjectAccess, PolicyAction, PolicyEvent } from './vocabulary.js';

/**
 * The validated compliance profile with every secure default applied. Immutable (deeply frozen) and plain data, so it
 * serializes to `--json` as is. Everything downstream (generate, diff, audit, evidence) reads this, never the YAML.
 */
export type Profile = {
  readonly file: string;
  readonly version: 1;
  readonly organization: string;
  readonly prefix: string;
  readonly apiVersion: string;
  readonly categories: Readonly<Record<string, string>>;
  readonly objects: readonly PhiObject[];
  readonly roles: readonly Role[];
  readonly encryption: EncryptionPolicy;
  readonly session: SessionPolicy;
  readonly password: PasswordPolicy;
  readonly mfa: { readonly required: boolean };
  readonly monitoring: Monitoring;
  readonly integrations: Integrations;
  readonly admin: AdminPolicy;
  /** Audit findings accepted with a justification. */
  readonly auditExceptions: ReadonlyArray<{ readonly rule: string; readonly component?: string; readonly justification: string }>;
  /** Every control relaxed below the safe floor, with the justification the profile gives for it. */
  readonly relaxations: readonly Relaxation[];
};

export type PhiObject = {
  readonly name: string;
  readonly custom: boolean;
  readonly scaffold: boolean;
  readonly label?: string;
  readonly pluralLabel?: string;
  readonly description?: string;
  readonly fields: readonly PhiField[];
  readonly history: {
    readonly track: boolean;
    /** Field Audit Trail; present only when the profile sets it. */
    readonly retentionPolicy?: { readonly archiveAfterMonths: number; readonly archiveRetentionYears: number; readonly gracePeriodDays: number };
  };
  readonly retention?: Retention;
};

export type PhiField = {
  readonly object: string;
  readonly name: string;
  /** `Object.Field`, as permission sets name it. */
  readonly fullName: string;
  readonly custom: boolean;
  readonly category: string;
  readonly type?: FieldType;
  /** Where the type came from: the profile, the project's field file, or the table of standard fields. */
  readonly typeSource?: 'profile' | 'project' | 'standard';
  readonly label?: string;
  readonly description: string;
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  readonly visibleLines?: number;
  readonly encrypt: EncryptScheme;
  readonly securityClassification: string;
  readonly complianceGroup: 'HIPAA';
  readonly trackHistory: boolean;
};

export type Retention = {
  readonly dateField: string;
  /** What the field holds: the cutoff is a date or a moment. */
  readonly dateType: 'Date' | 'DateTime';
  readonly afterDays: number;
  readonly engine: 'flow' | 'batch';
  readonly schedule: { readonly frequency: 'Once' | 'Daily' | 'Weekly'; readonly time: string; readonly startDate?: string };
};

export type Role = {
  readonly name: string;
  /** `<prefix>_<Role>` */
  readonly permissionSet: string;
  readonly label: string;
  readonly description?: string;
  readonly emergency: boolean;
  readonly includes: readonly string[];
  readonly objects: readonly RoleObjectAccess[];
  /** Sorted; includes `ForceTwoFactor` when MFA is required. */
  readonly userPermissions: readonly string[];
};

export type RoleObjectAccess = {
  readonly object: string;
  readonly access: Readonly<Record<ObjectAccess, boolean>>;
  /** Field full names, sorted. `edit` fields are always in `read`. */
  readonly read: readonly string[];
  readonly edit: readonly string[];
};

export type EncryptionPolicy = {
  readonly defaultScheme: Exclude<EncryptScheme, 'none'>;
  readonly fieldHistory: boolean;
  readonly requireKeyManagerForPolicy: boolean;
  /** True when some field uses a deterministic scheme: only then are deterministic schemes enabled. */
  readonly deterministicUsed: boolean;
};

export type SessionPolicy = {
  readonly timeoutMinutes: number;
  /** Metadata API `SessionTimeout` */
  readonly timeout: string;
  readonly forceLogout: boolean;
  readonly lockToIp: boolean;
  readonly lockToDomain: boolean;
};

export type PasswordPolicy = {
  readonly minLength: number;
  readonly complexity: string;
  readonly expirationDays: number | 'never';
  readonly expiration: string;
  readonly history: number;
  readonly maxLoginAttempts: number | 'unlimited';
  readonly maxLoginAttemptsValue: string;
  readonly lockoutMinutes: number | 'forever';
  readonly lockoutInterval: string;
};

export type Monitoring = {
  readonly storeEvents: readonly string[];
  readonly notify: readonly string[];
  readonly policies: readonly Policy[];
};

/**
 * What a policy's condition class checks: a data event's queried objects and row count (`data`), nothing (`every`
 * event of a type that carries neither), the assignment of an emergency permission set (`emergencyAssignment`), or a
 * data event on PHI by a user whose session has an emergency permission set activated (`emergencyUse`).
 */
export type PolicyCondition = 'data' | 'every' | 'emergencyAssignment' | 'emergencyUse';

export type Policy = {
  readonly name: string;
  readonly description?: string;
  readonly event: PolicyEvent;
  readonly condition: PolicyCondition;
  readonly phiObjects: boolean;
  readonly rowsOver?: number;
  readonly action: PolicyAction;
  readonly message?: string;
  /** Emergency roles whose assignment or use this policy reports; empty for the others. */
  readonly emergencyRoles: readonly string[];
  readonly origin: 'profile' | 'default';
};

export type Integrations = {
  readonly apps: readonly IntegrationApp[];
  readonly endpoints: readonly Endpoint[];
};

export type IntegrationApp = {
  readonly name: string;
  readonly label: string;
  readonly description?: string;
  readonly contactEmail?: string;
  /** OAuth scope tokens as written in the profile, sorted. */
  readonly scopes: readonly string[];
  readonly callbackUrl: string;
  readonly ipRelaxation: string;
  readonly refreshTokenValidityDays?: number;
  readonly sessionTimeoutMinutes: number;
};

export type Endpoint = { readonly name: string; readonly label: string; readonly description?: string; readonly url: string };

export type AdminPolicy = {
  readonly forbiddenUserPermissions: readonly string[];
  readonly allow: ReadonlyArray<{ readonly permission: string; readonly roles: readonly string[]; readonly justification: string }>;
};

export type Relaxation = {
  readonly control: ControlId;
  readonly keyPath: string;
  /** What is relaxed, e.g. `encrypt: none on Contact.Birthdate`. */
  readonly setting: string;
  readonly justification: string;
};
