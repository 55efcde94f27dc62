import type { ValidateFunction } from 'ajv';

/** The profile JSON Schema, compiled ahead of time by ajv (scripts/profile-schema.ts). */
export declare const validate: ValidateFunction;
export default validate;
