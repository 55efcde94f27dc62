import type { Profile } from '../profile/model.js';
import { controlsOf, type Component } from './component.js';

function platformEncryption(profile: Profile): Component {
  return {
    type: 'Settings',
    fullName: 'PlatformEncryption',
    root: 'PlatformEncryptionSettings',
    content: {
      // Deterministic schemes weaken encryption; they are switched on only when a field needs filtering.
      enableDeterministicEncryption: profile.encryption.deterministicUsed,
      enableEncryptFieldHistory: profile.encryption.fieldHistory,
      isMEKForEncryptionRequired: profile.encryption.requireKeyManagerForPolicy,
    },
    controls: controlsOf('encryption.at-rest', 'encryption.key-management'),
  };
}

function security(profile: Profile): Component {
  const { session, password } = profile;
  return {
    type: 'Settings',
    fullName: 'Security',
    root: 'SecuritySettings',
    content: {
      passwordPolicies: {
        complexity: password.complexity,
        expiration: password.expiration,
        historyRestriction: String(password.history),
        lockoutInterval: password.lockoutInterval,
        maxLoginAttempts: password.maxLoginAttemptsValue,
        minimumPasswordLength: String(password.minLength),
      },
      sessionSettings: {
        forceLogoutOnSessionTimeout: session.forceLogout,
        lockSessionsToDomain: session.lockToDomain,
        lockSessionsToIp: session.lockToIp,
        sessionTimeout: session.timeout,
      },
    },
    controls: controlsOf('auth.automatic-logoff', 'auth.password-policy', 'auth.login-monitoring'),
  };
}

export function buildSettings(profile: Profile): Component[] {
  return [platformEncryption(profile), security(profile)];
}
