import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { citationsOf, ControlCatalog, formatCitation, getControl, isControlId } from '../../../src/controls/catalog.js';
import { REPO_ROOT } from '../../support/paths.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('control catalog', () => {
  it('gives every control a title, an intent and citations of 45 CFR 164', () => {
    expect(ControlCatalog.size).to.be.at.least(15);
    for (const control of ControlCatalog.values()) {
      expect(control.title, control.id).to.not.be.empty;
      expect(control.intent, control.id).to.not.be.empty;
      expect(control.citations, control.id).to.not.be.empty;
      for (const c of control.citations) {
        expect(c.cfr).to.match(/^164\.\d{3}\([a-z]\)(\(\d+\))?(\([ivx]+\))?(\([A-Z]\))?$/);
        expect(['Required', 'Addressable', 'Standard']).to.include(c.implementation);
      }
    }
  });

  it('maps the controls the profile format names to their citations', () => {
    expect(getControl('encryption.at-rest').citations.map((c) => c.cfr)).to.deep.equal(['164.312(a)(2)(iv)']);
    expect(getControl('auth.automatic-logoff').citations.map(formatCitation)).to.deep.equal(['164.312(a)(2)(iii) Automatic logoff (Addressable)']);
    expect(getControl('disposal.retention').citations[0]).to.deep.equal({ cfr: '164.310(d)(2)(i)', name: 'Disposal', implementation: 'Required' });
    expect(getControl('access.emergency').citations[0].implementation).to.equal('Required');
    expect(citationsOf(['access.role-permissions', 'access.minimum-necessary']).map((c) => c.cfr)).to.deep.equal([
      '164.308(a)(4)', '164.308(a)(4)(ii)(B)', '164.308(a)(4)(ii)(C)', '164.312(a)(1)', '164.502(b)', '164.514(d)(2)',
    ]);
  });

  it('is immutable', () => {
    expect(Object.isFrozen(getControl('auth.mfa'))).to.be.true;
    expect(Object.isFrozen(getControl('auth.mfa').citations[0])).to.be.true;
  });

  it('is the only place in src that writes a citation', () => {
    const offenders = sourceFiles(join(REPO_ROOT, 'src'))
      .filter((f) => !f.endsWith(join('controls', 'catalog.ts')))
      .filter((f) => /['"`]164\.\d{3}\(/.test(readFileSync(f, 'utf8')));
    expect(offenders).to.deep.equal([]);
  });

  it('knows every control id that src refers to', () => {
    const ids = sourceFiles(join(REPO_ROOT, 'src')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/control: '([a-z]+\.[a-z-]+)'/g)].map((m) => m[1]));
    expect(ids).to.not.be.empty;
    for (const id of ids) expect(isControlId(id), id).to.be.true;
  });
});
