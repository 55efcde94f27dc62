import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { generateBaseline, type GenerateOptions } from '../../../src/project/generate.js';
import { findProject, type ProjectInfo } from '../../../src/shared/project.js';
import { FIXTURES, GOLDEN } from '../../support/paths.js';
import { copyExample, copyProject, snapshot } from '../../support/projects.js';

const GOLDEN_RIVERSIDE = join(GOLDEN, 'riverside');

async function run(dir: string, options: Partial<GenerateOptions> = {}): Promise<Awaited<ReturnType<typeof generateBaseline>>> {
  const project = (await findProject(dir)) as ProjectInfo;
  return generateBaseline({ profileFile: join(dir, 'hipaa-profile.yaml'), project, dryRun: false, force: false, ...options });
}

describe('generate pipeline', () => {
  it('writes the golden baseline of the bundled example', async () => {
    const dir = copyExample();
    const outcome = await run(dir);
    expect(outcome.status).to.equal('written');
    const written = snapshot(dir);
    written.delete('sfdx-project.json');
    written.delete('hipaa-profile.yaml');
    if (process.env.UPDATE_GOLDEN) {
      rmSync(GOLDEN_RIVERSIDE, { recursive: true, force: true });
      for (const [path, text] of written) {
        mkdirSync(join(GOLDEN_RIVERSIDE, path, '..'), { recursive: true });
        writeFileSync(join(GOLDEN_RIVERSIDE, path), text);
      }
    }
    expect([...written.keys()]).to.deep.equal([...snapshot(GOLDEN_RIVERSIDE).keys()]);
    for (const [path, text] of snapshot(GOLDEN_RIVERSIDE)) expect(written.get(path), path).to.equal(text);
  });

  it('is byte-identical run to run, and a second run changes nothing', async () => {
    const a = copyExample();
    const b = copyExample();
    await run(a);
    await run(b);
    const first = snapshot(a);
    expect([...snapshot(b).values()]).to.deep.equal([...first.values()]);
    const again = await run(a);
    expect(again.status === 'written' && again.plan.files.every((f) => f.action === 'unchanged')).to.be.true;
    expect(snapshot(a)).to.deep.equal(first);
  });

  it('records each generated file with its SHA-256 and control ids', async () => {
    const dir = copyExample();
    await run(dir);
    const manifest = JSON.parse(readFileSync(join(dir, '.sf-hipaa', 'manifest.json'), 'utf8')) as { files: Array<{ path: string; controls: string[]; sha256: string; created: boolean }> };
    const billing = manifest.files.find((f) => f.path === 'force-app/main/default/permissionsets/RFC_Billing.permissionset-meta.xml');
    expect(billing?.controls).to.include.members(['access.minimum-necessary', 'access.role-permissions', 'auth.mfa']);
    expect(billing?.sha256).to.match(/^[0-9a-f]{64}$/);
    expect(manifest.files).to.have.length(84);
  });

  it('sets only the owned elements in hand-made files and never touches files the baseline does not own', async () => {
    const dir = copyProject(join(FIXTURES, 'merge-project'));
    const before = snapshot(dir);
    const outcome = await run(dir);
    expect(outcome.status).to.equal('written');
    const after = snapshot(dir);
    for (const untouched of ['force-app/main/default/objects/Contact/listViews/AllContacts.listView-meta.xml', 'force-app/main/default/classes/ContactService.cls', 'force-app/main/default/classes/ContactService.cls-meta.xml']) {
      expect(after.get(untouched), untouched).to.equal(before.get(untouched));
    }
    const contact = after.get('force-app/main/default/objects/Contact/Contact.object-meta.xml') ?? '';
    expect(contact).to.include('<actionName>View</actionName>').and.include('<enableFeeds>true</enableFeeds>').and.include('<sharingModel>ControlledByParent</sharingModel>');
    expect(contact).to.include('<enableHistory>true</enableHistory>').and.not.include('<enableHistory>false</enableHistory>');
    const field = after.get('force-app/main/default/objects/Contact/fields/Medicaid_Id__c.field-meta.xml') ?? '';
    expect(field).to.include('<label>Medicaid ID</label>').and.include('<inlineHelpText>As printed on the member card.</inlineHelpText>').and.include('<length>20</length>');
    expect(field).to.include('<encryptionScheme>ProbabilisticEncryption</encryptionScheme>').and.include('<trackHistory>true</trackHistory>').and.include('<complianceGroup>HIPAA</complianceGroup>');
    expect(field.indexOf('<encryptionScheme>')).to.be.lessThan(field.indexOf('<externalId>'));
    const security = after.get('force-app/main/default/settings/Security.settings-meta.xml') ?? '';
    expect(security).to.include('<description>Clinic network</description>').and.include('<enableClickjackSetup>true</enableClickjackSetup>');
    expect(security).to.include('<sessionTimeout>FifteenMinutes</sessionTimeout>').and.not.include('TwoHours');
    expect(security.indexOf('<enableClickjackSetup>')).to.be.lessThan(security.indexOf('<forceLogoutOnSessionTimeout>'));
    const entry = outcome.status === 'written' ? outcome.plan.files.find((f) => f.path.endsWith('Medicaid_Id__c.field-meta.xml')) : undefined;
    expect(entry?.action).to.equal('changed');
  });

  it('leaves the label of a merged file alone on later runs and does not call edits outside its elements hand edits', async () => {
    const dir = copyProject(join(FIXTURES, 'merge-project'));
    await run(dir);
    const path = join(dir, 'force-app/main/default/objects/Contact/fields/Medicaid_Id__c.field-meta.xml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('<label>Medicaid ID</label>', '<label>Medicaid Number</label>'));
    const again = await run(dir);
    expect(again.status).to.equal('written');
    expect(readFileSync(path, 'utf8')).to.include('<label>Medicaid Number</label>');
  });

  it('refuses to overwrite a generated file edited by hand, names it, and writes nothing; --force overwrites', async () => {
    const dir = copyExample();
    await run(dir);
    const path = join(dir, 'force-app/main/default/permissionsets/RFC_Billing.permissionset-meta.xml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('<label>Billing</label>', '<label>Billing (mine)</label>'));
    const profile = join(dir, 'hipaa-profile.yaml');
    writeFileSync(profile, readFileSync(profile, 'utf8').replace('timeoutMinutes: 15', 'timeoutMinutes: 30'));
    const before = snapshot(dir);
    const refused = await run(dir);
    expect(refused.status).to.equal('refused');
    expect(refused.status === 'refused' && refused.plan.conflicts.map((f) => f.path)).to.deep.equal(['force-app/main/default/permissionsets/RFC_Billing.permissionset-meta.xml']);
    expect(snapshot(dir)).to.deep.equal(before);

    expect((await run(dir, { force: true })).status).to.equal('written');
    expect(readFileSync(path, 'utf8')).to.include('<label>Billing</label>');
    expect(readFileSync(join(dir, 'force-app/main/default/settings/Security.settings-meta.xml'), 'utf8')).to.include('ThirtyMinutes');
  });

  it('removes what the profile no longer produces, unless it was edited by hand', async () => {
    const dir = copyExample();
    await run(dir);
    const profile = join(dir, 'hipaa-profile.yaml');
    const text = readFileSync(profile, 'utf8');
    writeFileSync(profile, text.replace(/ {2}Billing:\n(?: {4}.*\n)+/, ''));
    const outcome = await run(dir);
    expect(outcome.status === 'written' && outcome.plan.files.filter((f) => f.action === 'removed').map((f) => f.path)).to.deep.equal(['force-app/main/default/permissionsets/RFC_Billing.permissionset-meta.xml']);
    expect(existsSync(join(dir, 'force-app/main/default/permissionsets/RFC_Billing.permissionset-meta.xml'))).to.be.false;

    writeFileSync(profile, text);
    await run(dir);
    const path = join(dir, 'force-app/main/default/permissionsets/RFC_FrontDesk.permissionset-meta.xml');
    writeFileSync(path, `${readFileSync(path, 'utf8')}<!-- mine -->\n`);
    writeFileSync(profile, text.replace(/ {2}FrontDesk:\n(?: {4}.*\n)+/, ''));
    const refused = await run(dir);
    expect(refused.status).to.equal('refused');
    expect(existsSync(path)).to.be.true;
  });

  it('writes nothing on a dry run, and reports the same plan', async () => {
    const dir = copyExample();
    const before = snapshot(dir);
    const outcome = await run(dir, { dryRun: true });
    expect(outcome.status).to.equal('planned');
    expect(outcome.status === 'planned' && outcome.plan.files.filter((f) => f.action === 'created')).to.have.length(84);
    expect(snapshot(dir)).to.deep.equal(before);
  });

  it('writes nothing when the profile is invalid', async () => {
    const dir = copyExample();
    const profile = join(dir, 'hipaa-profile.yaml');
    writeFileSync(profile, readFileSync(profile, 'utf8').replace('category: mrn', 'category: mnr'));
    const before = snapshot(dir);
    const outcome = await run(dir);
    expect(outcome.status === 'invalid' && outcome.errors.map((e) => e.keyPath)).to.deep.equal(['phi.objects.Patient__c.fields.Medical_Record_Number__c.category']);
    expect(snapshot(dir)).to.deep.equal(before);
  });

  it('leaves the tree exactly as it was when a write fails', async () => {
    const dir = copyExample();
    await run(dir);
    const profile = join(dir, 'hipaa-profile.yaml');
    const visit = '    Visit__c:\n      scaffold: true\n      label: Visit\n      fields:\n        Reason__c: { category: clinical, type: TextArea }\n';
    writeFileSync(profile, readFileSync(profile, 'utf8').replace('timeoutMinutes: 15', 'timeoutMinutes: 30').replace('    Contact:\n', `${visit}    Contact:\n`));
    // A file where the new object's folder must go: its files cannot be written, after others were staged.
    writeFileSync(join(dir, 'force-app/main/default/objects/Visit__c'), 'in the way');
    const before = snapshot(dir);
    let error: NodeJS.ErrnoException | undefined;
    try {
      await run(dir);
    } catch (e) {
      error = e as NodeJS.ErrnoException;
    }
    expect(error?.code).to.equal('ENOTDIR');
    expect(snapshot(dir)).to.deep.equal(before);
  });

  it('leaves the tree exactly as it was when interrupted', async () => {
    const dir = copyExample();
    const before = snapshot(dir);
    const abort = new AbortController();
    abort.abort();
    let error: unknown;
    try {
      await run(dir, { signal: abort.signal });
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).to.match(/interrupted/);
    expect(snapshot(dir)).to.deep.equal(before);
    expect(existsSync(join(dir, 'force-app'))).to.be.false;
  });
});
