/**
 * The closed vocabularies of the compliance profile and how each value maps to the Metadata API.
 * The JSON Schema (schema.ts) and the semantic rules both read these tables, so a value is legal in one place only.
 */

/** The 18 identifiers of 45 CFR 164.514(b)(2), plus clinical data. */
export const BUILT_IN_CATEGORIES: Readonly<Record<string, string>> = {
  name: 'Names',
  address: 'Geographic subdivisions smaller than a state (street, city, ZIP)',
  dates: 'Dates related to an individual (birth, admission, discharge, death)',
  phone: 'Telephone numbers',
  fax: 'Fax numbers',
  email: 'Email addresses',
  ssn: 'Social Security numbers',
  mrn: 'Medical record numbers',
  'health-plan': 'Health plan beneficiary numbers',
  account: 'Account numbers',
  license: 'Certificate and license numbers',
  vehicle: 'Vehicle identifiers and serial numbers, including license plates',
  device: 'Device identifiers and serial numbers',
  url: 'Web URLs',
  ip: 'IP addresses',
  biometric: 'Biometric identifiers, including finger and voice prints',
  photo: 'Full-face photographs and comparable images',
  'other-identifier': 'Any other unique identifying number, characteristic or code',
  clinical: 'Diagnoses, conditions, treatments and other health information',
};

