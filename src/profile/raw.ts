import type { EncryptScheme, FieldType, ObjectAccess, PolicyAction, PolicyEvent } from './vocabulary.js';

/** The profile as written, once its shape has passed the JSON Schema. */
export type RawProfile = {
  version: 1;
  organization: string;
  prefix?: string;
  apiVersion?: string;
  phi: RawPhi;
  roles: Record<string, RawRole>;
  encryption?: { defaultScheme?: Exclude<EncryptScheme, 'none'>; fieldHistory?: boolean; requireKeyManagerForPolicy?: boolean };
  session?: { timeoutMinutes?: number; forceLogout?: boolean; lockToIp?: boolean; lockToDomain?: boolean; justification?: string };
  password?: {
    minLength?: number;
    complexity?: string;
    expirationDays?: number | 'never';
    history?: number;
    maxLoginAttempts?: number | 'unlimited';
    lockoutMinutes?: number | 'forever';
    justification?: string;
  };
  mfa?: { required?: boolean; justification?: string };
  monitoring?: { storeEvents?: string[]; notify?: string[]; policies?: RawPolicy[] };
  integrations?: { apps?: Record<string, RawApp>; endpoints?: Record<string, { url: string; label?: string; description?: string }> };
  audit?: { exceptions?: Array<{ rule: string; component?: string; justification: string }> };
  admin?: { forbiddenUserPermissions?: string[]; allow?: Array<{ permission: string; roles?: string[]; justification: string }> };
};

export type RawPhi = {
  categories?: Record<string, { description: string }>;
  objects: Record<string, RawPhiObject>;
};

export type RawPhiObject = {
  scaffold?: boolean;
  label?: string;
  pluralLabel?: string;
  description?: string;
  fields: Record<string, RawPhiField>;
  history?: {
    track?: boolean;
    archiveAfterMonths?: number;
    archiveRetentionYears?: number;
    gracePeriodDays?: number;
    justification?: string;
  };
  retention?: {
    dateField: string;
    afterDays: number;
    engine?: 'flow' | 'batch';
    schedule?: { frequency?: 'Once' | 'Daily' | 'Weekly'; time?: string; startDate?: string };
  };
};

export type RawPhiField = {
  category: string;
  type?: FieldType;
  label?: string;
  description?: string;
  length?: number;
  precision?: number;
  scale?: number;
  visibleLines?: number;
  encrypt?: EncryptScheme;
  securityClassification?: string;
  history?: { track?: boolean; justification?: string };
  justification?: string;
};

export type RawRole = {
  label?: string;
  description?: string;
  emergency?: boolean;
  includes?: string[];
  objects?: Record<string, { access: ObjectAccess[]; read?: string[]; edit?: string[] }>;
  userPermissions?: string[];
};

export type RawPolicy = {
  name: string;
  description?: string;
  event: PolicyEvent;
  when?: { phiObjects?: boolean; rowsOver?: number };
  action: PolicyAction;
  message?: string;
};

export type RawApp = {
  label?: string;
  description?: string;
  contactEmail?: string;
  scopes: string[];
  callbackUrl: string;
  ipRelaxation?: string;
  refreshTokenValidityDays?: number;
  sessionTimeoutMinutes?: number;
  justification?: string;
};
