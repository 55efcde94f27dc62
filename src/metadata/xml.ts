import { createHash } from 'node:crypto';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { ELEMENT_ORDER } from './elementOrder.js';
import { elementSince } from './versions.js';

/** Element content as the baseline builds it: keys are element names, arrays repeat an element. Order is not kept. */
export type XmlScalar = string | number | boolean;
export type XmlContent = {
  readonly [element: string]: XmlScalar | XmlContent | ReadonlyArray<XmlScalar | XmlContent> | undefined;
};

/** fast-xml-parser's order-preserving form: `[{ tag: [children] }, { '#text': 'x' }, { '#comment': [...] }]`. */
type OrderedNode = Record<string, unknown>;

export const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';
const HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n';
const TEXT = '#text';
const COMMENT = '#comment';
const ATTRIBUTES = ':@';

const builder = new XMLBuilder({
  preserveOrder: true,
  format: true,
  indentBy: '    ',
  ignoreAttributes: false,
  suppressEmptyNode: true,
  commentPropName: COMMENT,
});
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  parseTagValue: false,
  trimValues: true,
  commentPropName: COMMENT,
});

export class UnknownElementError extends Error {}

const tagOf = (node: OrderedNode): string | undefined => Object.keys(node).find((k) => k !== ATTRIBUTES);

const rankCache = new Map<string, Map<string, number>>();
/** Position of each element in its type's schema sequence. */
function ranks(type: string, elements: readonly string[]): Map<string, number> {
  let rank = rankCache.get(type);
  if (!rank) rankCache.set(type, (rank = new Map(elements.map((e, i) => [e, i]))));
  return rank;
}

const scalar = (value: XmlScalar): OrderedNode[] => [{ [TEXT]: String(value) }];

/** Content → ordered nodes in the schema order of `type`, without the elements `apiVersion` does not know. */
function toOrdered(type: string, content: XmlContent, apiVersion: number): OrderedNode[] {
  const order = ELEMENT_ORDER[type];
  if (!order) throw new UnknownElementError(`no element order for Metadata API type ${type}`);
  const rank = ranks(type, order.elements);
  const names = Object.keys(content).filter((name) => content[name] !== undefined);
  for (const name of names) if (!rank.has(name)) throw new UnknownElementError(`${type} has no element ${name}`);
  names.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
  const nodes: OrderedNode[] = [];
  for (const name of names) {
    const value = content[name];
    if (value === undefined || elementSince(type, name) > apiVersion) continue;
    const childType = order.children[name];
    for (const item of Array.isArray(value) ? value : [value]) {
      const children =
        typeof item === 'object' && item !== null
          ? toOrdered(childType ?? name, item as XmlContent, apiVersion)
          : scalar(item as XmlScalar);
      nodes.push({ [name]: children });
    }
  }
  return nodes;
}

function render(root: string, children: OrderedNode[]): string {
  const body: string = builder.build([{ [root]: children, [ATTRIBUTES]: { '@_xmlns': METADATA_NAMESPACE } }]);
  return `${HEADER}${body.replace(/^\n/, '')}\n`;
}

/** A metadata file: the XML declaration, the root element in the metadata namespace, children in schema order. */
export function renderMetadata(root: string, content: XmlContent, apiVersion: number): string {
  return render(root, toOrdered(root, content, apiVersion));
}

function parseRoot(root: string, text: string): OrderedNode[] {
  const doc = parser.parse(text) as OrderedNode[];
  const node = doc.find((n) => tagOf(n) === root);
  if (!node) throw new UnknownElementError(`the file has no <${root}> root element`);
  return node[root] as OrderedNode[];
}

/** Each node with the element it belongs to: its own tag, or for a comment the next element's. */
function anchored(nodes: OrderedNode[]): Array<{ node: OrderedNode; anchor?: string; comment: boolean }> {
  const out: Array<{ node: OrderedNode; anchor?: string; comment: boolean }> = [];
  let pending: OrderedNode[] = [];
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === COMMENT) {
      pending.push(node);
      continue;
    }
    out.push(...pending.map((c) => ({ node: c, anchor: tag, comment: true })), { node, anchor: tag, comment: false });
    pending = [];
  }
  return [...out, ...pending.map((c) => ({ node: c, comment: true }))];
}

