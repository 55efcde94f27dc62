import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SfError } from '@salesforce/core';
import { expect } from 'chai';
import { findProject, projectFacts } from '../../../src/shared/project.js';
import { FIXTURES } from '../../support/paths.js';

describe('project discovery', () => {
  it('finds the project root, its package directories and sourceApiVersion from a subfolder', async () => {
    const project = await findProject(join(FIXTURES, 'clinic-project', 'force-app', 'main'));
    expect(project?.root).to.equal(join(FIXTURES, 'clinic-project'));
    expect(project?.packageDirs).to.deep.equal([join(FIXTURES, 'clinic-project', 'force-app')]);
    expect(project?.sourceApiVersion).to.equal('64.0');
  });

  it('is undefined outside any project', async () => {
    expect(await findProject(mkdtempSync(join(tmpdir(), 'sf-hipaa-none-')))).to.be.undefined;
  });

  it('accepts a project whose package directory does not exist yet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sf-hipaa-new-'));
    writeFileSync(join(dir, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'app', default: true }] }));
    const project = await findProject(dir);
    expect(project?.defaultPackageDir).to.equal(join(dir, 'app'));
    expect(projectFacts(project).field?.('Member__c', 'SSN__c')).to.be.undefined;
  });

  it('names the file when sfdx-project.json is not JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sf-hipaa-bad-'));
    mkdirSync(join(dir, 'force-app'));
    writeFileSync(join(dir, 'sfdx-project.json'), '{ "packageDirectories": [ }');
    try {
      await findProject(dir);
      expect.fail('expected InvalidProjectFileError');
    } catch (e) {
      expect((e as SfError).name).to.equal('InvalidProjectFileError');
      expect((e as SfError).message).to.include(join(dir, 'sfdx-project.json'));
    }
  });

  it('reads field types through source-deploy-retrieve, once, only when asked', () => {
    const facts = projectFacts({ root: '', packageDirs: [join(FIXTURES, 'clinic-project', 'force-app')], defaultPackageDir: '' });
    expect(facts.field?.('Member__c', 'SSN__c')).to.deep.include({ type: 'Text', length: 11, label: 'Social Security Number' });
    expect(facts.field?.('Contact', 'Medicaid_Id__c')?.type).to.equal('Text');
    expect(facts.field?.('Member__c', 'Nope__c')).to.be.undefined;
  });
});
