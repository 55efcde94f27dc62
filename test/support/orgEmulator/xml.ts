import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/**
 * One element of a parsed document. `start`/`end` are offsets into the source text (end exclusive), so callers can
 * copy an element byte for byte instead of serialising it again: retrieves must return what was deployed.
 */
export type XmlElement = {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Text directly inside the element, trimmed. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
};

/** fast-xml-parser's order-preserving output: `{ tag: [children], ':@': {attributes} }` or `{ '#text': 'x' }`. */
type OrderedNode = Record<string, unknown>;

const ATTRIBUTES = ':@';
const TEXT = '#text';
// Typed as the Symbol wrapper object; it is a primitive symbol at run time.
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

const parser = new XMLParser({
  preserveOrder: true,
  captureMetaData: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const isNodeArray = (value: unknown): value is OrderedNode[] => Array.isArray(value);

function toElement(node: OrderedNode): XmlElement | undefined {
  const name = Object.keys(node).find((k) => k !== ATTRIBUTES && k !== TEXT && !k.startsWith('#'));
  if (!name) return undefined;
  const content = node[name];
  const nodes = isNodeArray(content) ? content : [];
  const meta = (node as Record<symbol, { startIndex?: number; endIndex?: number } | undefined>)[META];
  const attributes = (node[ATTRIBUTES] ?? {}) as Record<string, string>;
  const children: XmlElement[] = [];
  const texts: string[] = [];
  for (const child of nodes) {
    if (TEXT in child) texts.push(String(child[TEXT]));
    else {
      const element = toElement(child);
      if (element) children.push(element);
    }
  }
  return { name, attributes, children, text: texts.join(''), start: meta?.startIndex ?? 0, end: meta?.endIndex ?? 0 };
}

export class XmlSyntaxError extends Error {
  public constructor(message: string, public readonly line: number, public readonly column: number) {
    super(message);
  }
}

/** Parses a document and returns its root element; throws XmlSyntaxError (with the position) on malformed input. */
export function parseXml(xml: string): XmlElement {
  // The parser itself is lenient about mismatched tags, so check well-formedness first, as the server does.
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new XmlSyntaxError(valid.err.msg, valid.err.line, valid.err.col);
  const nodes = parser.parse(xml) as OrderedNode[];
  for (const node of nodes) {
    const element = toElement(node);
    if (element) return element;
  }
  throw new XmlSyntaxError('Premature end of file.', 1, 1);
}

export const childrenNamed = (element: XmlElement | undefined, name: string): XmlElement[] =>
  element ? element.children.filter((c) => c.name === name) : [];
export const childNamed = (element: XmlElement | undefined, name: string): XmlElement | undefined =>
  element?.children.find((c) => c.name === name);
export const textOf = (element: XmlElement | undefined, name: string): string | undefined =>
  childNamed(element, name)?.text;
export const textsOf = (element: XmlElement | undefined, name: string): string[] =>
  childrenNamed(element, name).map((c) => c.text);
export const boolOf = (element: XmlElement | undefined, name: string): boolean | undefined => {
  const value = textOf(element, name);
  return value === undefined ? undefined : value === 'true';
};

/** 1-based line and column of an offset. */
export function position(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}

export const raw = (source: string, element: XmlElement): string => source.slice(element.start, element.end);

export const escapeXml = (value: string): string =>
  value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

/** Response values: objects keep key order (the WSDL sequence), arrays repeat the element, undefined omits it. */
export type XmlValue = string | number | boolean | null | undefined | Xml | XmlObject | readonly XmlValue[];
export type XmlObject = { readonly [element: string]: XmlValue };
/** Markup that is already XML (copied from a stored file); rendered as is. */
export class Xml {
  public constructor(public readonly markup: string) {}
}

export function renderXml(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return (value as readonly XmlValue[]).map((v) => renderXml(name, v)).join('');
  if (value === null) return `<${name} xsi:nil="true"/>`;
  if (value instanceof Xml) return `<${name}>${value.markup}</${name}>`;
  if (typeof value === 'object') {
    const inner = Object.entries(value as XmlObject)
      .map(([k, v]) => renderXml(k, v))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A metadata file as Salesforce writes it: declaration, root in the metadata namespace, four-space indent. */
export function metadataFile(root: string, innerLines: readonly string[]): string {
  const body = innerLines.map((l) => `    ${l}\n`).join('');
  return `${XML_DECLARATION}\n<${root} xmlns="${METADATA_NAMESPACE}">\n${body}</${root}>\n`;
}
