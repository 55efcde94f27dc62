import type { RuleContext } from './context.js';
import { legalValues } from './issues.js';
import { say } from './messages.js';
import type { PhiField, PhiObject, Retention } from './model.js';
import { APEX_CLASS_MAX, checkComponentName, isCustomName, purgeJobName } from './names.js';
import type { RawPhi, RawPhiField, RawPhiObject } from './raw.js';
import { standardFieldType } from './standardFields.js';
import type { EncryptScheme, FieldType } from './vocabulary.js';
import { BUILT_IN_CATEGORIES, DETERMINISTIC_TYPES, ENCRYPTABLE_TYPES, SCAFFOLD_TYPES } from './vocabulary.js';

/** Salesforce tracks history on at most 20 fields of an object, 60 with Field Audit Trail. */
const HISTORY_LIMIT = 20;
const HISTORY_LIMIT_FAT = 60;
/** 45 CFR 164.316(b)(2)(i): six years. */
const DOCUMENTATION_YEARS = 6;
const DATE_TYPES: readonly FieldType[] = ['Date', 'DateTime'];

type PhiDefaults = { readonly scheme: Exclude<EncryptScheme, 'none'>; readonly prefix: string };

export function buildCategories(raw: RawPhi, ctx: RuleContext): Record<string, string> {
  const categories: Record<string, string> = { ...BUILT_IN_CATEGORIES };
  for (const [name, { description }] of Object.entries(raw.categories ?? {})) {
    if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) {
      ctx.error(['phi', 'categories', name], { key: 'category.invalid', tokens: [name], legal: [] }, 'key');
    } else if (name in BUILT_IN_CATEGORIES) {
      ctx.warn(['phi', 'categories', name], { key: 'category.builtIn', tokens: [name] });
    }
    categories[name] = description;
  }
  return categories;
}

export function buildObjects(raw: RawPhi, categories: Record<string, string>, defaults: PhiDefaults, ctx: RuleContext): PhiObject[] {
  return Object.keys(raw.objects)
    .sort()
    .map((name) => buildObject(name, raw.objects[name], categories, defaults, ctx));
}

function buildObject(name: string, raw: RawPhiObject, categories: Record<string, string>, defaults: PhiDefaults, ctx: RuleContext): PhiObject {
  const path = ['phi', 'objects', name];
  const nameProblem = checkComponentName(name, 'object');
  if (nameProblem) ctx.error(path, nameProblem, 'key');
  const custom = isCustomName(name);
  const scaffold = raw.scaffold ?? false;
  if (scaffold && !custom) ctx.error([...path, 'scaffold'], { key: 'object.scaffoldStandard', tokens: [name], legal: [] });
  if (scaffold && !raw.label) ctx.error(path, { key: 'object.label', tokens: [name], legal: [] }, 'key');

  const history = buildHistory(name, raw.history ?? {}, ctx);
  const fields = Object.keys(raw.fields)
    .sort()
    .map((field) => buildField({ object: name, custom, scaffold, track: history.track }, field, raw.fields[field], categories, defaults, ctx));

  const tracked = fields.filter((f) => f.trackHistory).length;
  const limit = history.retentionPolicy ? HISTORY_LIMIT_FAT : HISTORY_LIMIT;
  if (tracked > limit) {
    const problem = history.retentionPolicy
      ? { key: 'object.historyLimitFat', tokens: [tracked, name, limit], legal: [HISTORY_LIMIT_FAT] }
      : { key: 'object.historyLimit', tokens: [tracked, name, limit], legal: [HISTORY_LIMIT, HISTORY_LIMIT_FAT] };
    ctx.error([...path, 'fields'], problem, 'key');
  }

  return {
    name,
    custom,
    scaffold,
    ...optional({ label: raw.label, pluralLabel: raw.pluralLabel, description: raw.description }),
    fields,
    history,
    ...(raw.retention ? { retention: buildRetention(name, raw.retention, fields, defaults.prefix, ctx) } : {}),
  };
}

function buildHistory(object: string, history: NonNullable<RawPhiObject['history']>, ctx: RuleContext): PhiObject['history'] {
  const path = ['phi', 'objects', object, 'history'];
  const track = history.track ?? true;
  if (!track) ctx.relax([...path, 'track'], path, history.justification, 'audit.field-history', { key: 'relax.historyOff', tokens: [object] });
  const fat = history.archiveAfterMonths !== undefined || history.archiveRetentionYears !== undefined || history.gracePeriodDays !== undefined;
  if (!fat) return { track };
  const retentionPolicy = {
    archiveAfterMonths: history.archiveAfterMonths ?? 18,
    archiveRetentionYears: history.archiveRetentionYears ?? DOCUMENTATION_YEARS,
    gracePeriodDays: history.gracePeriodDays ?? 1,
  };
  if (retentionPolicy.archiveRetentionYears < DOCUMENTATION_YEARS) {
    ctx.warn([...path, 'archiveRetentionYears'], { key: 'object.archiveYears', tokens: [retentionPolicy.archiveRetentionYears] });
  }
  return { track, retentionPolicy };
}

