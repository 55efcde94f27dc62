// A worker thread of auditExcessInParallel: audits its share of the permission holders and posts the findings.
import { parentPort, workerData } from 'node:worker_threads';
import { auditExcess, type ExcessJob } from './excess.js';

parentPort?.postMessage(auditExcess(workerData as ExcessJob));
