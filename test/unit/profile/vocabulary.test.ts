import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { profileArtifacts, VALIDATOR_FILE } from '../../../scripts/profile-schema.js';
import { loadProfileText } from '../../../src/profile/load.js';
import { profileSchema } from '../../../src/profile/schema.js';
import { USER_PERMISSIONS } from '../../../src/profile/userPermissions.js';
import {
  ENCRYPTION_SCHEME_ENUM,
  FIELD_TYPES,
  LOCKOUT_INTERVALS,
  LOGIN_ATTEMPTS,
  OAUTH_SCOPES,
  PASSWORD_COMPLEXITIES,
  PASSWORD_EXPIRATIONS,
  POLICY_EVENTS,
  SESSION_TIMEOUTS,
} from '../../../src/profile/vocabulary.js';
import { FIXTURES, REPO_ROOT, SALESFORCE_TYPES } from '../../support/paths.js';

const METADATA = readFileSync(join(SALESFORCE_TYPES, 'metadata.d.ts'), 'utf8');
const TOOLING = readFileSync(join(SALESFORCE_TYPES, 'tooling.d.ts'), 'utf8');

/** The members of `export type Name = 'A' | 'B';` in @salesforce/types. */
function metadataEnum(name: string): string[] {
  const m = new RegExp(`export type ${name} = ([^;]+);`).exec(METADATA);
  if (!m) throw new Error(`no enum ${name} in @salesforce/types`);
  return [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]);
}

describe('profile vocabulary against the Metadata API (@salesforce/types)', () => {
  const cases: Array<[string, string, readonly string[]]> = [
    ['session timeouts', 'SessionTimeout', [...SESSION_TIMEOUTS.values()]],
    ['password expirations', 'Expiration', [...PASSWORD_EXPIRATIONS.values()]],
    ['lockout intervals', 'LockoutInterval', [...LOCKOUT_INTERVALS.values()]],
    ['login attempts', 'MaxLoginAttempts', [...LOGIN_ATTEMPTS.values()]],
    ['password complexities', 'Complexity', PASSWORD_COMPLEXITIES],
    ['encryption schemes', 'EncryptionScheme', Object.values(ENCRYPTION_SCHEME_ENUM)],
  ];
  for (const [what, type, values] of cases) {
    it(`maps ${what} onto every value of ${type} and nothing else`, () => {
      expect([...values].sort()).to.deep.equal(metadataEnum(type).sort());
    });
  }

  it('knows only field types, policy events and OAuth scopes the Metadata API has', () => {
    expect(metadataEnum('FieldType')).to.include.members([...FIELD_TYPES]);
    expect(metadataEnum('TransactionSecurityEventName')).to.include.members([...POLICY_EVENTS]);
    expect(metadataEnum('ConnectedAppOauthAccessScope')).to.include.members(Object.values(OAUTH_SCOPES));
  });

  it('knows every user permission of the PermissionSet sObject', () => {
    const start = TOOLING.indexOf('export type PermissionSet = ');
    const body = TOOLING.slice(start, TOOLING.indexOf('\n};', start));
    const names = [...body.matchAll(/^\s+Permissions([A-Za-z0-9]+)\??:/gm)].map((m) => m[1]);
    expect(names.length).to.be.greaterThan(500);
    expect([...USER_PERMISSIONS]).to.include.members(names);
  });

  it('ships the JSON Schema and the compiled validator the loader uses', () => {
    const { schemaJson, validatorJs } = profileArtifacts();
    const stale = 'run "npm run schema:profile" after changing src/profile/schema.ts';
    expect(readFileSync(join(REPO_ROOT, 'schemas', 'hipaa-profile.schema.json'), 'utf8'), stale).to.equal(schemaJson);
    expect(readFileSync(VALIDATOR_FILE, 'utf8'), stale).to.equal(validatorJs);
    expect(JSON.parse(schemaJson)).to.deep.equal(JSON.parse(JSON.stringify(profileSchema)));
  });

  it('offers editors the enum values the loader accepts', () => {
    const session = profileSchema.$defs.session.properties.timeoutMinutes.enum;
    expect(session).to.deep.equal([...SESSION_TIMEOUTS.keys()]);
    expect(profileSchema.$defs.password.properties.expirationDays.enum).to.deep.equal([...PASSWORD_EXPIRATIONS.keys()]);
  });

  it('documents in the schema the defaults the loader applies', () => {
    const result = loadProfileText('p.yaml', readFileSync(join(FIXTURES, 'profiles', 'valid', 'minimal.yaml'), 'utf8'));
    if (!result.valid) expect.fail('minimal profile is valid');
    const p = result.profile;
    const d = profileSchema.$defs;
    const pairs: Array<[unknown, unknown]> = [
      [p.prefix, profileSchema.properties.prefix.default],
      [p.session.timeoutMinutes, d.session.properties.timeoutMinutes.default],
      [p.session.forceLogout, d.session.properties.forceLogout.default],
      [p.session.lockToIp, d.session.properties.lockToIp.default],
      [p.session.lockToDomain, d.session.properties.lockToDomain.default],
      [p.password.minLength, d.password.properties.minLength.default],
      [p.password.complexity, d.password.properties.complexity.default],
      [p.password.expirationDays, d.password.properties.expirationDays.default],
      [p.password.history, d.password.properties.history.default],
      [p.password.maxLoginAttempts, d.password.properties.maxLoginAttempts.default],
      [p.password.lockoutMinutes, d.password.properties.lockoutMinutes.default],
      [p.mfa.required, d.mfa.properties.required.default],
      [p.encryption.defaultScheme, d.encryption.properties.defaultScheme.default],
      [p.encryption.fieldHistory, d.encryption.properties.fieldHistory.default],
      [p.encryption.requireKeyManagerForPolicy, d.encryption.properties.requireKeyManagerForPolicy.default],
      [p.monitoring.storeEvents, d.monitoring.properties.storeEvents.default],
      [p.admin.forbiddenUserPermissions, d.admin.properties.forbiddenUserPermissions.default],
    ];
    for (const [model, schema] of pairs) expect(model).to.deep.equal(schema);
  });
});
