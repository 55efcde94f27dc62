import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AuthInfo, Connection } from '@salesforce/core';
import { Duration } from '@salesforce/kit';
import {
  ComponentSet,
  ComponentStatus,
  MetadataConverter,
  RequestStatus,
  type DeployMessage,
  type DeployResult,
  type FileResponse,
  type MetadataApiDeployOptions,
  type RetrieveResult,
} from '@salesforce/source-deploy-retrieve';
import { expect } from 'chai';
import { startOrgEmulator, type OrgEmulator, type OrgEmulatorOptions } from '../../support/orgEmulator/index.js';

const POLL = { frequency: Duration.milliseconds(50), timeout: Duration.seconds(60) };
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';

const META = (root: string, body: string): string => `${XML_HEAD}<${root} ${NS}>\n${body}</${root}>\n`;

/** A small source-format project: an object with an encrypted field, a permission set, settings and Apex with its test. */
const BASE_SOURCE: Readonly<Record<string, string>> = {
  'objects/Patient__c/Patient__c.object-meta.xml': META(
    'CustomObject',
    [
      '    <deploymentStatus>Deployed</deploymentStatus>',
      '    <label>Patient</label>',
      '    <nameField>',
      '        <label>Patient Name</label>',
      '        <type>Text</type>',
      '    </nameField>',
      '    <pluralLabel>Patients</pluralLabel>',
      '    <sharingModel>Private</sharingModel>',
      '',
    ].join('\n')
  ),
  'objects/Patient__c/fields/SSN__c.field-meta.xml': META(
    'CustomField',
    [
      '    <fullName>SSN__c</fullName>',
      '    <encryptionScheme>ProbabilisticEncryption</encryptionScheme>',
      '    <label>SSN</label>',
      '    <length>11</length>',
      '    <type>Text</type>',
      '',
    ].join('\n')
  ),
  'permissionsets/PHI_Reader.permissionset-meta.xml': META(
    'PermissionSet',
    [
      '    <fieldPermissions>',
      '        <editable>false</editable>',
      '        <field>Patient__c.SSN__c</field>',
      '        <readable>true</readable>',
      '    </fieldPermissions>',
      '    <fieldPermissions>',
      '        <editable>false</editable>',
      '        <field>Contact.Birthdate</field>',
      '        <readable>true</readable>',
      '    </fieldPermissions>',
      '    <hasActivationRequired>false</hasActivationRequired>',
      '    <label>PHI Reader</label>',
      '    <objectPermissions>',
      '        <allowCreate>false</allowCreate>',
      '        <allowDelete>false</allowDelete>',
      '        <allowEdit>false</allowEdit>',
      '        <allowRead>true</allowRead>',
      '        <modifyAllRecords>false</modifyAllRecords>',
      '        <object>Patient__c</object>',
      '        <viewAllRecords>false</viewAllRecords>',
      '    </objectPermissions>',
      '    <userPermissions>',
      '        <enabled>true</enabled>',
      '        <name>ViewEncryptedData</name>',
      '    </userPermissions>',
      '',
    ].join('\n')
  ),
  'settings/Security.settings-meta.xml': META(
    'SecuritySettings',
    [
      '    <sessionSettings>',
      '        <sessionTimeout>FifteenMinutes</sessionTimeout>',
      '    </sessionSettings>',
      '',
    ].join('\n')
  ),
  'classes/PhiService.cls': [
    'public with sharing class PhiService {',
    '    public static String mask(String ssn) {',
    "        if (ssn == null) { return ''; }",
    "        return '***-**-' + ssn.right(4);",
    '    }',
    '}',
    '',
  ].join('\n'),
  'classes/PhiService.cls-meta.xml': META(
    'ApexClass',
    '    <apiVersion>66.0</apiVersion>\n    <status>Active</status>\n'
  ),
  'classes/PhiServiceTest.cls': [
    '@IsTest',
    'private class PhiServiceTest {',
    '    @IsTest',
    '    static void masksAllButLastFour() {',
    "        System.assertEquals('***-**-6789', PhiService.mask('123-45-6789'));",
    '    }',
    '',
    '    @IsTest',
    '    static void masksNull() {',
    "        System.assertEquals('', PhiService.mask(null));",
    '    }',
    '}',
    '',
  ].join('\n'),
  'classes/PhiServiceTest.cls-meta.xml': META(
    'ApexClass',
    '    <apiVersion>66.0</apiVersion>\n    <status>Active</status>\n'
  ),
};

