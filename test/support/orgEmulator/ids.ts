/** Key prefixes of the records behind metadata components; clients check that job ids look real (0Af, 09S). */
const KEY_PREFIXES: Readonly<Record<string, string>> = {
  DeployRequest: '0Af',
  RetrieveRequest: '09S',
  User: '005',
  ApexClass: '01p',
  ApexTrigger: '01q',
  ApexPage: '066',
  ApexComponent: '099',
  AuraDefinitionBundle: '0Ab',
  LightningComponentBundle: '0Rb',
  CustomObject: '01I',
  CustomField: '00N',
  CustomLabel: '101',
  CustomPermission: '0CP',
  CustomTab: '01r',
  Flow: '301',
  Layout: '00h',
  ListView: '00B',
  MutingPermissionSet: '0PS',
  NamedCredential: '0XA',
  PermissionSet: '0PS',
  PermissionSetGroup: '0PG',
  Profile: '00e',
  RecordType: '012',
  RemoteSiteSetting: '0rp',
  StaticResource: '081',
  TransactionSecurityPolicy: '0NI',
  ValidationRule: '03d',
};

const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 3-character case-safe suffix Salesforce appends to a 15-character id. */
export function checksum(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += CHECKSUM_ALPHABET.charAt(bits);
  }
  return suffix;
}

export const toId18 = (prefix: string, n: number): string => {
  const id15 = `${prefix}${String(n).padStart(12, '0')}`;
  return `${id15}${checksum(id15)}`;
};

/** Hands out 18-character ids, unique within one emulator. */
export class IdFactory {
  private counter = 1;
  public next(typeOrEntity: string): string {
    this.counter += 1;
    return toId18(KEY_PREFIXES[typeOrEntity] ?? '000', this.counter);
  }
}
