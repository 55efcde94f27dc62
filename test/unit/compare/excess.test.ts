import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { auditExcess, auditExcessInParallel } from '../../../src/compare/excess.js';
import { readSourceFiles } from '../../../src/org/auditSource.js';
import { resolveSource } from '../../../src/org/sdr.js';
import { loadProfileText } from '../../../src/profile/load.js';
import { EXAMPLE_PROFILE, GOLDEN } from '../../support/paths.js';

describe('excess over many permission holders', () => {
  it('finds the same, in the same order, on a worker thread as on this one', async () => {
    const loaded = loadProfileText('hipaa-profile.yaml', readFileSync(EXAMPLE_PROFILE, 'utf8'));
    if (!loaded.valid) throw new Error(JSON.stringify(loaded.errors));
    const root = mkdtempSync(join(tmpdir(), 'sf-hipaa-excess-'));
    const sets = join(root, 'force-app', 'main', 'default', 'permissionsets');
    cpSync(join(GOLDEN, 'riverside', 'force-app', 'main', 'default', 'permissionsets'), sets, { recursive: true });
    const clinician = readFileSync(join(sets, 'RFC_Clinician.permissionset-meta.xml'), 'utf8');
    for (let i = 1; i <= 6; i++) writeFileSync(join(sets, `Legacy${i}.permissionset-meta.xml`), clinician);
    const files = readSourceFiles(resolveSource([join(root, 'force-app')])).filter((f) => f.fullName.startsWith('Legacy'));
    const job = { files, profile: loaded.profile, root };

    const here = auditExcess(job);
    const split = await auditExcessInParallel(job, 0);
    expect(here.length).to.be.greaterThan(6);
    expect(split).to.deep.equal(here);
    expect(new Set(split.map((f) => f.component?.fullName))).to.deep.equal(new Set(files.map((f) => f.fullName)));
    expect(split.every((f) => f.kind === 'excess' && f.location?.file.startsWith('force-app/main/default/permissionsets/Legacy'))).to.equal(true);
  });
});
