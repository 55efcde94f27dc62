import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { commitChanges, CommitAbortedError } from '../../../src/project/commit.js';
import { snapshot } from '../../support/projects.js';

function tree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sf-hipaa-commit-'));
  writeFileSync(join(dir, 'a.xml'), 'old a');
  writeFileSync(join(dir, 'gone.xml'), 'to delete');
  return dir;
}

describe('atomic commit', () => {
  it('applies writes, creations in new folders and deletions together', () => {
    const dir = tree();
    commitChanges([
      { path: join(dir, 'a.xml'), content: 'new a' },
      { path: join(dir, 'x', 'y', 'b.xml'), content: 'b' },
      { path: join(dir, 'gone.xml') },
    ]);
    expect([...snapshot(dir)]).to.deep.equal([
      ['a.xml', 'new a'],
      [join('x', 'y', 'b.xml'), 'b'],
    ]);
  });

  for (const step of [1, 2, 3]) {
    it(`restores every file and folder when interrupted after step ${step} of the swap`, () => {
      const dir = tree();
      const before = snapshot(dir);
      const abort = new AbortController();
      const changes = [{ path: join(dir, 'a.xml'), content: 'new a' }, { path: join(dir, 'x', 'y', 'b.xml'), content: 'b' }, { path: join(dir, 'gone.xml') }];
      expect(() => commitChanges(changes, abort.signal, (done) => done === step && abort.abort())).to.throw(CommitAbortedError);
      expect(snapshot(dir)).to.deep.equal(before);
      expect(existsSync(join(dir, 'x'))).to.be.false;
    });
  }

  it('restores everything when a write fails, and leaves no temporary file', () => {
    const dir = tree();
    writeFileSync(join(dir, 'blocker'), 'a file, not a folder');
    const before = snapshot(dir);
    expect(() => commitChanges([{ path: join(dir, 'a.xml'), content: 'new a' }, { path: join(dir, 'blocker', 'c.xml'), content: 'c' }])).to.throw();
    expect(snapshot(dir)).to.deep.equal(before);
    expect(readFileSync(join(dir, 'a.xml'), 'utf8')).to.equal('old a');
  });
});
