/**
 * Salesforce API-name rules. A name that passes cannot contain a path separator or `..`, so it is safe to use as a
 * file name under the package directory.
 */
const BASE = /^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*$/;
const NAMESPACE_MAX = 15;
export const NAME_MAX = 40;

export type NameProblem = { message: string; legal: string };

const RULE = 'a letter first, then letters, digits and single underscores, no trailing underscore';

/** Checks an identifier such as a role, policy or app name (no suffix). */
export function checkIdentifier(name: string, max: number, what: string): NameProblem | undefined {
  if (!BASE.test(name)) return { message: `"${name}" is not a valid ${what}`, legal: RULE };
  if (name.length > max) return { message: `"${name}" is ${name.length} characters long`, legal: `at most ${max} characters` };
  return undefined;
}

export const isCustomName = (name: string): boolean => name.endsWith('__c');

/** Object and field names: a standard name, or `[ns__]Name__c` for custom ones. */
export function checkComponentName(name: string, what: 'object' | 'field'): NameProblem | undefined {
  const custom = isCustomName(name);
  const parts = (custom ? name.slice(0, -3) : name).split('__');
  const legal = `${RULE}; custom ${what}s end in "__c" (optionally "ns__Name__c"), at most ${NAME_MAX} characters before "__c"`;
  if (!custom && parts.length > 1) {
    return { message: `"${name}" has a suffix sf-hipaa cannot protect`, legal: `a standard ${what} name or a custom one ending in "__c"` };
  }
  if (parts.length > 2) return { message: `"${name}" is not a valid ${what} name`, legal };
  const [base, namespace] = parts.length === 2 ? [parts[1], parts[0]] : [parts[0], undefined];
  if (namespace !== undefined && (!BASE.test(namespace) || namespace.length > NAMESPACE_MAX)) {
    return { message: `"${namespace}" is not a valid namespace prefix`, legal: `${RULE}, at most ${NAMESPACE_MAX} characters` };
  }
  if (!BASE.test(base)) return { message: `"${name}" is not a valid ${what} name`, legal };
  if (base.length > NAME_MAX) return { message: `"${name}" is too long (${base.length} characters before the suffix)`, legal };
  return undefined;
}
