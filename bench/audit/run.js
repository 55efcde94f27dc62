#!/usr/bin/env node
// bench/audit: `audit` of a project with 1,000 realistic Apex classes against apex-parser parsing the same files
// alone, in one run. Reports the ratio (goal <= 1.2x).
// Usage: npm run bench:audit [-- --runs 3]    (compiles first)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchEnv, median, ROOT, runsOption, saveResult, timedNode } from '../support.js';
import { syntheticClass } from './syntheticClasses.js';

const runs = runsOption(3);
const env = benchEnv();
const PROFILE = `version: 1
organization: Bench Clinic
phi:
  objects:
    Patient__c:
      fields:
        SSN__c: { category: ssn, type: Text }
    Encounter__c:
      fields:
        Notes__c: { category: clinical, type: LongTextArea }
roles:
  Nurse:
    objects:
      Patient__c: { access: [read], read: [SSN__c] }
`;

const dir = mkdtempSync(join(tmpdir(), 'sf-hipaa-bench-audit-'));
const classes = join(dir, 'force-app', 'main', 'default', 'classes');
mkdirSync(classes, { recursive: true });
writeFileSync(join(dir, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '66.0' }));
const meta = '<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>66.0</apiVersion>\n    <status>Active</status>\n</ApexClass>\n';
let lines = 0;
for (let n = 0; n < 1000; n++) {
  const name = `Service${String(n).padStart(4, '0')}`;
  const text = syntheticClass(n);
  lines += text.split('\n').length;
  writeFileSync(join(classes, `${name}.cls`), text);
  writeFileSync(join(classes, `${name}.cls-meta.xml`), meta);
}

const step = (script, ...args) => {
  const r = timedNode([join(ROOT, 'bench', 'audit', script), dir, ...args], env);
  return { ...JSON.parse(r.stdout), rssMb: r.rssMb };
};
const samples = [];
for (let i = 0; i < runs; i++) samples.push({ audit: step('auditOnce.js', PROFILE), parse: step('parseOnce.js') });
rmSync(dir, { recursive: true, force: true });

const auditMs = median(samples.map((s) => s.audit.ms));
const parseMs = median(samples.map((s) => s.parse.ms));
const result = {
  runs,
  classes: 1000,
  lines,
  findings: samples[0].audit.findings,
  auditMs: Math.round(auditMs),
  parseOnlyMs: Math.round(parseMs),
  ratio: Number((auditMs / parseMs).toFixed(3)),
  auditPeakRssMb: Math.round(Math.max(...samples.map((s) => s.audit.rssMb))),
};
console.log(`bench/audit: 1,000 Apex classes (${lines} lines); ${runs} runs, node ${process.version}`);
console.table([result]);
console.log(`audit / apex-parser alone = ${result.ratio}x (goal <= 1.2x)`);
saveResult('audit', result);
