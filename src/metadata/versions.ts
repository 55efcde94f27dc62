/**
 * The first Metadata API version of the elements sf-hipaa writes that are younger than its oldest supported version
 * (47.0). An element is left out of files written for an older `apiVersion`.
 */
const SINCE: Readonly<Record<string, number>> = {
  'NamedCredential.calloutStatus': 59,
  'NamedCredential.namedCredentialParameters': 56,
  'NamedCredential.namedCredentialType': 56,
  'PermissionSet.hasActivationRequired': 53,
  'PermissionSetGroup.hasActivationRequired': 53,
};

/** Types that did not exist before a version; the baseline chooses another type below it. */
export const TYPE_SINCE: Readonly<Record<string, number>> = {
  ExternalClientApplication: 59,
  ExtlClntAppGlobalOauthSettings: 59,
  ExtlClntAppOauthConfigurablePolicies: 59,
  ExtlClntAppOauthSettings: 59,
  ExternalCredential: 56,
  RealTimeEventSettings: 50,
};

export const elementSince = (type: string, element: string): number => SINCE[`${type}.${element}`] ?? 0;
