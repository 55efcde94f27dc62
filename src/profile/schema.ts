import {
  DEFAULT_FORBIDDEN_PERMISSIONS,
  DEFAULT_STORE_EVENTS,
  ENCRYPT_SCHEMES,
  FIELD_TYPES,
  IP_RELAXATIONS,
  LOCKOUT_INTERVALS,
  LOGIN_ATTEMPTS,
  OAUTH_SCOPES,
  OBJECT_ACCESS,
  PASSWORD_COMPLEXITIES,
  PASSWORD_EXPIRATIONS,
  POLICY_ACTIONS,
  POLICY_EVENTS,
  RETENTION_ENGINES,
  SCHEDULE_FREQUENCIES,
  SESSION_TIMEOUTS,
  STORAGE_EVENTS,
} from './vocabulary.js';

/**
 * JSON Schema (2020-12) of the compliance profile, version 1. It checks shape only; rules that need the whole profile
 * (references, legality, justifications) are in rules/. `schemas/hipaa-profile.schema.json` is this object, written by
 * `npm run schema:profile` so editors can use it.
 */
export const PROFILE_SCHEMA_ID = 'urn:sf-hipaa:hipaa-profile:1';

const justification = {
  type: 'string',
  minLength: 1,
  description: 'Why a control is relaxed below the safe floor. Every report quotes it.',
};
const text = { type: 'string', minLength: 1 };
const keys = <T extends string | number>(m: ReadonlyMap<T, string>): T[] => [...m.keys()];

