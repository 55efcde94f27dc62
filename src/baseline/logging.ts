import type { Profile } from '../profile/model.js';
import { ENCRYPTABLE_TYPES } from '../profile/vocabulary.js';
import { renderTemplate } from '../shared/templates.js';
import { controlsOf, type Component } from './component.js';

const CONTROLS = controlsOf('logging.phi-safe');

/** The PHI-safe logger and its test: Apex that masks every PHI field of the profile. */
export function buildLogging(profile: Profile): Component[] {
  const className = `${profile.prefix}_PhiSafeLog`;
  const testClassName = `${profile.prefix}_PhiSafeLogTest`;
  // The tests need one PHI field that takes a string value.
  const sample = profile.objects.flatMap((o) => o.fields).find((f) => f.type && ['Text', 'TextArea', 'Email', 'Phone', 'Url', 'LongTextArea'].includes(f.type) && ENCRYPTABLE_TYPES.includes(f.type)) ?? profile.objects[0].fields[0];
  const data = {
    organization: profile.organization,
    className,
    testClassName,
    controls: CONTROLS.join(', '),
    objects: profile.objects.map((o) => ({ name: o.name, fields: o.fields.map((f) => f.name) })),
    sample: { object: sample.object, field: sample.name },
  };
  const meta = { apiVersion: profile.apiVersion, status: 'Active' };
  return [
    { type: 'ApexClass', fullName: className, root: 'ApexClass', content: meta, code: renderTemplate('apex/PhiSafeLog.cls', data, { strict: true }), controls: CONTROLS },
    { type: 'ApexClass', fullName: testClassName, root: 'ApexClass', content: meta, code: renderTemplate('apex/PhiSafeLogTest.cls', data, { strict: true }), controls: CONTROLS },
  ];
}