/** The entries whose value is defined, so that absent attributes stay absent in the model. */
function optional<T extends Record<string, unknown>>(entries: T): Partial<T> {
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as Partial<T>;
}

type Owner = { object: string; custom: boolean; scaffold: boolean; track: boolean };

function resolveType(owner: Owner, name: string, raw: RawPhiField, ctx: RuleContext): Pick<PhiField, 'type' | 'typeSource' | 'length' | 'label'> {
  if (raw.type) return { type: raw.type, typeSource: 'profile' };
  // Standard fields first: their files in a project are partial and rarely carry a type.
  const standard = isCustomName(name) ? undefined : standardFieldType(owner.object, name);
  if (standard) return { type: standard, typeSource: 'standard' };
  const fromProject = ctx.project.field?.(owner.object, name);
  if (fromProject) {
    return {
      type: fromProject.type,
      typeSource: 'project',
      ...(fromProject.length ? { length: fromProject.length } : {}),
      ...(fromProject.label ? { label: fromProject.label } : {}),
    };
  }
  return {};
}

function buildField(owner: Owner, name: string, raw: RawPhiField, categories: Record<string, string>, defaults: PhiDefaults, ctx: RuleContext): PhiField {
  const path = ['phi', 'objects', owner.object, 'fields', name];
  checkFieldName(owner, name, path, ctx);
  if (!(raw.category in categories)) {
    ctx.error([...path, 'category'], { key: 'category.unknown', tokens: [raw.category], legal: [legalValues(Object.keys(categories), raw.category)] });
  }
  const resolved = resolveType(owner, name, raw, ctx);
  const type = resolved.type;
  if (!type) {
    const types = owner.scaffold ? Object.keys(SCAFFOLD_TYPES).join(', ') : say('field.typeUnknown.anyType');
    ctx.error(path, { key: 'field.typeUnknown', tokens: [`${owner.object}.${name}`], legal: [types] }, 'key');
  } else if (owner.scaffold && resolved.typeSource === 'profile') {
    checkScaffoldAttributes(path, type, raw, ctx);
  }
  const encrypt = raw.encrypt ?? defaults.scheme;
  checkEncryption({ ...owner, name, path, type, encrypt, explicit: raw.encrypt !== undefined, justification: raw.justification }, ctx);

  const fieldTrack = raw.history?.track ?? true;
  if (!fieldTrack && owner.track) {
    ctx.relax([...path, 'history', 'track'], [...path, 'history'], raw.history?.justification, 'audit.field-history', {
      key: 'relax.historyOff',
      tokens: [`${owner.object}.${name}`],
    });
  }

  const categoryText = categories[raw.category] ?? raw.category;
  return {
    object: owner.object,
    name,
    fullName: `${owner.object}.${name}`,
    custom: isCustomName(name),
    category: raw.category,
    ...optional({ type, typeSource: type ? resolved.typeSource : undefined, label: raw.label ?? resolved.label }),
    description: `PHI (${raw.category}: ${categoryText})${raw.description ? `. ${raw.description}` : ''}`,
    ...sizeAttributes(type, raw, resolved.length),
    encrypt,
    securityClassification: raw.securityClassification ?? 'Restricted',
    complianceGroup: 'HIPAA',
    trackHistory: owner.track && fieldTrack,
  };
}

function checkFieldName(owner: Owner, name: string, path: Array<string | number>, ctx: RuleContext): void {
  const problem = checkComponentName(name, 'field');
  if (problem) ctx.error(path, problem, 'key');
  else if (owner.custom && !isCustomName(name)) {
    ctx.error(path, { key: 'field.customOnCustom', tokens: [name, owner.object], legal: [name] }, 'key');
  }
}

type EncryptionCheck = Owner & {
  name: string;
  path: Array<string | number>;
  type?: FieldType;
  encrypt: EncryptScheme;
  /** Set on the field itself rather than taken from encryption.defaultScheme. */
  explicit: boolean;
  justification?: string;
};

/** Encryption legal for the field type (Shield: which types, and which of them deterministically). */
function checkEncryption(f: EncryptionCheck, ctx: RuleContext): void {
  const at = f.explicit ? [...f.path, 'encrypt'] : f.path;
  const where = f.explicit ? 'value' : 'key';
  if (f.encrypt === 'none') {
    ctx.relax([...f.path, 'encrypt'], f.path, f.justification, 'encryption.at-rest', { key: 'relax.encryptNone', tokens: [`${f.object}.${f.name}`] });
  } else if (f.type && !ENCRYPTABLE_TYPES.includes(f.type)) {
    ctx.error(at, { key: 'field.notEncryptable', tokens: [f.type, `${f.object}.${f.name}`], legal: [ENCRYPTABLE_TYPES.join(', ')] }, where);
  } else if (f.type && f.encrypt.startsWith('deterministic') && !DETERMINISTIC_TYPES.includes(f.type)) {
    const scheme = f.explicit ? f.encrypt : say('field.fromDefaultScheme', [f.encrypt]);
    ctx.error(at, { key: 'field.notDeterministic', tokens: [scheme, f.type, `${f.object}.${f.name}`], legal: [DETERMINISTIC_TYPES.join(', ')] }, where);
  }
}

