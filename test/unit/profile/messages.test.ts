import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { REPO_ROOT } from '../../support/paths.js';

/** Every problem the profile loader can report reads from messages/profile.md; a missing key would throw at run time. */
describe('profile messages', () => {
  const bundle = readFileSync(join(REPO_ROOT, 'messages', 'profile.md'), 'utf8');
  const keys = new Set([...bundle.matchAll(/^# (\S+)$/gm)].map((m) => m[1]));
  const dir = join(REPO_ROOT, 'src', 'profile');
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');

  it('has every key the loader uses, with what would be legal wherever a problem promises it', () => {
    const problems = [...sources.matchAll(/key: '([a-zA-Z.]+)'(?:, tokens: [^}]*?)?(, legal:)?/g)];
    expect(problems.length).to.be.greaterThan(60);
    for (const [, key, legal] of problems) {
      expect(keys.has(key), key).to.be.true;
      if (legal) expect(keys.has(`${key}.legal`), `${key}.legal`).to.be.true;
    }
    for (const [, key] of sources.matchAll(/say\('([a-zA-Z.]+)'/g)) expect(keys.has(key), key).to.be.true;
  });
});
