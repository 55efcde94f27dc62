import {
  METADATA_NAMESPACE,
  XML_DECLARATION,
  childNamed,
  escapeXml,
  parseXml,
  renderXml,
  textOf,
  type XmlElement,
  type XmlValue,
} from './xml.js';

const ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

export type SoapRequest = {
  readonly operation: string;
  /** The operation element: its children are the arguments. */
  readonly body: XmlElement;
  readonly sessionId?: string;
};

/** Reads a SOAP envelope as jsforce writes it; undefined when the body is not one. */
export function parseEnvelope(xml: string): SoapRequest | undefined {
  let envelope: XmlElement;
  try {
    envelope = parseXml(xml);
  } catch {
    return undefined;
  }
  const body = childNamed(envelope, 'Body')?.children[0];
  if (envelope.name !== 'Envelope' || !body) return undefined;
  const sessionId = textOf(childNamed(childNamed(envelope, 'Header'), 'SessionHeader'), 'sessionId');
  return { operation: body.name, body, sessionId };
}

const envelope = (body: string): string =>
  `${XML_DECLARATION}<soapenv:Envelope xmlns:soapenv="${ENVELOPE_NS}" xmlns="${METADATA_NAMESPACE}" xmlns:xsi="${XSI_NS}">` +
  `<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

/** `<operationResponse>` with one `<result>` per value (listMetadata answers several). */
export function renderResponse(operation: string, results: XmlValue): string {
  return envelope(`<${operation}Response>${renderXml('result', results)}</${operation}Response>`);
}

export class SoapFault extends Error {
  public constructor(public readonly code: string, message: string) {
    super(message);
  }
}

/** A fault as Salesforce sends it (with HTTP 500): faultcode sf:CODE, faultstring "CODE: message", and the detail. */
export function renderFault(fault: SoapFault): string {
  const detail =
    `<detail><sf:UnexpectedErrorFault xsi:type="sf:UnexpectedErrorFault"><sf:exceptionCode>${fault.code}</sf:exceptionCode>` +
    `<sf:exceptionMessage>${escapeXml(fault.message)}</sf:exceptionMessage></sf:UnexpectedErrorFault></detail>`;
  return (
    `${XML_DECLARATION}<soapenv:Envelope xmlns:soapenv="${ENVELOPE_NS}" xmlns:sf="${METADATA_NAMESPACE}" xmlns:xsi="${XSI_NS}">` +
    `<soapenv:Body><soapenv:Fault><faultcode>sf:${fault.code}</faultcode><faultstring>${escapeXml(
      `${fault.code}: ${fault.message}`
    )}</faultstring>` +
    `${detail}</soapenv:Fault></soapenv:Body></soapenv:Envelope>`
  );
}

export const invalidSession = (): SoapFault =>
  new SoapFault('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session');
export const unknownException = (): SoapFault =>
  new SoapFault(
    'UNKNOWN_EXCEPTION',
    'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)'
  );