export const profileSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: PROFILE_SCHEMA_ID,
  title: 'sf-hipaa compliance profile',
  description: 'One declarative description of the HIPAA controls for a Salesforce org.',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'organization', 'phi', 'roles'],
  properties: {
    version: { const: 1, description: 'Format version of the profile.' },
    organization: { ...text, description: 'The covered entity or business associate.' },
    prefix: {
      type: 'string',
      minLength: 1,
      maxLength: 10,
      default: 'HIPAA',
      description: 'API-name prefix of every generated component.',
    },
    apiVersion: {
      type: 'string',
      pattern: '^[0-9]{2}\\.0$',
      description: 'Metadata API version of the emitted files, e.g. "66.0". Defaults to sourceApiVersion.',
    },
    phi: { $ref: '#/$defs/phi' },
    roles: {
      type: 'object',
      minProperties: 1,
      additionalProperties: { $ref: '#/$defs/role' },
      description: 'Personas and their minimum-necessary access; each becomes a permission set.',
    },
    encryption: { $ref: '#/$defs/encryption' },
    session: { $ref: '#/$defs/session' },
    password: { $ref: '#/$defs/password' },
    mfa: { $ref: '#/$defs/mfa' },
    monitoring: { $ref: '#/$defs/monitoring' },
    integrations: { $ref: '#/$defs/integrations' },
    admin: { $ref: '#/$defs/admin' },
    audit: { $ref: '#/$defs/audit' },
  },
  $defs: {
    phi: {
      type: 'object',
      additionalProperties: false,
      required: ['objects'],
      properties: {
        categories: {
          type: 'object',
          description: 'Categories added to the built-in ones.',
          additionalProperties: {
            type: 'object',
            additionalProperties: false,
            required: ['description'],
            properties: { description: text },
          },
        },
        objects: {
          type: 'object',
          minProperties: 1,
          additionalProperties: { $ref: '#/$defs/phiObject' },
        },
      },
    },
    phiObject: {
      type: 'object',
      additionalProperties: false,
      required: ['fields'],
      properties: {
        scaffold: { type: 'boolean', default: false, description: 'Generate the CustomObject itself.' },
        label: text,
        pluralLabel: text,
        description: text,
        fields: { type: 'object', minProperties: 1, additionalProperties: { $ref: '#/$defs/phiField' } },
        history: {
          type: 'object',
          additionalProperties: false,
          properties: {
            track: { type: 'boolean', default: true },
            archiveAfterMonths: { type: 'integer', minimum: 1, maximum: 18 },
            archiveRetentionYears: { type: 'integer', minimum: 1, maximum: 10 },
            gracePeriodDays: { type: 'integer', minimum: 0, maximum: 10 },
            justification,
          },
        },
        retention: {
          type: 'object',
          additionalProperties: false,
          required: ['dateField', 'afterDays'],
          properties: {
            dateField: text,
            afterDays: { type: 'integer', minimum: 1, maximum: 36_500 },
            engine: { enum: [...RETENTION_ENGINES], default: 'flow' },
            schedule: {
              type: 'object',
              additionalProperties: false,
              properties: {
                frequency: { enum: [...SCHEDULE_FREQUENCIES], default: 'Daily' },
                time: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', default: '02:00' },
                startDate: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
              },
            },
          },
        },
      },
    },
    phiField: {
      type: 'object',
      additionalProperties: false,
      required: ['category'],
      properties: {
        category: { ...text, description: 'A built-in category or one from phi.categories.' },
        type: { enum: [...FIELD_TYPES] },
        label: text,
        description: text,
        length: { type: 'integer', minimum: 1, maximum: 131_072 },
        precision: { type: 'integer', minimum: 1, maximum: 18 },
        scale: { type: 'integer', minimum: 0, maximum: 17 },
        visibleLines: { type: 'integer', minimum: 1, maximum: 50 },
        encrypt: { enum: [...ENCRYPT_SCHEMES] },
        securityClassification: { ...text, default: 'Restricted' },
        history: {
          type: 'object',
          additionalProperties: false,
          properties: { track: { type: 'boolean', default: true }, justification },
        },
        justification,
      },
    },
    role: {
      type: 'object',
      additionalProperties: false,
      properties: {
        label: { type: 'string', minLength: 1, maxLength: 80 },
        description: { type: 'string', minLength: 1, maxLength: 255 },
        emergency: { type: 'boolean', default: false },
        includes: { type: 'array', uniqueItems: true, items: text },
        objects: { type: 'object', additionalProperties: { $ref: '#/$defs/roleObject' } },
        userPermissions: { type: 'array', uniqueItems: true, items: text },
      },
    },
    roleObject: {
      type: 'object',
      additionalProperties: false,
      required: ['access'],
      properties: {
        access: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...OBJECT_ACCESS] } },
        read: { type: 'array', uniqueItems: true, items: text },
        edit: { type: 'array', uniqueItems: true, items: text },
      },
    },
    encryption: {
      type: 'object',
      additionalProperties: false,
      properties: {
        defaultScheme: { enum: ENCRYPT_SCHEMES.filter((s) => s !== 'none'), default: 'probabilistic' },
        fieldHistory: { type: 'boolean', default: true },
        requireKeyManagerForPolicy: { type: 'boolean', default: true },
      },
    },
    session: {
      type: 'object',
      additionalProperties: false,
      properties: {
        timeoutMinutes: { enum: keys(SESSION_TIMEOUTS), default: 15 },
        forceLogout: { type: 'boolean', default: true },
        lockToIp: { type: 'boolean', default: true },
        lockToDomain: { type: 'boolean', default: true },
        justification,
      },
    },
    password: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minLength: { type: 'integer', minimum: 5, maximum: 50, default: 12 },
        complexity: { enum: [...PASSWORD_COMPLEXITIES], default: 'UpperLowerCaseNumericSpecialCharacters' },
        expirationDays: { enum: keys(PASSWORD_EXPIRATIONS), default: 90 },
        history: { type: 'integer', minimum: 0, maximum: 24, default: 12 },
        maxLoginAttempts: { enum: keys(LOGIN_ATTEMPTS), default: 5 },
        lockoutMinutes: { enum: keys(LOCKOUT_INTERVALS), default: 30 },
        justification,
      },
    },
    mfa: {
      type: 'object',
      additionalProperties: false,
      properties: { required: { type: 'boolean', default: true }, justification },
    },
    monitoring: {
      type: 'object',
      additionalProperties: false,
      properties: {
        storeEvents: {
          type: 'array',
          uniqueItems: true,
          items: { enum: [...STORAGE_EVENTS] },
          default: [...DEFAULT_STORE_EVENTS],
        },
        notify: { type: 'array', uniqueItems: true, items: text, description: 'Usernames notified by policies.' },
        policies: { type: 'array', items: { $ref: '#/$defs/policy' } },
      },
    },
    policy: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'event', 'action'],
      properties: {
        name: text,
        description: text,
        event: { enum: [...POLICY_EVENTS] },
        when: {
          type: 'object',
          additionalProperties: false,
          properties: {
            phiObjects: { type: 'boolean', default: true },
            rowsOver: { type: 'integer', minimum: 0 },
          },
        },
        action: { enum: [...POLICY_ACTIONS] },
        message: { type: 'string', minLength: 1, maxLength: 1000, description: 'Block message shown to the user.' },
      },
    },
    integrations: {
      type: 'object',
      additionalProperties: false,
      properties: {
        apps: { type: 'object', additionalProperties: { $ref: '#/$defs/app' } },
        endpoints: { type: 'object', additionalProperties: { $ref: '#/$defs/endpoint' } },
      },
    },
    app: {
      type: 'object',
      additionalProperties: false,
      required: ['scopes', 'callbackUrl'],
      properties: {
        label: text,
        description: text,
        contactEmail: text,
        scopes: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: Object.keys(OAUTH_SCOPES) } },
        callbackUrl: text,
        ipRelaxation: { enum: Object.keys(IP_RELAXATIONS), default: 'enforce' },
        refreshTokenValidityDays: { type: 'integer', minimum: 1, maximum: 3650 },
        sessionTimeoutMinutes: { type: 'integer', minimum: 1, maximum: 1440 },
        justification,
      },
    },
    endpoint: {
      type: 'object',
      additionalProperties: false,
      required: ['url'],
      properties: { url: text, label: text, description: text },
    },
    audit: {
      type: 'object',
      additionalProperties: false,
      properties: {
        exceptions: {
          type: 'array',
          description: 'Audit findings accepted with a justification; reports list them as accepted.',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['rule', 'justification'],
            properties: { rule: text, component: { ...text, description: 'Full name of the component; omit for all.' }, justification },
          },
        },
      },
    },
    admin: {
      type: 'object',
      additionalProperties: false,
      properties: {
        forbiddenUserPermissions: {
          type: 'array',
          uniqueItems: true,
          items: text,
          default: [...DEFAULT_FORBIDDEN_PERMISSIONS],
        },
        allow: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['permission', 'justification'],
            properties: {
              permission: text,
              roles: { type: 'array', minItems: 1, uniqueItems: true, items: text },
              justification,
            },
          },
        },
      },
    },
  },
} as const;
