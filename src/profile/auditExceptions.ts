import { AUDIT_RULES } from '../audit/rules.js';
import type { RuleContext } from './context.js';
import { formatKeyPath, legalValues } from './issues.js';
import type { Profile } from './model.js';
import type { RawProfile } from './raw.js';

/** `audit.exceptions`: each names a rule of the audit catalog. */
export function buildAuditExceptions(raw: RawProfile['audit'], ctx: RuleContext): Profile['auditExceptions'] {
  const ids = AUDIT_RULES.map((r) => r.id as string);
  return (raw?.exceptions ?? []).map((e, i) => {
    ctx.usedJustifications.add(formatKeyPath(['audit', 'exceptions', i]));
    if (!ids.includes(e.rule)) ctx.error(['audit', 'exceptions', i, 'rule'], { key: 'audit.unknownRule', tokens: [e.rule], legal: [legalValues(ids, e.rule)] });
    return { rule: e.rule, ...(e.component ? { component: e.component } : {}), justification: e.justification };
  });
}
