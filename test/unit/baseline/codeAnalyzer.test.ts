import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodeAnalyzer, CodeAnalyzerConfig } from '@salesforce/code-analyzer-core';
import { createEnginePlugin } from '@salesforce/code-analyzer-pmd-engine';
import { expect } from 'chai';
import { buildBaseline } from '../../../src/baseline/registry.js';
import { loadProfileText } from '../../../src/profile/load.js';
import { EXAMPLE_PROFILE, FIXTURES } from '../../support/paths.js';

/**
 * Every Apex class the baseline generates passes Salesforce Code Analyzer's PMD Security and Best Practices rules
 * (PMD runs on Java, which the machine has).
 */
describe('generated Apex under Salesforce Code Analyzer (PMD)', function () {
  this.timeout(180_000);

  it('has zero violations of the Security and Best Practices rules', async () => {
    const profiles = ['minimal', 'relaxed-with-justifications', 'every-apex-shape'].map((f) => readFileSync(join(FIXTURES, 'profiles', 'valid', `${f}.yaml`), 'utf8'));
    profiles.push(readFileSync(EXAMPLE_PROFILE, 'utf8'));
    const dir = mkdtempSync(join(tmpdir(), 'sf-hipaa-pmd-'));
    let classes = 0;
    profiles.forEach((text, i) => {
      const loaded = loadProfileText('p.yaml', text.replace(/^prefix: \w+\n/m, '').replace('version: 1', `version: 1\nprefix: P${i}`));
      if (!loaded.valid) throw new Error(JSON.stringify(loaded.errors));
      for (const c of buildBaseline(loaded.profile).filter((x) => x.code)) {
        writeFileSync(join(dir, `${c.fullName}.cls`), c.code ?? '');
        classes++;
      }
    });
    expect(classes).to.be.greaterThan(0);

    const analyzer = new CodeAnalyzer(CodeAnalyzerConfig.withDefaults());
    await analyzer.addEnginePlugin(createEnginePlugin());
    const workspace = await analyzer.createWorkspace([dir]);
    const selection = await analyzer.selectRules(['pmd:Security', 'pmd:BestPractices'], { workspace });
    expect(selection.getCount()).to.be.greaterThan(20);
    const results = await analyzer.run(selection, { workspace });
    const violations = results.getViolations().map((v) => `${v.getRule().getName()} ${v.getPrimaryLocation().getFile() ?? ''}:${v.getPrimaryLocation().getStartLine() ?? 0} ${v.getMessage()}`);
    expect(violations).to.deep.equal([]);
  });
});
