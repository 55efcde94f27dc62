import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { expect } from 'chai';
import { generateBaseline } from '../../../src/project/generate.js';
import { findProject, type ProjectInfo } from '../../../src/shared/project.js';
import { copyExample } from '../../support/projects.js';

type ManifestFile = { path: string; type: string; fullName: string };

describe('generated source and source-deploy-retrieve', () => {
  let dir: string;
  let manifest: ManifestFile[];

  before(async () => {
    dir = copyExample();
    const project = (await findProject(dir)) as ProjectInfo;
    await generateBaseline({ profileFile: join(dir, 'hipaa-profile.yaml'), project, dryRun: false, force: false });
    manifest = (JSON.parse(readFileSync(join(dir, '.sf-hipaa', 'manifest.json'), 'utf8')) as { files: ManifestFile[] }).files;
  });

  it('resolves every generated file to the type and name the baseline intended', () => {
    const resolved = ComponentSet.fromSource(join(dir, 'force-app'))
      .getSourceComponents()
      .toArray()
      .flatMap((c) => [c, ...c.getChildren()])
      // A class resolves from its metadata file and from its code file.
      .flatMap((c) =>
        [c.xml, c.content].filter((p): p is string => typeof p === 'string').map((p) => ({ type: c.type.name, fullName: c.fullName, path: p.slice(dir.length + 1) }))
      );
    for (const file of manifest) {
      expect(resolved, file.path).to.deep.include({ type: file.type, fullName: file.fullName, path: file.path });
    }
  });

  it('converts the output to a deployable metadata package', async () => {
    const components = ComponentSet.fromSource(join(dir, 'force-app'));
    components.sourceApiVersion = '66.0';
    components.apiVersion = '66.0';
    const output = mkdtempSync(join(tmpdir(), 'sf-hipaa-mdapi-'));
    await new MetadataConverter().convert(components, 'metadata', { type: 'directory', outputDirectory: output, genUniqueDir: false });
    const packageXml = readFileSync(join(output, 'package.xml'), 'utf8');
    expect(packageXml).to.include('<version>66.0</version>');
    for (const type of ['PermissionSet', 'CustomObject', 'CustomField', 'Settings', 'ExternalClientApplication', 'NamedCredential', 'ExternalCredential', 'ApexClass', 'Flow', 'TransactionSecurityPolicy']) {
      expect(packageXml, type).to.include(`<name>${type}</name>`);
    }
    expect(existsSync(join(output, 'permissionsets', 'RFC_Billing.permissionset'))).to.be.true;
    expect(existsSync(join(output, 'settings', 'Security.settings'))).to.be.true;
    expect(existsSync(join(output, 'classes', 'RFC_PhiSafeLog.cls'))).to.be.true;
    expect(existsSync(join(output, 'classes', 'RFC_PhiSafeLog.cls-meta.xml'))).to.be.true;
    for (const file of ['flows/RFC_Purge_Patient.flow', 'transactionSecurityPolicies/RFC_EmergencyUseApi.transactionSecurityPolicy', 'settings/RealTimeEvent.settings', 'objects/RFC_Disposal_Log__c.object']) {
      expect(existsSync(join(output, file)), file).to.be.true;
    }
    expect(packageXml).to.include('<members>RFC_Disposal_Log__c</members>').and.include('<members>RFC_Purge_Patient</members>');
    const patient = readFileSync(join(output, 'objects', 'Patient__c.object'), 'utf8');
    expect(patient).to.include('<fullName>Medical_Record_Number__c</fullName>').and.include('<encryptionScheme>CaseSensitiveDeterministicEncryption</encryptionScheme>');
  });
});
