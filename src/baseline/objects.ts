import type { PhiField, PhiObject, Profile } from '../profile/model.js';
import { ENCRYPTION_SCHEME_ENUM } from '../profile/vocabulary.js';
import type { XmlContent } from '../metadata/xml.js';
import { controlsOf, type Component } from './component.js';

/** What the baseline sets on every PHI field, scaffolded or not. */
const FIELD_OWNED = ['complianceGroup', 'description', 'encryptionScheme', 'securityClassification', 'trackHistory'] as const;
/** What it sets on an object it does not scaffold. */
const OBJECT_OWNED = ['enableHistory', 'historyRetentionPolicy'] as const;

function historyRetention(object: PhiObject): XmlContent | undefined {
  const policy = object.history.retentionPolicy;
  return policy && { archiveAfterMonths: policy.archiveAfterMonths, archiveRetentionYears: policy.archiveRetentionYears, description: `HIPAA: ${policy.archiveAfterMonths} months online, ${policy.archiveRetentionYears} years archived` };
}

function objectComponent(object: PhiObject): Component {
  const history = { enableHistory: object.history.track, historyRetentionPolicy: historyRetention(object) };
  const controls = controlsOf(object.history.track && 'audit.field-history', object.scaffold && 'access.record-sharing');
  if (!object.scaffold) {
    return { type: 'CustomObject', fullName: object.name, root: 'CustomObject', content: history, owned: OBJECT_OWNED, controls };
  }
  const label = object.label ?? object.name;
  return {
    type: 'CustomObject',
    fullName: object.name,
    root: 'CustomObject',
    content: {
      ...history,
      deploymentStatus: 'Deployed',
      description: object.description ?? `${label}: holds protected health information`,
      enableActivities: false,
      enableBulkApi: true,
      enableReports: true,
      enableSearch: true,
      enableSharing: true,
      enableStreamingApi: true,
      externalSharingModel: 'Private',
      label,
      nameField: { displayFormat: `${object.name.replace(/__c$/, '').slice(0, 3).toUpperCase()}-{000000}`, label: `${label} Number`, type: 'AutoNumber' },
      pluralLabel: object.pluralLabel ?? `${label}s`,
      sharingModel: 'Private',
      visibility: 'Public',
    },
    controls,
  };
}

/** The attributes only a scaffolded (or not yet present) custom field needs: its type, label and size. */
function definition(field: PhiField): XmlContent {
  return {
    fullName: field.name,
    label: field.label ?? field.name.replace(/__c$/, '').replace(/_/g, ' '),
    length: field.type === 'Text' || field.type === 'LongTextArea' || field.type === 'Html' ? field.length : undefined,
    precision: field.precision,
    scale: field.scale,
    visibleLines: field.visibleLines,
    type: field.type,
    defaultValue: field.type === 'Checkbox' ? false : undefined,
    externalId: field.type === 'Text' || field.type === 'Email' || field.type === 'Number' ? false : undefined,
    required: field.type === 'Checkbox' ? undefined : false,
    unique: field.type === 'Text' || field.type === 'Email' || field.type === 'Number' ? false : undefined,
  };
}

function fieldComponent(object: PhiObject, field: PhiField): Component {
  const protection: XmlContent = {
    fullName: field.name,
    complianceGroup: field.complianceGroup,
    description: field.description,
    encryptionScheme: field.encrypt === 'none' ? undefined : ENCRYPTION_SCHEME_ENUM[field.encrypt],
    securityClassification: field.securityClassification,
    trackHistory: field.trackHistory,
  };
  const controls = controlsOf('data.classification', field.encrypt !== 'none' && 'encryption.at-rest', field.trackHistory && 'audit.field-history');
  // A scaffolded field, or a custom field the profile types but the project lacks, is written whole; a standard
  // field or one already in the project gets only the protection attributes.
  const whole = field.custom && field.typeSource === 'profile';
  return {
    type: 'CustomField',
    fullName: field.fullName,
    root: 'CustomField',
    content: whole ? { ...definition(field), ...protection } : protection,
    ...(object.scaffold && whole ? {} : { owned: ['fullName', ...FIELD_OWNED] }),
    controls,
  };
}

export function buildObjects(profile: Profile): Component[] {
  return profile.objects.flatMap((o) => [objectComponent(o), ...o.fields.map((f) => fieldComponent(o, f))]);
}