let projects = 0;
/** Writes source files under <tmp>/force-app/main/default and returns that directory. */
function project(files: Readonly<Record<string, string | undefined>>): string {
  projects += 1;
  const dir = join(mkdtempSync(join(tmpdir(), `sf-hipaa-emu-${projects}-`)), 'force-app', 'main', 'default');
  for (const [path, text] of Object.entries(files)) {
    if (text === undefined) continue;
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

let users = 0;
/** Each emulator gets its own username: AuthInfo files are keyed by it in the shared test HOME. */
async function emulator(options: OrgEmulatorOptions = {}): Promise<OrgEmulator> {
  users += 1;
  return startOrgEmulator({ username: `user${users}@example.com`, pollsBeforeDone: 1, ...options });
}

/** Logs in with the emulator's access token; without a version, core asks /services/data for the highest. */
async function connect(emu: OrgEmulator, version: string | null = '66.0'): Promise<Connection> {
  const authInfo = await AuthInfo.create({
    accessTokenOptions: { accessToken: emu.accessToken, instanceUrl: emu.instanceUrl, loginUrl: emu.instanceUrl },
  });
  return Connection.create({ authInfo, connectionOptions: version ? { version } : {} });
}

async function deploy(
  conn: Connection,
  dir: string,
  apiOptions: MetadataApiDeployOptions['apiOptions'] = {}
): Promise<DeployResult> {
  const operation = await ComponentSet.fromSource(dir).deploy({ usernameOrConnection: conn, apiOptions });
  const result = await operation.pollStatus(POLL);
  if (!result) throw new Error('deploy produced no result');
  return result;
}

async function retrieve(
  conn: Connection,
  members: Array<{ type: string; fullName: string }>
): Promise<{ result: RetrieveResult; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sf-hipaa-emu-retrieve-'));
  const operation = await new ComponentSet(members).retrieve({ usernameOrConnection: conn, output: dir, merge: false });
  const result = await operation.pollStatus(POLL);
  if (!result) throw new Error('retrieve produced no result');
  return { result, dir };
}

type ApiError = Error & { errorCode?: string };
/** The error a promise rejects with; fails the test when it resolves. */
async function rejection(promise: PromiseLike<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('expected a rejection');
}

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const componentFailures = (result: DeployResult): DeployMessage[] => asArray(result.response.details.componentFailures);
const failedFiles = (result: DeployResult | RetrieveResult): FileResponse[] =>
  result.getFileResponses().filter((f) => f.state === ComponentStatus.Failed);

/** The line of some text in the metadata-format object file SDR builds from a source tree. */
async function lineInObjectFile(source: string, text: string): Promise<number> {
  const output = mkdtempSync(join(tmpdir(), 'sf-hipaa-emu-mdapi-'));
  await new MetadataConverter().convert(ComponentSet.fromSource(source), 'metadata', {
    type: 'directory',
    outputDirectory: output,
    genUniqueDir: false,
  });
  const lines = readFileSync(join(output, 'objects', 'Patient__c.object'), 'utf8').split('\n');
  return lines.findIndex((l) => l.includes(text)) + 1;
}

/** Retrieved source files by their path under main/default, as SDR wrote them. */
function retrievedSource(result: RetrieveResult): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of result.getFileResponses()) {
    if (file.state === ComponentStatus.Failed || !file.filePath) continue;
    const path = file.filePath.replace(/\\/g, '/');
    out.set(path.slice(path.indexOf('/main/default/') + '/main/default/'.length), readFileSync(file.filePath, 'utf8'));
  }
  return out;
}

const PLATFORM_ENCRYPTION = META(
  'PlatformEncryptionSettings',
  '    <canEncryptManagedPackageFields>false</canEncryptManagedPackageFields>\n    <enableDeterministicEncryption>true</enableDeterministicEncryption>\n'
);
const REAL_TIME_EVENTS = META(
  'RealTimeEventSettings',
  '    <realTimeEvents>\n        <entityName>ReportEvent</entityName>\n        <isEnabled>true</isEnabled>\n    </realTimeEvents>\n'
);
const POLICY = META(
  'TransactionSecurityPolicy',
  [
    '    <action>',
    '        <block>true</block>',
    '        <endSession>false</endSession>',
    '        <freezeUser>false</freezeUser>',
    '        <twoFactorAuthentication>false</twoFactorAuthentication>',
    '    </action>',
    '    <active>true</active>',
    '    <developerName>Block_PHI_Export</developerName>',
    '    <eventName>ReportEvent</eventName>',
    '    <masterLabel>Block PHI Export</masterLabel>',
    '    <type>CustomApexPolicy</type>',
    '',
  ].join('\n')
);
const field = (name: string, extra = ''): string =>
  META(
    'CustomField',
    `    <fullName>${name}</fullName>\n${extra}    <label>${name}</label>\n    <length>40</length>\n    <type>Text</type>\n`
  );

