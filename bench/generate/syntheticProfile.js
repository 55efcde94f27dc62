// A synthetic compliance profile at the scale of a large health system: 200 scaffolded objects with 20 PHI fields
// each (4,000 fields) and 30 roles, each reading and editing part of 20 objects.
const CATEGORIES = ['name', 'address', 'dates', 'phone', 'email', 'ssn', 'mrn', 'health-plan', 'clinical', 'other-identifier'];
const TYPES = [
  { type: 'Text', length: 80, category: 'name' },
  { type: 'TextArea', category: 'address' },
  { type: 'Date', category: 'dates' },
  { type: 'Phone', category: 'phone' },
  { type: 'Email', category: 'email' },
  { type: 'Text', length: 11, category: 'ssn', encrypt: 'deterministic' },
  { type: 'Text', length: 40, category: 'mrn', encrypt: 'deterministic' },
  { type: 'Text', length: 30, category: 'health-plan' },
  { type: 'LongTextArea', length: 32768, category: 'clinical' },
  { type: 'DateTime', category: 'other-identifier' },
];

export function syntheticProfile({ objects = 200, fieldsPerObject = 20, roles = 30 } = {}) {
  const pad = (n, w) => String(n).padStart(w, '0');
  const lines = ['version: 1', 'organization: Synthetic Health System', 'prefix: SYN', 'phi:', '  objects:'];
  for (let o = 1; o <= objects; o++) {
    lines.push(`    Obj${pad(o, 3)}__c:`, '      scaffold: true', `      label: Object ${o}`, '      fields:');
    for (let f = 1; f <= fieldsPerObject; f++) {
      const t = TYPES[(o + f) % TYPES.length];
      const attrs = [`category: ${t.category}`, `type: ${t.type}`, t.length ? `length: ${t.length}` : '', t.encrypt ? `encrypt: ${t.encrypt}` : ''].filter(Boolean);
      lines.push(`        Field${pad(f, 2)}__c: { ${attrs.join(', ')} }`);
    }
  }
  lines.push('roles:');
  for (let r = 1; r <= roles; r++) {
    lines.push(`  Role${pad(r, 2)}:`, '    objects:');
    for (let k = 0; k < 20; k++) {
      const o = ((r * 7 + k * 11) % objects) + 1;
      const category = CATEGORIES[(r + k) % CATEGORIES.length];
      lines.push(`      Obj${pad(o, 3)}__c: { access: [read, edit], read: [category:${category}, Field01__c], edit: [Field01__c] }`);
    }
  }
  lines.push('monitoring:', '  notify: [security.officer@example.org]');
  return `${lines.join('\n')}\n`;
}