/** length, precision/scale and visible lines, with Salesforce's defaults where a type needs them. */
function sizeAttributes(type: FieldType | undefined, raw: RawPhiField, projectLength?: number): Pick<PhiField, 'length' | 'precision' | 'scale' | 'visibleLines'> {
  const numeric = type ? SCAFFOLD_TYPES[type]?.numeric === true : false;
  const longText = type === 'LongTextArea' || type === 'Html';
  return {
    ...optional({ length: raw.length ?? projectLength }),
    ...(raw.precision !== undefined || numeric ? { precision: raw.precision ?? 18, scale: raw.scale ?? 0 } : {}),
    ...(raw.visibleLines !== undefined || longText ? { visibleLines: raw.visibleLines ?? (type === 'Html' ? 25 : 3) } : {}),
  };
}

function checkScaffoldAttributes(path: Array<string | number>, type: FieldType, raw: RawPhiField, ctx: RuleContext): void {
  const rule = SCAFFOLD_TYPES[type];
  if (!rule) {
    ctx.error([...path, 'type'], { key: 'field.cannotScaffold', tokens: [type], legal: [legalValues(Object.keys(SCAFFOLD_TYPES))] });
    return;
  }
  if (rule.length) {
    const [min, max] = rule.length;
    if (raw.length === undefined) ctx.error(path, { key: 'field.lengthMissing', tokens: [type], legal: [min, max] }, 'key');
    else if (raw.length < min || raw.length > max) ctx.error([...path, 'length'], { key: 'field.lengthRange', tokens: [raw.length, type], legal: [min, max] });
  } else if (raw.length !== undefined) {
    ctx.error([...path, 'length'], { key: 'field.noLength', tokens: [type], legal: [] });
  }
  if (raw.scale !== undefined && raw.precision !== undefined && raw.scale > raw.precision) {
    ctx.error([...path, 'scale'], { key: 'field.scale', tokens: [raw.scale, raw.precision], legal: [raw.precision] });
  }
}

function buildRetention(object: string, r: NonNullable<RawPhiObject['retention']>, fields: readonly PhiField[], prefix: string, ctx: RuleContext): Retention {
  const path = ['phi', 'objects', object, 'retention'];
  const testClass = `${purgeJobName(prefix, object)}Test`;
  if (r.engine === 'batch' && testClass.length > APEX_CLASS_MAX) {
    ctx.error([...path, 'engine'], { key: 'retention.className', tokens: [testClass, testClass.length], legal: [APEX_CLASS_MAX] });
  }
  if (r.schedule?.frequency === 'Once' && !r.schedule.startDate) {
    ctx.error([...path, 'schedule', 'frequency'], { key: 'retention.onceWithoutDate', tokens: [], legal: [] });
  }
  const phiField = fields.find((f) => f.name === r.dateField);
  const type =
    phiField?.type ??
    ctx.project.field?.(object, r.dateField)?.type ??
    (isCustomName(r.dateField) ? undefined : standardFieldType(object, r.dateField));
  const candidates = [...fields.filter((f) => f.type && DATE_TYPES.includes(f.type) && f.encrypt === 'none').map((f) => f.name), 'CreatedDate', 'LastModifiedDate'];
  if (!type) {
    ctx.error([...path, 'dateField'], { key: 'retention.notFound', tokens: [`${object}.${r.dateField}`], legal: [legalValues(candidates, r.dateField)] });
  } else if (!DATE_TYPES.includes(type)) {
    ctx.error([...path, 'dateField'], { key: 'retention.notDate', tokens: [`${object}.${r.dateField}`, type], legal: [candidates.join(', ')] });
  } else if (phiField && phiField.encrypt !== 'none') {
    // Shield cannot filter on a probabilistically encrypted field, so neither a flow nor SOQL could find expired records.
    ctx.error([...path, 'dateField'], { key: 'retention.encrypted', tokens: [`${object}.${r.dateField}`], legal: [r.dateField] });
  }
  return {
    dateField: r.dateField,
    dateType: type === 'Date' ? 'Date' : 'DateTime',
    afterDays: r.afterDays,
    engine: r.engine ?? 'flow',
    schedule: {
      frequency: r.schedule?.frequency ?? 'Daily',
      time: r.schedule?.time ?? '02:00',
      ...(r.schedule?.startDate ? { startDate: r.schedule.startDate } : {}),
    },
  };
}
