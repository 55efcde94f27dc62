import { METADATA_NAMESPACE, XML_DECLARATION, parseXml, raw, type XmlElement } from './xml.js';

/** A child element copied from some file: its markup and how to recognise it in another file. */
export type ChildMarkup = {
  readonly element: string;
  readonly idElement: string;
  readonly id: string;
  readonly markup: string;
};

const idOf = (element: XmlElement, idElement: string): string | undefined =>
  element.children.find((c) => c.name === idElement)?.text;

/** The whitespace before an element on its line: new siblings get the same indent. */
function indentBefore(source: string, offset: number): string {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  const prefix = source.slice(lineStart, offset);
  return /^[ \t]*$/.test(prefix) ? prefix : '    ';
}

function insertionPoint(
  source: string,
  root: XmlElement,
  element: string
): { at: number; text: (markup: string) => string } {
  const same = root.children.filter((c) => c.name === element);
  const last = same.at(-1);
  if (last) {
    const indent = indentBefore(source, last.start);
    return { at: last.end, text: (m) => `\n${indent}${m}` };
  }
  // Elements of a metadata type are in schema order, which is alphabetical for the parent types this serves.
  const next = root.children.find((c) => c.name.localeCompare(element) > 0);
  if (next) {
    const indent = indentBefore(source, next.start);
    return { at: next.start, text: (m) => `${m}\n${indent}` };
  }
  const close = source.lastIndexOf('</', root.end);
  const lineStart = source.lastIndexOf('\n', close - 1) + 1;
  const onOwnLine = /^[ \t]*$/.test(source.slice(lineStart, close));
  return onOwnLine ? { at: lineStart, text: (m) => `    ${m}\n` } : { at: close, text: (m) => m };
}

/**
 * Puts children into a parent file (e.g. fields into an object file) without reformatting the rest. With `replace`,
 * a child with the same name is overwritten (a deploy upserts); without, it is kept (stored children the deployed
 * file does not mention survive).
 */
export function mergeChildren(source: string, children: readonly ChildMarkup[], replace: boolean): string {
  let out = source;
  for (const child of children) {
    let root = parseXml(out);
    if (root.end - root.start > 1 && out.slice(root.end - 2, root.end) === '/>') {
      // A self-closing root has nowhere to insert into: open it first.
      out = `${out.slice(0, root.end - 2)}></${root.name}>${out.slice(root.end)}`;
      root = parseXml(out);
    }
    const existing = root.children.find((c) => c.name === child.element && idOf(c, child.idElement) === child.id);
    if (existing) {
      if (replace) out = `${out.slice(0, existing.start)}${child.markup}${out.slice(existing.end)}`;
      continue;
    }
    const point = insertionPoint(out, root, child.element);
    out = `${out.slice(0, point.at)}${point.text(child.markup)}${out.slice(point.at)}`;
  }
  return out;
}

/** The children of a file as markup, to move them into another file. */
export function childMarkup(source: string, element: XmlElement, idElement: string): ChildMarkup | undefined {
  const id = idOf(element, idElement);
  return id === undefined ? undefined : { element: element.name, idElement, id, markup: raw(source, element) };
}

/** A parent file holding only some children, as a retrieve of just those children returns it. */
export function partialParentFile(rootName: string, markups: readonly string[]): string {
  const body = markups.map((m) => `    ${m}\n`).join('');
  return `${XML_DECLARATION}\n<${rootName} xmlns="${METADATA_NAMESPACE}">\n${body}</${rootName}>\n`;
}
