import { ApexParserFactory } from '@apexdevtools/apex-parser';
import { expect } from 'chai';
import sinon from 'sinon';
import { auditApex, parseApex } from '../../../src/audit/apex.js';

const INVENTORY = { source: 'profile' as const, objects: new Set(['Patient__c']), fields: new Set(['Patient__c.SSN__c']) };

describe('Apex analysis', () => {
  afterEach(() => sinon.restore());

  it('parses with the fast prediction mode and needs no second parse for valid code', () => {
    const full = sinon.spy(ApexParserFactory, 'createLexerAndParser');
    expect(parseApex('public with sharing class A { void m() { Integer i = 1; } }', false).tree).to.not.be.undefined;
    expect(full.called).to.be.false;
  });

  it('falls back to the full parse on error and reports where the code does not parse', () => {
    const full = sinon.spy(ApexParserFactory, 'createLexerAndParser');
    const result = parseApex('public class A { void m() { Integer i = ; } }', false);
    expect(full.calledOnce).to.be.true;
    expect(result.tree).to.be.undefined;
    expect(result.errors[0]).to.match(/^1:\d+ /);
  });

  it('follows declared types: fields, locals, parameters and loop variables', () => {
    const source = `public with sharing class Svc {
    private Map<Id, Patient__c> cache;
    public void a(List<Patient__c> incoming) {
        System.debug(incoming);
        System.debug(cache);
        Patient__c[] arr = incoming;
        System.debug(arr);
        for (Patient__c p : incoming) { System.debug(p); }
        Account acc = new Account();
        System.debug(acc);
    }
}`;
    const lines = auditApex('Svc.cls', source, false, { inventory: INVENTORY }).findings.filter((f) => f.ruleId === 'apex-debug-phi').map((f) => f.location?.line);
    expect(lines).to.deep.equal([4, 5, 7, 8]);
  });

  it('reports each finding at its line and column', () => {
    const source = 'public with sharing class Svc {\n    void a() {\n        List<Patient__c> l = [SELECT Id FROM Patient__c];\n    }\n}';
    const f = auditApex('classes/Svc.cls', source, false, { inventory: INVENTORY }).findings[0];
    expect(f).to.deep.include({ ruleId: 'apex-query-without-user-mode', location: { file: 'classes/Svc.cls', line: 3, column: 30 } });
  });
});
