import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { prepareDeploy } from '../../../src/deploy/prepare.js';
import { generateBaseline } from '../../../src/project/generate.js';
import { findProject, type ProjectInfo } from '../../../src/shared/project.js';
import { copyExample } from '../../support/projects.js';

async function generated(): Promise<{ dir: string; project: ProjectInfo }> {
  const dir = copyExample();
  const project = (await findProject(dir)) as ProjectInfo;
  await generateBaseline({ profileFile: join(dir, 'hipaa-profile.yaml'), project, dryRun: false, force: false });
  return { dir, project };
}

describe('deploy preparation', () => {
  it('sends exactly what generate wrote, and finds the generated test classes itself', async () => {
    const { dir, project } = await generated();
    const prepared = await prepareDeploy(join(dir, 'hipaa-profile.yaml'), project);
    if (prepared.status !== 'ready') throw new Error(prepared.status);
    expect(prepared.files).to.have.length(84);
    expect(prepared.stale).to.deep.equal([]);
    expect(prepared.edited).to.deep.equal([]);
    expect(prepared.testClasses).to.deep.equal([
      'RFC_BlockPhiApiQueryCondTest',
      'RFC_BlockPhiReportExportCondTest',
      'RFC_EmergencyUseApiCondTest',
      'RFC_EmergencyUseListViewCondTest',
      'RFC_EmergencyUseReportCondTest',
      'RFC_NotifyEmergencyAccessCondTest',
      'RFC_PhiSafeLogTest',
      'RFC_Purge_EncounterTest',
      'RFC_StepUpPhiListViewCondTest',
    ]);
  });

  it('names generated files that are out of date with the profile, and files edited by hand', async () => {
    const { dir, project } = await generated();
    const profile = join(dir, 'hipaa-profile.yaml');
    writeFileSync(profile, readFileSync(profile, 'utf8').replace('timeoutMinutes: 15', 'timeoutMinutes: 30').replace(/\n {2}FrontDesk:\n(?: {4}.*\n)+/, '\n'));
    appendFileSync(join(dir, 'force-app/main/default/classes/RFC_PhiSafeLog.cls'), '// local change\n');
    const prepared = await prepareDeploy(profile, project);
    if (prepared.status !== 'ready') throw new Error(prepared.status);
    expect(prepared.stale).to.deep.include({ path: 'force-app/main/default/settings/Security.settings-meta.xml', reason: 'outdated' });
    expect(prepared.stale).to.deep.include({ path: 'force-app/main/default/permissionsets/RFC_FrontDesk.permissionset-meta.xml', reason: 'obsolete' });
    expect(prepared.edited).to.deep.equal(['force-app/main/default/classes/RFC_PhiSafeLog.cls']);
  });

  it('has nothing to send before generate ran, and nothing at all for an invalid profile', async () => {
    const dir = copyExample();
    const project = (await findProject(dir)) as ProjectInfo;
    expect((await prepareDeploy(join(dir, 'hipaa-profile.yaml'), project)).status).to.equal('empty');
    writeFileSync(join(dir, 'hipaa-profile.yaml'), 'version: 1\n');
    expect((await prepareDeploy(join(dir, 'hipaa-profile.yaml'), project)).status).to.equal('invalid');
  });
});