/** Metadata API `FieldType`. */
export const FIELD_TYPES = [
  'AutoNumber', 'Lookup', 'MasterDetail', 'Checkbox', 'Currency', 'Date', 'DateTime', 'Email', 'Number', 'Percent',
  'Phone', 'Picklist', 'MultiselectPicklist', 'Text', 'TextArea', 'LongTextArea', 'Html', 'Url', 'EncryptedText',
  'Summary', 'Hierarchy', 'File', 'MetadataRelationship', 'Location', 'ExternalLookup', 'IndirectLookup',
  'CustomDataType', 'Time', 'Address', 'Array', 'Integer', 'Long',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Field types Shield Platform Encryption can encrypt, and the subset that allows deterministic schemes. */
export const ENCRYPTABLE_TYPES: readonly FieldType[] = ['Text', 'TextArea', 'LongTextArea', 'Html', 'Email', 'Phone', 'Url', 'Date', 'DateTime'];
export const DETERMINISTIC_TYPES: readonly FieldType[] = ['Text', 'TextArea', 'Email', 'Phone', 'Url'];

/** Field types `generate` can scaffold, with the attributes each needs. */
export const SCAFFOLD_TYPES: Readonly<Partial<Record<FieldType, { length?: readonly [number, number]; numeric?: boolean }>>> = {
  Text: { length: [1, 255] },
  TextArea: {},
  LongTextArea: { length: [256, 131_072] },
  Html: { length: [256, 131_072] },
  Email: {},
  Phone: {},
  Url: {},
  Date: {},
  DateTime: {},
  Number: { numeric: true },
  Checkbox: {},
};

export const ENCRYPT_SCHEMES = ['probabilistic', 'deterministic', 'deterministic-ci', 'none'] as const;
export type EncryptScheme = (typeof ENCRYPT_SCHEMES)[number];

/** Profile scheme → CustomField `encryptionScheme`. */
export const ENCRYPTION_SCHEME_ENUM: Readonly<Record<EncryptScheme, string>> = {
  probabilistic: 'ProbabilisticEncryption',
  deterministic: 'CaseSensitiveDeterministicEncryption',
  'deterministic-ci': 'CaseInsensitiveDeterministicEncryption',
  none: 'None',
};

/** `session.timeoutMinutes` → SessionSettings `sessionTimeout`. */
export const SESSION_TIMEOUTS: ReadonlyMap<number, string> = new Map([
  [15, 'FifteenMinutes'],
  [30, 'ThirtyMinutes'],
  [60, 'SixtyMinutes'],
  [90, 'NinetyMinutes'],
  [120, 'TwoHours'],
  [240, 'FourHours'],
  [480, 'EightHours'],
  [720, 'TwelveHours'],
  [1440, 'TwentyFourHours'],
]);

/** `password.expirationDays` → PasswordPolicies `expiration`. */
export const PASSWORD_EXPIRATIONS: ReadonlyMap<number | 'never', string> = new Map<number | 'never', string>([
  [30, 'ThirtyDays'],
  [60, 'SixtyDays'],
  [90, 'NinetyDays'],
  [180, 'SixMonths'],
  [365, 'OneYear'],
  ['never', 'Never'],
]);

/** `password.lockoutMinutes` → PasswordPolicies `lockoutInterval`. */
export const LOCKOUT_INTERVALS: ReadonlyMap<number | 'forever', string> = new Map<number | 'forever', string>([
  [15, 'FifteenMinutes'],
  [30, 'ThirtyMinutes'],
  [60, 'SixtyMinutes'],
  ['forever', 'Forever'],
]);

/** `password.maxLoginAttempts` → PasswordPolicies `maxLoginAttempts`. */
export const LOGIN_ATTEMPTS: ReadonlyMap<number | 'unlimited', string> = new Map<number | 'unlimited', string>([
  [3, 'ThreeAttempts'],
  [5, 'FiveAttempts'],
  [10, 'TenAttempts'],
  ['unlimited', 'NoLimit'],
]);

/** PasswordPolicies `complexity`. */
export const PASSWORD_COMPLEXITIES = [
  'NoRestriction', 'AlphaNumeric', 'SpecialCharacters', 'UpperLowerCaseNumeric',
  'UpperLowerCaseNumericSpecialCharacters', 'Any3UpperLowerCaseNumericSpecialCharacters',
] as const;

export const OBJECT_ACCESS = ['read', 'create', 'edit', 'delete'] as const;
export type ObjectAccess = (typeof OBJECT_ACCESS)[number];

/** Real-Time Event Monitoring storage events (RealTimeEvent `entityName`). */
export const STORAGE_EVENTS = [
  'ApiEvent', 'ApiAnomalyEvent', 'BulkApiResultEvent', 'ConcurLongRunApexErrEvent', 'CredentialStuffingEvent',
  'FileEvent', 'GuestUserAnomalyEvent', 'IdentityVerificationEvent', 'LightningUriEvent', 'ListViewEvent',
  'LoginAsEvent', 'LoginEvent', 'LogoutEvent', 'MobileEmailEvent', 'MobileScreenshotEvent', 'MobileTelephonyEvent',
  'PermissionSetEvent', 'ReportAnomalyEvent', 'ReportEvent', 'SessionHijackingEvent', 'UriEvent',
] as const;

/** Events whose storage object is not the event itself but `<event>Store` (threat detection, bulk results, files). */
export const STORE_SUFFIXED_EVENTS: ReadonlySet<string> = new Set([
  'ApiAnomalyEvent', 'BulkApiResultEvent', 'CredentialStuffingEvent', 'FileEvent', 'GuestUserAnomalyEvent',
  'PermissionSetEvent', 'ReportAnomalyEvent', 'SessionHijackingEvent',
]);

/** TransactionSecurityPolicy `eventName`. */
export const POLICY_EVENTS = [
  'ReportEvent', 'ApiEvent', 'AdminSetupEvent', 'LoginEvent', 'ListViewEvent', 'CredentialStuffingEventStore',
  'ReportAnomalyEventStore', 'SessionHijackingEventStore', 'ApiAnomalyEventStore', 'BulkApiResultEventStore',
  'PermissionSetEventStore', 'FileEventStore', 'GuestUserAnomalyEventStore', 'LoginAsEvent', 'LoginAnomalyEventStore',
  'UniversalAnomalyEventStore',
] as const;
export type PolicyEvent = (typeof POLICY_EVENTS)[number];

/** Events that read records: the only ones whose queried entities and row counts a condition can check. */
export const DATA_EVENTS: readonly PolicyEvent[] = ['ReportEvent', 'ApiEvent', 'ListViewEvent', 'BulkApiResultEventStore'];
/** Events with no interactive session to step up. */
export const NO_MFA_EVENTS: readonly PolicyEvent[] = ['ApiEvent', 'BulkApiResultEventStore'];

export const POLICY_ACTIONS = ['block', 'mfa', 'notify'] as const;
export type PolicyAction = (typeof POLICY_ACTIONS)[number];

/** OAuth scope token → ConnectedApp `ConnectedAppOauthAccessScope`. */
export const OAUTH_SCOPES: Readonly<Record<string, string>> = {
  api: 'Api',
  refresh_token: 'RefreshToken',
  offline_access: 'OfflineAccess',
  full: 'Full',
  web: 'Web',
  openid: 'OpenID',
  profile: 'Profile',
  email: 'Email',
  address: 'Address',
  phone: 'Phone',
  id: 'Basic',
  chatter_api: 'Chatter',
  custom_permissions: 'CustomPermissions',
  visualforce: 'CustomApplications',
  wave_api: 'Wave',
  eclair_api: 'Eclair',
  pardot_api: 'Pardot',
  lightning: 'Lightning',
  content: 'Content',
  cdp_ingest_api: 'CDPIngest',
  cdp_profile_api: 'CDPProfile',
  cdp_query_api: 'CDPQuery',
  cdp_segment_api: 'CDPSegment',
  cdp_identityresolution_api: 'CDPIdentityResolution',
  cdp_calculated_insight_api: 'CDPCalculatedInsight',
  cdp_api: 'CDP',
  chatbot_api: 'Chatbot',
  forgot_password: 'ForgotPassword',
  user_registration_api: 'UserRegistration',
  sfap_api: 'SFAP',
  interaction_api: 'Interaction',
  einstein_gpt_api: 'EinsteinGPT',
  pwdless_login_api: 'PwdlessLogin',
  mcp_api: 'MCP',
  scrt_api: 'SCRT',
};
/** Scopes that hand out more than an integration needs. */
export const BROAD_SCOPES = ['full', 'web'] as const;
/** Scopes that issue refresh tokens. */
export const REFRESH_SCOPES = ['refresh_token', 'offline_access'] as const;

/** `integrations.apps.*.ipRelaxation` → ECA `ipRelaxationPolicyType`. */
export const IP_RELAXATIONS: Readonly<Record<string, string>> = {
  enforce: 'Enforce',
  'enforce-relax-refresh': 'Enforce_RelaxRefresh',
  'bypass-mfa': 'Bypass_2factor',
  bypass: 'Bypass',
};

export const DEFAULT_FORBIDDEN_PERMISSIONS = [
  'ViewAllData', 'ModifyAllData', 'ViewAllFields', 'ExportReport', 'ManageUsers', 'AuthorApex',
  'CustomizeApplication', 'ManageEncryptionKeys', 'ViewSetup', 'BypassMFAForUiLogins',
] as const;

export const DEFAULT_STORE_EVENTS = ['ApiEvent', 'ReportEvent', 'ListViewEvent', 'LoginEvent', 'BulkApiResultEvent', 'FileEvent'] as const;

export const RETENTION_ENGINES = ['flow', 'batch'] as const;
export const SCHEDULE_FREQUENCIES = ['Once', 'Daily', 'Weekly'] as const;

/** Oldest Metadata API version whose field attributes (complianceGroup) the generator needs. */
export const MIN_API_VERSION = 47;
/** Newest Metadata API version whose element order sf-hipaa knows. */
export const MAX_KNOWN_API_VERSION = 66;
export const DEFAULT_API_VERSION = `${MAX_KNOWN_API_VERSION}.0`;
