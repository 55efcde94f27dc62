import type { PhiField, Profile } from '../profile/model.js';
import type { FieldType } from '../profile/vocabulary.js';
import { renderTemplate } from '../shared/templates.js';
import { apexClass, controlsOf, type Component } from './component.js';

const CONTROLS = controlsOf('logging.phi-safe');

/**
 * Apex values the tests put into a PHI field, by field type, in order of preference: a value whose text cannot
 * appear in a log by chance.
 */
const SAMPLE_VALUES: ReadonlyArray<{ readonly types: readonly FieldType[]; readonly value: (field: string) => string }> = [
  { types: ['Text', 'TextArea', 'LongTextArea', 'Html', 'Email', 'Phone', 'Url', 'EncryptedText', 'Picklist'], value: (field) => `'not-for-logs-${field}'` },
  { types: ['Date'], value: () => 'Date.newInstance(1901, 2, 3)' },
  { types: ['DateTime'], value: () => 'Datetime.newInstanceGmt(1901, 2, 3, 4, 5, 6)' },
  { types: ['Number', 'Currency', 'Percent'], value: () => '190102.0' },
];

const ADDRESS_PARTS = ['Street', 'City', 'State', 'PostalCode', 'Country', 'StateCode', 'CountryCode', 'Latitude', 'Longitude', 'GeocodeAccuracy'];

/** Compound fields of standard objects, which carry the values of their parts: masked when a part is PHI. */
const COMPOUND_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Name: ['FirstName', 'LastName', 'MiddleName', 'Suffix', 'Salutation'],
  Address: ADDRESS_PARTS,
  ...Object.fromEntries(['Mailing', 'Other', 'Billing', 'Shipping'].map((prefix) => [`${prefix}Address`, ADDRESS_PARTS.map((p) => `${prefix}${p}`)])),
};

/** The field names the logger masks on an object: its PHI fields, the compound fields around them, and their parts. */
function maskedNames(fields: readonly PhiField[]): string[] {
  const names = new Set(fields.map((f) => f.name));
  for (const [compound, parts] of Object.entries(COMPOUND_FIELDS)) if (parts.some((p) => names.has(p))) names.add(compound);
  // A custom Location field reads as two parts of its own.
  for (const f of fields.filter((x) => x.type === 'Location')) for (const axis of ['Latitude', 'Longitude']) names.add(`${f.name.replace(/__c$/, '')}__${axis}__s`);
  return [...names];
}

function sampleOf(profile: Profile): { object: string; field: string; value: string } | undefined {
  const fields = profile.objects.flatMap((o) => o.fields);
  for (const row of SAMPLE_VALUES) {
    const field = fields.find((f) => f.type && row.types.includes(f.type));
    if (field) return { object: field.object, field: field.name, value: row.value(field.name) };
  }
  return undefined;
}

/** The PHI-safe logger and its test: Apex that masks every PHI field of the profile. */
export function buildLogging(profile: Profile): Component[] {
  const className = `${profile.prefix}_PhiSafeLog`;
  const testClassName = `${profile.prefix}_PhiSafeLogTest`;
  const objects = profile.objects.map((o) => ({ name: o.name, fields: maskedNames(o.fields) }));
  const sample = sampleOf(profile);
  const first = profile.objects[0].fields[0];
  const data = {
    organization: profile.organization,
    className,
    testClassName,
    controls: CONTROLS.join(', '),
    objects,
    anyField: [...new Set(objects.flatMap((o) => o.fields.map((f) => f.toLowerCase())))].sort(),
    // Without a PHI field that takes a distinctive value, the tests work on maps only.
    records: sample !== undefined,
    sample: sample ?? { object: first.object, field: first.name, value: `'not-for-logs-${first.name}'` },
  };
  return [
    apexClass(profile.apiVersion, className, renderTemplate('apex/PhiSafeLog.cls', data, { strict: true }), CONTROLS),
    apexClass(profile.apiVersion, testClassName, renderTemplate('apex/PhiSafeLogTest.cls', data, { strict: true }), CONTROLS),
  ];
}