describe('org emulator', function () {
  this.timeout(60_000);
  const started: OrgEmulator[] = [];
  const start = async (options: OrgEmulatorOptions = {}): Promise<OrgEmulator> => {
    const emu = await emulator(options);
    started.push(emu);
    return emu;
  };
  after(async () => {
    await Promise.all(started.map((e) => e.close()));
  });

  describe('login and the happy path', () => {
    let emu: OrgEmulator;
    let conn: Connection;
    let result: DeployResult;

    before(async () => {
      emu = await start();
      conn = await connect(emu);
      result = await deploy(conn, project(BASE_SOURCE));
    });

    it('answers the REST calls core makes to log in with an access token', () => {
      const paths = emu.calls.map((c) => `${c.method} ${c.path.split('?')[0]} ${c.status ?? '-'}`);
      expect(paths.slice(0, 5)).to.deep.equal([
        'GET /services/oauth2/userinfo 200',
        'GET /services/data/v51.0/sobjects/User/005000000000001AAA 200',
        // 400 INVALID_TYPE means "not a Dev Hub".
        'GET /services/data/v51.0/query 400',
        'GET /services/data 200',
        'GET /services/data/v66.0/query 200',
      ]);
      expect(conn.getAuthInfoFields()).to.include({
        username: emu.username,
        orgId: emu.orgId,
        instanceUrl: emu.instanceUrl,
      });
      expect(JSON.stringify(emu.calls)).not.to.include(emu.accessToken.split('!')[1]);
    });

    it('deploys source over SOAP: deploy, then checkDeployStatus until done, one success per component', () => {
      expect(emu.calls.filter((c) => c.operation).map((c) => c.operation)).to.deep.equal([
        'deploy',
        'checkDeployStatus',
        'checkDeployStatus',
      ]);
      expect(result.response).to.include({
        status: RequestStatus.Succeeded,
        success: true,
        done: true,
        checkOnly: false,
      });
      expect(result.response.id).to.match(/^0Af\w{15}$/);
      expect(result.response).to.include({
        numberComponentsTotal: 6,
        numberComponentsDeployed: 6,
        numberComponentErrors: 0,
      });
      const files = result.getFileResponses();
      expect(files.every((f) => f.state === ComponentStatus.Created)).to.be.true;
      expect(files.map((f) => `${f.type}:${f.fullName}`)).to.include.members([
        'ApexClass:PhiService',
        'ApexClass:PhiServiceTest',
        'CustomObject:Patient__c',
        'CustomField:Patient__c.SSN__c',
        'PermissionSet:PHI_Reader',
        'Settings:Security',
      ]);
      expect(emu.deploys).to.have.length(1);
      expect(emu.deploys[0]).to.include({
        checkOnly: false,
        testLevel: 'NoTestRun',
        status: 'Succeeded',
        persisted: true,
      });
    });

    it('keeps the deployed components in metadata format, fields inside their object file', () => {
      expect(emu.org.file('permissionsets/PHI_Reader.permissionset')).to.equal(
        BASE_SOURCE['permissionsets/PHI_Reader.permissionset-meta.xml']
      );
      expect(emu.org.file('classes/PhiService.cls')).to.equal(BASE_SOURCE['classes/PhiService.cls']);
      expect(emu.org.file('classes/PhiService.cls-meta.xml')).to.equal(BASE_SOURCE['classes/PhiService.cls-meta.xml']);
      expect(emu.org.file('objects/Patient__c.object')).to.include('<fullName>SSN__c</fullName>');
      expect(emu.org.has('CustomField', 'Patient__c.SSN__c')).to.be.true;
      expect(emu.org.has('CustomField', 'Contact.Birthdate'), 'seeded standard field').to.be.true;
      expect(emu.org.components()).to.deep.include.members([
        { type: 'CustomObject', fullName: 'Patient__c' },
        { type: 'CustomField', fullName: 'Patient__c.SSN__c' },
        { type: 'Settings', fullName: 'Security' },
      ]);
    });

    it('retrieves what was deployed, byte-identical', async () => {
      const { result: retrieved } = await retrieve(conn, [
        { type: 'PermissionSet', fullName: 'PHI_Reader' },
        { type: 'CustomObject', fullName: 'Patient__c' },
        { type: 'CustomField', fullName: 'Patient__c.SSN__c' },
        { type: 'ApexClass', fullName: 'PhiService' },
        { type: 'ApexClass', fullName: 'PhiServiceTest' },
        { type: 'Settings', fullName: 'Security' },
      ]);
      expect(retrieved.response.status).to.equal(RequestStatus.Succeeded);
      expect(Object.fromEntries(retrievedSource(retrieved))).to.deep.equal(BASE_SOURCE);
      const fileNames = asArray(retrieved.response.fileProperties).map((p) => p.fileName);
      expect(fileNames).to.include.members([
        'unpackaged/package.xml',
        'unpackaged/permissionsets/PHI_Reader.permissionset',
        'unpackaged/classes/PhiService.cls',
      ]);
    });

    it('retrieves a wildcard, and reports components the org lacks as retrieve messages', async () => {
      const { result: retrieved } = await retrieve(conn, [
        { type: 'ApexClass', fullName: '*' },
        { type: 'PermissionSet', fullName: 'Missing' },
      ]);
      expect([...retrievedSource(retrieved).keys()].sort()).to.deep.equal([
        'classes/PhiService.cls',
        'classes/PhiService.cls-meta.xml',
        'classes/PhiServiceTest.cls',
        'classes/PhiServiceTest.cls-meta.xml',
      ]);
      expect(failedFiles(retrieved).map((f) => ('error' in f ? f.error : ''))).to.deep.equal([
        "Entity of type 'PermissionSet' named 'Missing' cannot be found",
      ]);
    });

    it('retrieves a profile with field and object permissions only for the objects and fields the retrieve names', async () => {
      emu.org.setFile(
        'profiles/Support.profile',
        META(
          'Profile',
          [
            '    <custom>true</custom>',
            '    <fieldPermissions>\n        <editable>false</editable>\n        <field>Account.Industry</field>\n        <readable>true</readable>\n    </fieldPermissions>',
            '    <fieldPermissions>\n        <editable>false</editable>\n        <field>Patient__c.SSN__c</field>\n        <readable>true</readable>\n    </fieldPermissions>',
            '    <objectPermissions>\n        <allowRead>true</allowRead>\n        <object>Account</object>\n    </objectPermissions>',
            '    <userPermissions>\n        <enabled>true</enabled>\n        <name>ApiEnabled</name>\n    </userPermissions>',
            '',
          ].join('\n')
        )
      );
      const alone = retrievedSource((await retrieve(conn, [{ type: 'Profile', fullName: '*' }])).result).get('profiles/Support.profile-meta.xml') ?? '';
      expect(alone).not.to.include('<fieldPermissions>').and.not.to.include('<objectPermissions>');
      expect(alone).to.include('<name>ApiEnabled</name>');
      const withPatient = retrievedSource((await retrieve(conn, [{ type: 'Profile', fullName: '*' }, { type: 'CustomObject', fullName: 'Patient__c' }])).result).get('profiles/Support.profile-meta.xml') ?? '';
      expect(withPatient).to.include('<field>Patient__c.SSN__c</field>').and.not.include('Account');
      emu.org.deleteFile('profiles/Support.profile');
    });

    it('retrieves a field alone as its object file holding that field', async () => {
      const { result: retrieved } = await retrieve(conn, [{ type: 'CustomField', fullName: 'Patient__c.SSN__c' }]);
      const files = retrievedSource(retrieved);
      expect(files.get('objects/Patient__c/fields/SSN__c.field-meta.xml')).to.equal(
        BASE_SOURCE['objects/Patient__c/fields/SSN__c.field-meta.xml']
      );
      // The object file held only the field, so SDR writes an empty object.
      expect(files.get('objects/Patient__c/Patient__c.object-meta.xml')).to.equal(
        `${XML_HEAD}<CustomObject ${NS}></CustomObject>\n`
      );
    });

    it('lists and reads metadata with conn.metadata.list and conn.metadata.read', async () => {
      const sets = await conn.metadata.list({ type: 'PermissionSet' });
      expect(sets.map((p) => ({ fullName: p.fullName, fileName: p.fileName, type: p.type }))).to.deep.equal([
        { fullName: 'PHI_Reader', fileName: 'permissionsets/PHI_Reader.permissionset', type: 'PermissionSet' },
      ]);
      expect(sets[0].id).to.match(/^0PS\w{15}$/);
      const fields = await conn.metadata.list([{ type: 'CustomField' }]);
      expect(fields.map((p) => p.fullName)).to.include.members(['Patient__c.SSN__c', 'Contact.Birthdate']);

      const permissionSet = await conn.metadata.read('PermissionSet', 'PHI_Reader');
      expect(permissionSet).to.include({ fullName: 'PHI_Reader', label: 'PHI Reader' });
      expect(permissionSet.fieldPermissions.map((p) => p.field)).to.deep.equal([
        'Patient__c.SSN__c',
        'Contact.Birthdate',
      ]);
      const [ssn, missing] = await conn.metadata.read('CustomField', ['Patient__c.SSN__c', 'Patient__c.Nope__c']);
      expect(ssn).to.include({ fullName: 'Patient__c.SSN__c', encryptionScheme: 'ProbabilisticEncryption' });
      expect(missing.fullName ?? '').to.equal('');
      const security = await conn.metadata.read('SecuritySettings', 'Security');
      expect(security).to.have.nested.property('sessionSettings.sessionTimeout', 'FifteenMinutes');
    });

    it('lets a test tamper with the org: readMetadata and retrieve see the stored file', async () => {
      const path = 'objects/Patient__c.object';
      const original = emu.org.file(path) ?? '';
      emu.org.setFile(path, original.replace('ProbabilisticEncryption', 'None'));
      try {
        const ssn = await conn.metadata.read('CustomField', 'Patient__c.SSN__c');
        expect(ssn).to.include({ encryptionScheme: 'None' });
      } finally {
        emu.org.setFile(path, original);
      }
    });

    it('answers the source-tracking probe with the 404 core reads as "not supported"', async () => {
      const error = await rejection(conn.tooling.describe('SourceMember'));
      expect(error.message).to.equal('The requested resource does not exist');
      const org = await conn.query<{ IsSandbox: boolean; OrganizationType: string }>(
        'SELECT IsSandbox, OrganizationType FROM Organization'
      );
      expect(org.records[0]).to.include({ IsSandbox: true, OrganizationType: 'Enterprise Edition' });
    });

    it('answers the other REST reads sf makes: the version root, the sandbox query, and 404 above the max version', async () => {
      // `sf org display` reads /services/data/vXX.X to report "Connected".
      expect(await conn.request<Record<string, string>>('/services/data/v66.0')).to.include({
        sobjects: '/services/data/v66.0/sobjects',
      });
      const sandboxes = await conn.tooling.query(
        "SELECT Id, Status, SandboxName FROM SandboxProcess WHERE SandboxOrganization = '00D000000000001'"
      );
      expect(sandboxes).to.include({ totalSize: 0, done: true });
      const versions = await conn.request<Array<{ version: string }>>('/services/data');
      expect(versions.at(-1)?.version).to.equal('66.0');
      const above = await rejection(conn.request('/services/data/v67.0'));
      expect(above.errorCode).to.equal('NOT_FOUND');
    });

    it('rejects a wrong session id with INVALID_SESSION_ID, on SOAP and REST', async () => {
      const wrong = await Connection.create({
        authInfo: await AuthInfo.create({ username: emu.username }),
        connectionOptions: { version: '66.0' },
      });
      wrong.accessToken = `${emu.orgId}!wrongToken`;
      const soap = await rejection(wrong.metadata.list({ type: 'ApexClass' }));
      expect(soap).to.be.instanceOf(Error).and.include({ errorCode: 'sf:INVALID_SESSION_ID' });
      const rest = await rejection(wrong.query('SELECT Id FROM Organization'));
      expect(rest).to.be.instanceOf(Error).and.include({ errorCode: 'INVALID_SESSION_ID' });
    });
  });

  describe('deploy semantics', () => {
    it('persists nothing on a check-only deploy, and reports it as succeeded', async () => {
      const emu = await start();
      const conn = await connect(emu);
      const result = await deploy(conn, project(BASE_SOURCE), { checkOnly: true });
      expect(result.response).to.include({
        status: RequestStatus.Succeeded,
        checkOnly: true,
        numberComponentsDeployed: 6,
      });
      expect(emu.org.has('PermissionSet', 'PHI_Reader')).to.be.false;
      expect(emu.org.has('CustomObject', 'Patient__c')).to.be.false;
      expect(emu.deploys[0]).to.include({ checkOnly: true, status: 'Succeeded', persisted: false });
      expect(await conn.metadata.list({ type: 'ApexClass' })).to.deep.equal([]);
    });

    it('upserts fields into a stored object and keeps fields the deployed file does not mention', async () => {
      const emu = await start();
      const conn = await connect(emu);
      await deploy(conn, project(BASE_SOURCE));
      const second = await deploy(
        conn,
        project({
          'objects/Patient__c/Patient__c.object-meta.xml': BASE_SOURCE[
            'objects/Patient__c/Patient__c.object-meta.xml'
          ].replace('Patients', 'Patient Records'),
          'objects/Patient__c/fields/MRN__c.field-meta.xml': field('MRN__c'),
        })
      );
      expect(second.response.status).to.equal(RequestStatus.Succeeded);
      const object = emu.org.file('objects/Patient__c.object') ?? '';
      expect(object)
        .to.include('<fullName>SSN__c</fullName>')
        .and.include('<fullName>MRN__c</fullName>')
        .and.include('Patient Records');
      expect(second.getFileResponses().find((f) => f.fullName === 'Patient__c')?.state).to.equal(
        ComponentStatus.Changed
      );
    });

    it('rolls everything back when one component fails: a permission set naming a missing field fails with its line', async () => {
      const emu = await start();
      const conn = await connect(emu);
      const permissionSet = BASE_SOURCE['permissionsets/PHI_Reader.permissionset-meta.xml'].replace(
        'Patient__c.SSN__c',
        'Patient__c.Diagnosis__c'
      );
      const result = await deploy(
        conn,
        project({ ...BASE_SOURCE, 'permissionsets/PHI_Reader.permissionset-meta.xml': permissionSet })
      );
      expect(result.response).to.include({ status: RequestStatus.Failed, success: false, numberComponentErrors: 1 });
      expect(componentFailures(result)).to.deep.include({
        changed: false,
        columnNumber: 9,
        componentType: 'PermissionSet',
        created: false,
        createdDate: componentFailures(result)[0].createdDate,
        deleted: false,
        fileName: 'permissionsets/PHI_Reader.permissionset',
        fullName: 'PHI_Reader',
        id: componentFailures(result)[0].id,
        lineNumber: 5,
        problem: 'In field: field - no CustomField named Patient__c.Diagnosis__c found',
        problemType: 'Error',
        success: false,
      });
      const [failed] = failedFiles(result);
      expect(failed).to.include({ type: 'PermissionSet', fullName: 'PHI_Reader', lineNumber: 5, columnNumber: 9 });
      expect(failed.filePath).to.match(/PHI_Reader\.permissionset-meta\.xml$/);
      // rollbackOnError: the components that passed are not kept either.
      expect(emu.org.has('CustomObject', 'Patient__c')).to.be.false;
      expect(emu.org.has('ApexClass', 'PhiService')).to.be.false;
      expect(emu.deploys[0]).to.include({ status: 'Failed', persisted: false });
    });

    it('fails object permissions on an object neither the org nor the deploy has', async () => {
      const emu = await start();
      const conn = await connect(emu);
      const result = await deploy(
        conn,
        project({
          'permissionsets/PHI_Reader.permissionset-meta.xml':
            BASE_SOURCE['permissionsets/PHI_Reader.permissionset-meta.xml'],
        })
      );
      expect(componentFailures(result).map((f) => [f.problem, f.lineNumber])).to.deep.equal([
        ['In field: field - no CustomField named Patient__c.SSN__c found', 5],
        ['In field: object - no CustomObject named Patient__c found', 21],
      ]);
    });

    it('fails a user permission the org does not have', async () => {
      const emu = await start({ unknownUserPermissions: ['ViewEncryptedData'] });
      const conn = await connect(emu);
      const result = await deploy(conn, project(BASE_SOURCE));
      expect(result.response.status).to.equal(RequestStatus.Failed);
      expect(componentFailures(result).map((f) => [f.fullName, f.problem, f.lineNumber, f.columnNumber])).to.deep.equal(
        [['PHI_Reader', 'Unknown user permission: ViewEncryptedData', 26, 9]]
      );
    });

    it('without Shield, rejects encrypted fields, encryption and real-time event settings, and transaction security policies', async () => {
      const emu = await start({ shield: false });
      const conn = await connect(emu);
      const source = project({
        ...BASE_SOURCE,
        'settings/PlatformEncryption.settings-meta.xml': PLATFORM_ENCRYPTION,
        'settings/RealTimeEvent.settings-meta.xml': REAL_TIME_EVENTS,
        'transactionSecurityPolicies/Block_PHI_Export.transactionSecurityPolicy-meta.xml': POLICY,
      });
      const result = await deploy(conn, source);
      expect(result.response.status).to.equal(RequestStatus.Failed);
      const failures = componentFailures(result).map((f) => ({
        type: f.componentType,
        fullName: f.fullName,
        problem: f.problem,
        line: f.lineNumber,
      }));
      expect(failures).to.have.deep.members([
        {
          type: 'CustomField',
          fullName: 'Patient__c.SSN__c',
          problem:
            'Encryption scheme ProbabilisticEncryption is not available: Shield Platform Encryption is not licensed in this org',
          line: await lineInObjectFile(source, '<encryptionScheme>'),
        },
        {
          type: 'Settings',
          fullName: 'PlatformEncryption',
          problem: 'PlatformEncryptionSettings: Shield Platform Encryption is not licensed in this org',
          line: 2,
        },
        {
          type: 'Settings',
          fullName: 'RealTimeEvent',
          problem:
            'RealTimeEventSettings: Real-Time Event Monitoring (Shield Event Monitoring) is not licensed in this org',
          line: 2,
        },
        {
          type: 'TransactionSecurityPolicy',
          fullName: 'Block_PHI_Export',
          problem:
            'TransactionSecurityPolicy: Real-Time Event Monitoring (Shield Event Monitoring) is not licensed in this org',
          line: 2,
        },
      ]);
      // The line is that of <encryptionScheme> in the object file SDR composed from the field files.
      const objectFile = componentFailures(result).find((f) => f.componentType === 'CustomField');
      expect(objectFile?.fileName).to.equal('objects/Patient__c.object');
      expect(emu.org.has('CustomObject', 'Patient__c')).to.be.false;
    });

    it('accepts the same source without Shield once no field is encrypted', async () => {
      const emu = await start({ shield: false });
      const conn = await connect(emu);
      const ssn = BASE_SOURCE['objects/Patient__c/fields/SSN__c.field-meta.xml'].replace(
        'ProbabilisticEncryption',
        'None'
      );
      const result = await deploy(
        conn,
        project({ ...BASE_SOURCE, 'objects/Patient__c/fields/SSN__c.field-meta.xml': ssn })
      );
      expect(result.response.status).to.equal(RequestStatus.Succeeded);
    });

    it('uses the highest version in /services/data as the API version, and refuses SOAP calls above it', async () => {
      const emu = await start({ apiVersion: '64.0' });
      const conn = await connect(emu, null);
      expect(conn.getApiVersion()).to.equal('64.0');
      const result = await deploy(
        conn,
        project({ 'settings/Security.settings-meta.xml': BASE_SOURCE['settings/Security.settings-meta.xml'] })
      );
      expect(result.response.status).to.equal(RequestStatus.Succeeded);
      expect(emu.calls.filter((c) => c.operation).map((c) => c.path)).to.include('/services/Soap/m/64.0');
      const pinned = await connect(emu, '66.0');
      const error = await rejection(pinned.metadata.list({ type: 'ApexClass' }));
      expect(error.errorCode).to.equal('sf:UNSUPPORTED_API_VERSION');
    });
  });

  describe('test runs', () => {
    it('runs exactly the specified tests and reports coverage of the classes deployed', async () => {
      const emu = await start();
      const conn = await connect(emu);
      const result = await deploy(conn, project(BASE_SOURCE), {
        testLevel: 'RunSpecifiedTests',
        runTests: ['PhiServiceTest'],
      });
      expect(result.response).to.include({
        status: RequestStatus.Succeeded,
        runTestsEnabled: true,
        numberTestsTotal: 2,
        numberTestsCompleted: 2,
        numberTestErrors: 0,
      });
      const tests = result.response.details.runTestResult;
      expect(tests).to.include({ numTestsRun: 2, numFailures: 0 });
      expect(Number(tests?.totalTime)).to.be.greaterThan(0);
      expect(asArray(tests?.successes).map((s) => `${s.name}.${s.methodName}`)).to.deep.equal([
        'PhiServiceTest.masksAllButLastFour',
        'PhiServiceTest.masksNull',
      ]);
      expect(asArray(tests?.successes)[0].id).to.match(/^01p\w{15}$/);
      expect(
        asArray(tests?.codeCoverage).map((c) => ({
          name: c.name,
          type: c.type,
          numLocations: c.numLocations,
          notCovered: c.numLocationsNotCovered,
        }))
      ).to.deep.equal([{ name: 'PhiService', type: 'Class', numLocations: 3, notCovered: 0 }]);
      expect(emu.deploys[0]).to.deep.include({ testLevel: 'RunSpecifiedTests', runTests: ['PhiServiceTest'] });
    });

    it('fails a deploy whose specified test class does not exist', async () => {
      const emu = await start();
      const conn = await connect(emu);
      const result = await deploy(conn, project(BASE_SOURCE), {
        testLevel: 'RunSpecifiedTests',
        runTests: ['NoSuchTest'],
      });
      expect(result.response).to.include({ status: RequestStatus.Failed, numberTestErrors: 1 });
      expect(asArray(result.response.details.runTestResult?.failures).map((f) => f.message)).to.deep.equal([
        "This class name's value is invalid: NoSuchTest. Provide the name of an Apex class that has test methods.",
      ]);
      expect(emu.org.has('ApexClass', 'PhiService')).to.be.false;
    });

    it('runs every test class of the org and the deploy for RunLocalTests', async () => {
      const emu = await start();
      const conn = await connect(emu);
      await deploy(conn, project(BASE_SOURCE));
      const result = await deploy(
        conn,
        project({ 'settings/Security.settings-meta.xml': BASE_SOURCE['settings/Security.settings-meta.xml'] }),
        {
          testLevel: 'RunLocalTests',
        }
      );
      expect(result.response).to.include({
        status: RequestStatus.Succeeded,
        numberTestsTotal: 2,
        runTestsEnabled: true,
      });
      expect(asArray(result.response.details.runTestResult?.codeCoverage).map((c) => c.name)).to.deep.equal([
        'PhiService',
      ]);
    });

    it('requires tests in production: the default level there is RunLocalTests, and NoTestRun is refused', async () => {
      const emu = await start({ isSandbox: false });
      const conn = await connect(emu);
      const byDefault = await deploy(conn, project(BASE_SOURCE));
      expect(byDefault.response).to.include({
        status: RequestStatus.Succeeded,
        runTestsEnabled: true,
        numberTestsTotal: 2,
      });
      const refused = await deploy(conn, project(BASE_SOURCE), { testLevel: 'NoTestRun' });
      expect(refused.response).to.include({
        status: RequestStatus.Failed,
        errorStatusCode: 'INVALID_OPERATION',
        errorMessage: 'testLevel of NoTestRun cannot be used in production organizations',
      });
    });

    it('enforces 75% coverage per deployed class for RunSpecifiedTests in production', async () => {
      const emu = await start({ isSandbox: false });
      const conn = await connect(emu);
      const unused = 'public class Unused {\n    public static Integer one() {\n        return 1;\n    }\n}\n';
      const result = await deploy(
        conn,
        project({
          ...BASE_SOURCE,
          'classes/Unused.cls': unused,
          'classes/Unused.cls-meta.xml': BASE_SOURCE['classes/PhiService.cls-meta.xml'],
        }),
        { testLevel: 'RunSpecifiedTests', runTests: ['PhiServiceTest'] }
      );
      expect(result.response).to.include({
        status: RequestStatus.Failed,
        numberTestErrors: 0,
        numberTestsCompleted: 2,
      });
      const tests = result.response.details.runTestResult;
      const unusedId = asArray(tests?.codeCoverage).find((c) => c.name === 'Unused')?.id;
      expect(asArray(tests?.codeCoverageWarnings).map((w) => [w.id, w.message])).to.deep.equal([
        [unusedId, 'Test coverage of selected Apex Class is 0%, at least 75% test coverage is required'],
      ]);
      expect(asArray(tests?.codeCoverage).map((c) => [c.name, c.numLocations, c.numLocationsNotCovered])).to.deep.equal(
        [
          ['PhiService', 3, 0],
          ['Unused', 1, 1],
        ]
      );
      expect(emu.org.has('ApexClass', 'Unused')).to.be.false;
    });
  });

  describe('compile errors', () => {
    it('fails an Apex class that does not parse, at the parser position', async () => {
      const emu = await start();
      const conn = await connect(emu);
      const broken = BASE_SOURCE['classes/PhiService.cls'].replace("return '';", "return ''");
      const result = await deploy(conn, project({ ...BASE_SOURCE, 'classes/PhiService.cls': broken }));
      expect(componentFailures(result).map((f) => [f.fullName, f.problem, f.lineNumber, f.columnNumber])).to.deep.equal(
        [['PhiService', "Missing ';' at '}'", 3, 38]]
      );
    });
  });

  describe('faults', () => {
    it('componentFailure: fails that component with the given problem and position, once', async () => {
      const emu = await start();
      const conn = await connect(emu);
      emu.inject({
        kind: 'componentFailure',
        type: 'ApexClass',
        fullName: 'PhiService',
        problem: 'Variable does not exist: ssn',
        line: 4,
        column: 16,
      });
      const failed = await deploy(conn, project(BASE_SOURCE));
      expect(
        componentFailures(failed).map((f) => [f.componentType, f.fullName, f.problem, f.lineNumber, f.columnNumber])
      ).to.deep.equal([['ApexClass', 'PhiService', 'Variable does not exist: ssn', 4, 16]]);
      expect(failedFiles(failed)[0]).to.include({ fullName: 'PhiService', lineNumber: 4 });
      expect(emu.org.has('ApexClass', 'PhiService')).to.be.false;
      expect((await deploy(conn, project(BASE_SOURCE))).response.status).to.equal(RequestStatus.Succeeded);
    });

    it('testFailure: fails that test method, the deploy fails and nothing persists', async () => {
      const emu = await start();
      const conn = await connect(emu);
      emu.inject({
        kind: 'testFailure',
        className: 'PhiServiceTest',
        methodName: 'masksNull',
        message: 'System.AssertException: Assertion Failed: Expected: , Actual: null',
      });
      const result = await deploy(conn, project(BASE_SOURCE), {
        testLevel: 'RunSpecifiedTests',
        runTests: ['PhiServiceTest'],
      });
      expect(result.response).to.include({
        status: RequestStatus.Failed,
        numberTestErrors: 1,
        numberTestsCompleted: 1,
        numberTestsTotal: 2,
      });
      expect(asArray(result.response.details.runTestResult?.failures)).to.deep.equal([
        {
          id: asArray(result.response.details.runTestResult?.successes)[0].id,
          message: 'System.AssertException: Assertion Failed: Expected: , Actual: null',
          methodName: 'masksNull',
          name: 'PhiServiceTest',
          namespace: null,
          packageName: 'PhiServiceTest',
          stackTrace: 'Class.PhiServiceTest.masksNull: line 9, column 1',
          time: 8,
          type: 'Class',
        },
      ]);
      expect(emu.org.has('ApexClass', 'PhiService')).to.be.false;
    });

    it('http500 on deploy: the SOAP fault UNKNOWN_EXCEPTION reaches the caller of deploy(); the next deploy works', async () => {
      const emu = await start();
      const conn = await connect(emu);
      emu.inject({ kind: 'http500', operation: 'deploy' });
      const error = await rejection(
        ComponentSet.fromSource(project(BASE_SOURCE)).deploy({ usernameOrConnection: conn })
      );
      expect(error).to.be.instanceOf(Error).and.include({ errorCode: 'sf:UNKNOWN_EXCEPTION' });
      expect((await deploy(conn, project(BASE_SOURCE))).response.status).to.equal(RequestStatus.Succeeded);
    });

    it('http500 on checkDeployStatus: SDR does not retry it, pollStatus rejects (the deploy itself completes in the org)', async () => {
      const emu = await start();
      const conn = await connect(emu);
      emu.inject({ kind: 'http500', operation: 'checkDeployStatus' });
      const operation = await ComponentSet.fromSource(project(BASE_SOURCE)).deploy({ usernameOrConnection: conn });
      const error = await rejection(operation.pollStatus(POLL));
      expect(error).to.be.instanceOf(Error);
      expect(error.message).to.equal(
        'Metadata API request failed: UNKNOWN_EXCEPTION: An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)'
      );
      expect(emu.calls.filter((c) => c.operation === 'checkDeployStatus').map((c) => c.status)).to.deep.equal([500]);
      // Polling again (as `sf project deploy resume` would) finds the finished deploy.
      const resumed = await operation.pollStatus(POLL);
      expect(resumed?.response.status).to.equal(RequestStatus.Succeeded);
    });

    it('serviceUnavailable on checkDeployStatus: SDR treats ERROR_HTTP_503 as transient and the deploy still completes', async () => {
      const emu = await start();
      const conn = await connect(emu);
      emu.inject({ kind: 'serviceUnavailable', operation: 'checkDeployStatus', times: 2 });
      const result = await deploy(conn, project(BASE_SOURCE));
      expect(result.response.status).to.equal(RequestStatus.Succeeded);
      expect(emu.calls.filter((c) => c.operation === 'checkDeployStatus').map((c) => c.status)).to.deep.equal([
        503, 503, 200, 200,
      ]);
    });

    it('dropConnection on checkDeployStatus: undici reports "fetch failed", which SDR does not retry, so pollStatus rejects', async () => {
      const emu = await start();
      const conn = await connect(emu);
      emu.inject({ kind: 'dropConnection', operation: 'checkDeployStatus' });
      const operation = await ComponentSet.fromSource(project(BASE_SOURCE)).deploy({ usernameOrConnection: conn });
      const error = await rejection(operation.pollStatus(POLL));
      expect(error.message).to.equal('Metadata API request failed: fetch failed');
      expect(emu.calls.filter((c) => c.operation === 'checkDeployStatus').map((c) => c.status)).to.deep.equal([
        undefined,
      ]);
    });

    it('dropConnection on deploy: jsforce does not retry a POST, deploy() rejects with "fetch failed"', async () => {
      const emu = await start();
      const conn = await connect(emu);
      emu.inject({ kind: 'dropConnection', operation: 'deploy' });
      const error = await rejection(
        ComponentSet.fromSource(project(BASE_SOURCE)).deploy({ usernameOrConnection: conn })
      );
      expect(error.message).to.equal('fetch failed');
      expect(emu.deploys).to.have.length(0);
    });

    it('invalidSession on checkDeployStatus: an access-token login cannot refresh, so INVALID_SESSION_ID surfaces', async () => {
      const emu = await start();
      const conn = await connect(emu);
      emu.inject({ kind: 'invalidSession', operation: 'checkDeployStatus' });
      const operation = await ComponentSet.fromSource(project(BASE_SOURCE)).deploy({ usernameOrConnection: conn });
      const error = await rejection(operation.pollStatus(POLL));
      expect(error.message).to.equal(
        'Metadata API request failed: INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session'
      );
    });

    it('invalidSession and http500 on listMetadata/readMetadata reject with the SOAP fault code', async () => {
      const emu = await start();
      const conn = await connect(emu);
      emu.inject({ kind: 'invalidSession', operation: 'listMetadata' });
      emu.inject({ kind: 'http500', operation: 'readMetadata' });
      const list = await rejection(conn.metadata.list({ type: 'ApexClass' }));
      const read = await rejection(conn.metadata.read('PermissionSet', 'X'));
      expect([list.errorCode, read.errorCode]).to.deep.equal(['sf:INVALID_SESSION_ID', 'sf:UNKNOWN_EXCEPTION']);
      expect(await conn.metadata.list({ type: 'ApexClass' })).to.deep.equal([]);
    });

    it('http500 and dropConnection on checkRetrieveStatus: pollStatus rejects', async () => {
      const emu = await start();
      const conn = await connect(emu);
      emu.org.setFile('permissionsets/A.permissionset', META('PermissionSet', '    <label>A</label>\n'));
      emu.inject({ kind: 'http500', operation: 'checkRetrieveStatus' });
      const first = await rejection(retrieve(conn, [{ type: 'PermissionSet', fullName: 'A' }]));
      expect(first.message).to.match(/^Metadata API request failed: UNKNOWN_EXCEPTION/);
      emu.inject({ kind: 'dropConnection', operation: 'checkRetrieveStatus' });
      const second = await rejection(retrieve(conn, [{ type: 'PermissionSet', fullName: 'A' }]));
      expect(second.message).to.equal('Metadata API request failed: fetch failed');
      const third = await retrieve(conn, [{ type: 'PermissionSet', fullName: 'A' }]);
      expect(retrievedSource(third.result).get('permissionsets/A.permissionset-meta.xml')).to.equal(
        emu.org.file('permissionsets/A.permissionset')
      );
    });

    it('slowPolling: answers InProgress the extra times; pollStatus waits, or times out with a short timeout', async () => {
      const emu = await start();
      const conn = await connect(emu);
      emu.inject({ kind: 'slowPolling', polls: 4 });
      const result = await deploy(conn, project(BASE_SOURCE));
      expect(result.response.status).to.equal(RequestStatus.Succeeded);
      expect(emu.calls.filter((c) => c.operation === 'checkDeployStatus')).to.have.length(1 + 4 + 1);

      emu.inject({ kind: 'slowPolling', polls: 1000 });
      const operation = await ComponentSet.fromSource(project(BASE_SOURCE)).deploy({ usernameOrConnection: conn });
      const error = await rejection(
        operation.pollStatus({ frequency: Duration.milliseconds(50), timeout: Duration.milliseconds(300) })
      );
      expect(error.message).to.equal('Metadata API request failed: The client has timed out.');
    });

    it('cancelDeploy: the running deploy ends Canceled and nothing persists; canceling a finished deploy is a fault', async () => {
      const emu = await start({ pollsBeforeDone: 40 });
      const conn = await connect(emu);
      const operation = await ComponentSet.fromSource(project(BASE_SOURCE)).deploy({ usernameOrConnection: conn });
      const polling = operation.pollStatus(POLL);
      await operation.cancel();
      const result = await polling;
      expect(result?.response).to.include({ status: RequestStatus.Canceled, done: true, success: false });
      expect(emu.deploys[0]).to.include({ status: 'Canceled', persisted: false });
      expect(emu.org.has('PermissionSet', 'PHI_Reader')).to.be.false;
      const again = await rejection(conn.metadata.cancelDeploy(emu.deploys[0].id));
      expect(again).to.include({ errorCode: 'sf:INVALID_ID_FIELD' });
    });

    it('clearFaults drops pending faults', async () => {
      const emu = await start();
      const conn = await connect(emu);
      emu.inject({ kind: 'http500', operation: 'listMetadata', times: 5 });
      emu.clearFaults();
      expect(await conn.metadata.list({ type: 'ApexClass' })).to.deep.equal([]);
    });
  });

  it('runs two emulated orgs at once, each with its own state', async () => {
    const [a, b] = await Promise.all([start({ orgId: '00D000000000002AAA' }), start({ orgId: '00D000000000003AAA' })]);
    expect(a.instanceUrl).not.to.equal(b.instanceUrl);
    const [connA, connB] = await Promise.all([connect(a), connect(b)]);
    const [resultA, resultB] = await Promise.all([
      deploy(
        connA,
        project({ 'settings/Security.settings-meta.xml': BASE_SOURCE['settings/Security.settings-meta.xml'] })
      ),
      deploy(
        connB,
        project({
          'classes/PhiService.cls': BASE_SOURCE['classes/PhiService.cls'],
          'classes/PhiService.cls-meta.xml': BASE_SOURCE['classes/PhiService.cls-meta.xml'],
        })
      ),
    ]);
    expect([resultA.response.status, resultB.response.status]).to.deep.equal([
      RequestStatus.Succeeded,
      RequestStatus.Succeeded,
    ]);
    expect([a.org.has('Settings', 'Security'), a.org.has('ApexClass', 'PhiService')]).to.deep.equal([true, false]);
    expect([b.org.has('Settings', 'Security'), b.org.has('ApexClass', 'PhiService')]).to.deep.equal([false, true]);
    expect(connA.getAuthInfoFields().orgId).to.equal('00D000000000002AAA');
    expect(connB.getAuthInfoFields().orgId).to.equal('00D000000000003AAA');
  });
});
