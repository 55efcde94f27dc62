import type { RuleContext } from './context.js';
import type { Problem } from './messages.js';
import type { PasswordPolicy, SessionPolicy } from './model.js';
import type { RawProfile } from './raw.js';
import { LOCKOUT_INTERVALS, LOGIN_ATTEMPTS, PASSWORD_EXPIRATIONS, SESSION_TIMEOUTS } from './vocabulary.js';

/** The safe floors of the profile format: beyond them a relaxation needs a justification. */
const MAX_SAFE_TIMEOUT = 30;
const MIN_SAFE_PASSWORD = 12;

export function buildSession(raw: RawProfile['session'], ctx: RuleContext): SessionPolicy {
  const s = raw ?? {};
  const timeoutMinutes = s.timeoutMinutes ?? 15;
  if (timeoutMinutes > MAX_SAFE_TIMEOUT) {
    ctx.relax(['session', 'timeoutMinutes'], ['session'], s.justification, 'auth.automatic-logoff', {
      key: 'relax.timeout',
      tokens: [timeoutMinutes, MAX_SAFE_TIMEOUT],
    });
  }
  if (s.forceLogout === false) {
    ctx.relax(['session', 'forceLogout'], ['session'], s.justification, 'auth.automatic-logoff', { key: 'relax.forceLogout' });
  }
  return {
    timeoutMinutes,
    timeout: SESSION_TIMEOUTS.get(timeoutMinutes)!,
    forceLogout: s.forceLogout ?? true,
    lockToIp: s.lockToIp ?? true,
    lockToDomain: s.lockToDomain ?? true,
  };
}

export function buildPassword(raw: RawProfile['password'], ctx: RuleContext): PasswordPolicy {
  const p = raw ?? {};
  const relax = (key: string, setting: Problem, control: 'auth.password-policy' | 'auth.login-monitoring' = 'auth.password-policy'): void =>
    ctx.relax(['password', key], ['password'], p.justification, control, setting);
  const minLength = p.minLength ?? MIN_SAFE_PASSWORD;
  if (minLength < MIN_SAFE_PASSWORD) relax('minLength', { key: 'relax.passwordLength', tokens: [minLength, MIN_SAFE_PASSWORD] });
  const expirationDays = p.expirationDays ?? 90;
  if (expirationDays === 'never') relax('expirationDays', { key: 'relax.passwordNeverExpires' });
  const maxLoginAttempts = p.maxLoginAttempts ?? 5;
  if (maxLoginAttempts === 'unlimited') relax('maxLoginAttempts', { key: 'relax.unlimitedAttempts' }, 'auth.login-monitoring');
  const lockoutMinutes = p.lockoutMinutes ?? 30;
  return {
    minLength,
    complexity: p.complexity ?? 'UpperLowerCaseNumericSpecialCharacters',
    expirationDays,
    expiration: PASSWORD_EXPIRATIONS.get(expirationDays)!,
    history: p.history ?? 12,
    maxLoginAttempts,
    maxLoginAttemptsValue: LOGIN_ATTEMPTS.get(maxLoginAttempts)!,
    lockoutMinutes,
    lockoutInterval: LOCKOUT_INTERVALS.get(lockoutMinutes)!,
  };
}

export function buildMfa(raw: RawProfile['mfa'], ctx: RuleContext): { required: boolean } {
  const required = raw?.required ?? true;
  if (!required) ctx.relax(['mfa', 'required'], ['mfa'], raw?.justification, 'auth.mfa', { key: 'relax.mfaOff' });
  return { required };
}
