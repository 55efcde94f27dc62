import type { FieldType } from './vocabulary.js';

/**
 * Types of the standard fields that commonly hold PHI, for encryption legality when the profile gives no `type`
 * and the project has no field file (standard fields rarely have one).
 */
const COMMON: Readonly<Record<string, FieldType>> = {
  CreatedDate: 'DateTime',
  LastModifiedDate: 'DateTime',
};

const PERSON: Readonly<Record<string, FieldType>> = {
  FirstName: 'Text',
  LastName: 'Text',
  MiddleName: 'Text',
  Name: 'Text',
  Title: 'Text',
  Email: 'Email',
  Phone: 'Phone',
  MobilePhone: 'Phone',
  Fax: 'Phone',
  Description: 'LongTextArea',
};

const STANDARD_FIELDS: Readonly<Record<string, Readonly<Record<string, FieldType>>>> = {
  Contact: {
    ...PERSON,
    Birthdate: 'Date',
    HomePhone: 'Phone',
    OtherPhone: 'Phone',
    AssistantName: 'Text',
    AssistantPhone: 'Phone',
    MailingStreet: 'TextArea',
    MailingCity: 'Text',
    MailingPostalCode: 'Text',
    OtherStreet: 'TextArea',
    OtherCity: 'Text',
    OtherPostalCode: 'Text',
  },
  Lead: { ...PERSON, Street: 'TextArea', City: 'Text', PostalCode: 'Text', Website: 'Url' },
  Account: {
    Name: 'Text',
    Phone: 'Phone',
    Fax: 'Phone',
    Website: 'Url',
    Description: 'LongTextArea',
    BillingStreet: 'TextArea',
    BillingCity: 'Text',
    BillingPostalCode: 'Text',
    ShippingStreet: 'TextArea',
    ShippingCity: 'Text',
    ShippingPostalCode: 'Text',
    PersonBirthdate: 'Date',
    PersonEmail: 'Email',
    PersonHomePhone: 'Phone',
    PersonMobilePhone: 'Phone',
    PersonMailingStreet: 'TextArea',
    PersonMailingCity: 'Text',
    PersonMailingPostalCode: 'Text',
  },
  Case: {
    Subject: 'Text',
    Description: 'LongTextArea',
    SuppliedName: 'Text',
    SuppliedEmail: 'Email',
    SuppliedPhone: 'Phone',
    SuppliedCompany: 'Text',
  },
};

export function standardFieldType(object: string, field: string): FieldType | undefined {
  return STANDARD_FIELDS[object]?.[field] ?? COMMON[field];
}
