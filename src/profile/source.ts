import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { KeyPath, ProfileIssue } from './issues.js';
import { say } from './messages.js';

/** A parsed profile that can say where any key path is in the text. */
export type ProfileSource = {
  readonly file: string;
  readonly data: unknown;
  /** YAML syntax errors; when present, `data` is not to be trusted. */
  readonly syntaxIssues: ProfileIssue[];
  locate(path: KeyPath, at?: 'key' | 'value'): { line: number; column: number };
};

/** Aliases may not expand a small file into a huge one. */
const MAX_ALIAS_COUNT = 100;

export function parseProfileText(file: string, text: string): ProfileSource {
  const lineCounter = new LineCounter();
  const doc: Document.Parsed = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number): { line: number; column: number } => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  const syntaxIssues: ProfileIssue[] = doc.errors.map((e) => ({
    severity: 'error',
    file,
    ...position(e.pos[0]),
    keyPath: '',
    // The YAML parser's own wording ("Map keys must be unique") is precise; what to do instead is ours.
    message: e.message.split('\n')[0],
    legal: say(e.code === 'DUPLICATE_KEY' ? 'yaml.duplicateKey.legal' : 'yaml.syntax.legal'),
  }));

  let data: unknown;
  if (syntaxIssues.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch {
      syntaxIssues.push({
        severity: 'error',
        file,
        line: 1,
        column: 1,
        keyPath: '',
        message: say('yaml.aliases'),
        legal: say('yaml.aliases.legal', [MAX_ALIAS_COUNT]),
      });
    }
  }

  const locate = (path: KeyPath, at: 'key' | 'value' = 'value'): { line: number; column: number } => {
    let node: unknown = doc.contents;
    let found: Node | undefined = doc.contents ?? undefined;
    for (const [i, seg] of path.entries()) {
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        const key = pair.key as Node;
        const value = pair.value as Node | null;
        found = last && at === 'key' ? key : value?.range ? value : key;
        node = value;
      } else if (isSeq(node) && typeof seg === 'number' && node.items[seg]) {
        found = node.items[seg] as Node;
        node = found;
      } else {
        break;
      }
    }
    return found?.range ? position(found.range[0]) : { line: 1, column: 1 };
  };

  return { file, data, syntaxIssues, locate };
}
