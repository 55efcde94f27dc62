import { createRequire } from 'node:module';

export type SdrModule = typeof import('@salesforce/source-deploy-retrieve');

// source-deploy-retrieve is CommonJS and slow to load: required on first use, only by commands that read or write
// source, so that `profile validate` starts fast.
const require = createRequire(import.meta.url);
let sdr: SdrModule | undefined;
export const loadSdr = (): SdrModule => (sdr ??= require('@salesforce/source-deploy-retrieve') as SdrModule);
