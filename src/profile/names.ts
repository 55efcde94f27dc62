import type { Problem } from './messages.js';

/**
 * Salesforce API-name rules. A name that passes cannot contain a path separator or `..`, so it is safe to use as a
 * file name under the package directory.
 */
const BASE = /^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*$/;
const NAMESPACE_MAX = 15;
export const NAME_MAX = 40;

/** Checks an identifier such as a role, policy or app name (no suffix). */
export function checkIdentifier(name: string, max: number, what: string): Problem | undefined {
  if (!BASE.test(name)) return { key: 'name.invalid', tokens: [name, what], legal: [] };
  if (name.length > max) return { key: 'name.tooLong', tokens: [name, name.length], legal: [max] };
  return undefined;
}

/** Apex class names hold at most 40 characters. */
export const APEX_CLASS_MAX = 40;

/** The purge job of an object with retention: its flow, or its batch class (and `…Test`), `<prefix>_Purge_<Object>`. */
export const purgeJobName = (prefix: string, object: string): string => `${prefix}_Purge_${object.replace(/__c$/, '').replace(/__/g, '_')}`;

/** The permission set the purge jobs run under. */
export const retentionOperator = (prefix: string): string => `${prefix}_Retention_Operator`;

/** The custom object each purge run writes its counts to. */
export const disposalLogObject = (prefix: string): string => `${prefix}_Disposal_Log__c`;

export const isCustomName = (name: string): boolean => name.endsWith('__c');

/** Object and field names: a standard name, or `[ns__]Name__c` for custom ones. */
export function checkComponentName(name: string, what: 'object' | 'field'): Problem | undefined {
  const custom = isCustomName(name);
  const parts = (custom ? name.slice(0, -3) : name).split('__');
  const invalid: Problem = { key: 'name.invalid', tokens: [name, `${what} name`], legal: [] };
  if (!custom && parts.length > 1) return { key: 'name.suffix', tokens: [name], legal: [what] };
  if (parts.length > 2) return { ...invalid, key: 'name.invalidComponent', legal: [what, NAME_MAX] };
  const [base, namespace] = parts.length === 2 ? [parts[1], parts[0]] : [parts[0], undefined];
  if (namespace !== undefined && (!BASE.test(namespace) || namespace.length > NAMESPACE_MAX)) {
    return { key: 'name.namespace', tokens: [namespace], legal: [NAMESPACE_MAX] };
  }
  if (!BASE.test(base)) return { ...invalid, key: 'name.invalidComponent', legal: [what, NAME_MAX] };
  if (base.length > NAME_MAX) return { key: 'name.componentTooLong', tokens: [name, base.length], legal: [what, NAME_MAX] };
  return undefined;
}