/** `owned` split into whole elements and, for `parent.child` entries, the children owned inside a parent. */
function splitOwned(owned: readonly string[]): { whole: string[]; nested: Map<string, string[]> } {
  const nested = new Map<string, string[]>();
  for (const o of owned.filter((x) => x.includes('.'))) {
    const [parent, ...rest] = o.split('.');
    nested.set(parent, [...(nested.get(parent) ?? []), rest.join('.')]);
  }
  return { whole: owned.filter((o) => !o.includes('.')), nested };
}

/** Existing nodes with the owned ones replaced by the generated ones, in the schema order of `type`. */
function mergeNodes(
  type: string,
  existing: OrderedNode[],
  generated: OrderedNode[],
  owned: readonly string[]
): OrderedNode[] {
  const order = ELEMENT_ORDER[type];
  const elements = order?.elements ?? [];
  const rank = (tag: string | undefined): number => {
    const i = tag ? elements.indexOf(tag) : -1;
    return i < 0 ? elements.length + (tag ? 0 : 1) : i;
  };
  const { whole, nested } = splitOwned(owned);
  const kept = anchored(existing).filter((n) => n.comment || !whole.includes(n.anchor ?? ''));
  const added: OrderedNode[] = generated.filter((g) => whole.includes(tagOf(g) ?? ''));
  for (const [parent, children] of nested) {
    const mine = generated.find((g) => tagOf(g) === parent);
    const theirs = kept.find((k) => !k.comment && k.anchor === parent);
    if (mine && theirs) {
      theirs.node = {
        [parent]: mergeNodes(
          order?.children[parent] ?? parent,
          theirs.node[parent] as OrderedNode[],
          mine[parent] as OrderedNode[],
          children
        ),
      };
    } else if (mine) added.push(mine);
  }
  const all = [...kept, ...added.map((node) => ({ node, anchor: tagOf(node), comment: false }))].map((n, at) => ({
    ...n,
    at,
    rank: rank(n.anchor),
  }));
  // Within one element name: its comments first, then the elements in their original order.
  all.sort((a, b) => a.rank - b.rank || Number(b.comment) - Number(a.comment) || a.at - b.at);
  return all.map((n) => n.node);
}

/**
 * Sets the elements the baseline owns in an existing file and keeps every other element, all in schema order.
 * `owned` names the elements replaced (all their occurrences), whether or not `content` has them: a top-level
 * element (`enableHistory`), or one inside a top-level element (`sessionSettings.sessionTimeout`), so that settings
 * files keep the neighbours a team set by hand. Comments stay with the element they precede, also when that element
 * is replaced; unknown elements keep their order after the known ones.
 */
export function mergeMetadata(
  root: string,
  existing: string,
  content: XmlContent,
  owned: readonly string[],
  apiVersion: number
): string {
  return render(root, mergeNodes(root, parseRoot(root, existing), toOrdered(root, content, apiVersion), owned));
}

/** Only the owned elements of some nodes (inside parents for `parent.child` entries), in document order. */
function pickOwned(nodes: OrderedNode[], owned: readonly string[]): OrderedNode[] {
  const { whole, nested } = splitOwned(owned);
  return nodes.flatMap((n) => {
    const tag = tagOf(n) ?? '';
    if (whole.includes(tag)) return [n];
    const children = nested.get(tag);
    return children ? [{ [tag]: pickOwned(n[tag] as OrderedNode[], children) }] : [];
  });
}

/** SHA-256 of the owned elements of a file, so that edits elsewhere in a merged file are not mistaken for ours. */
export function ownedDigest(root: string, text: string, owned: readonly string[] | undefined): string {
  return sha256(owned ? render(root, pickOwned(parseRoot(root, text), owned)) : text);
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
