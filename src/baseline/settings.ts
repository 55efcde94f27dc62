import type { Profile } from '../profile/model.js';
import type { XmlContent } from '../metadata/xml.js';
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
  const content: XmlContent = {
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
  };
  return {
    type: 'Settings',
    fullName: 'Security',
    root: 'SecuritySettings',
    content,
    // The settings a team sets by hand beside ours (clickjack protection, trusted IP ranges …) stay theirs.
    owned: ownedChildren(content),
    controls: controlsOf('auth.automatic-logoff', 'auth.password-policy', 'auth.login-monitoring'),
  };
}

/** `parent.child` for every child of every top-level element of the content. */
const ownedChildren = (content: XmlContent): string[] =>
  Object.entries(content).flatMap(([parent, value]) =>
    Object.keys(value as XmlContent).map((child) => `${parent}.${child}`)
  );

export function buildSettings(profile: Profile): Component[] {
  return [platformEncryption(profile), security(profile)];
}
