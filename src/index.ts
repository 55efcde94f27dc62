export { loadProfile, loadProfileText, type LoadResult } from './profile/load.js';
export type { Profile, PhiObject, PhiField, Role, Policy, Relaxation } from './profile/model.js';
export type { ProfileIssue } from './profile/issues.js';
export { formatIssue } from './profile/issues.js';
export { ControlCatalog, getControl, citationsOf, formatCitation, type Control, type ControlId, type Citation } from './controls/catalog.js';
