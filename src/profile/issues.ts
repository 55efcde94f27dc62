import { say } from './messages.js';

/** A problem found in a profile, located in its file. */
export type ProfileIssue = {
  readonly severity: 'error' | 'warning';
  readonly file: string;
  /** 1-based; 0 when the problem is not in the file (an unreadable file). */
  readonly line: number;
  readonly column: number;
  /** `roles.Billing.objects.Patient__c.read[1]`; empty for the whole document. */
  readonly keyPath: string;
  readonly message: string;
  /** What would be legal instead. */
  readonly legal?: string;
};

export type KeyPath = ReadonlyArray<string | number>;

export function formatKeyPath(path: KeyPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

/** `hipaa-profile.yaml:12:9 roles.Billing.read[1]: unknown field "X". Legal: …` */
export function formatIssue(issue: ProfileIssue): string {
  const where = issue.line ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
  const key = issue.keyPath ? ` ${issue.keyPath}` : '';
  const legal = issue.legal ? `\n    ${say('issue.legalLabel')} ${issue.legal}` : '';
  return `${where}${key}: ${issue.message}${legal}`;
}

export const byPosition = (a: ProfileIssue, b: ProfileIssue): number =>
  a.line - b.line || a.column - b.column || a.keyPath.localeCompare(b.keyPath);

/** Levenshtein distance, to suggest the legal value a typo was meant to be. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length];
}

export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const score = distance(lower, c.toLowerCase());
    if (score < bestScore) [best, bestScore] = [c, score];
  }
  return best;
}

/** `one of: a, b, c` with a suggestion first when the value looks like a typo of one of them. */
export function legalValues(values: Iterable<unknown>, given?: unknown): string {
  const list = [...values].map((v) => String(v));
  const shown = list.length > 24 ? say('legal.more', [list.slice(0, 24).join(', '), list.length]) : list.join(', ');
  const guess = typeof given === 'string' ? closest(given, list) : undefined;
  return guess ? say('legal.didYouMean', [guess, shown]) : say('legal.oneOf', [shown]);
}
