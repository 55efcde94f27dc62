import type { ControlId } from '../controls/catalog.js';
import type { KeyPath, ProfileIssue } from './issues.js';
import { formatKeyPath } from './issues.js';
import type { Problem } from './messages.js';
import { say } from './messages.js';
import type { Relaxation } from './model.js';
import type { ProfileSource } from './source.js';
import type { FieldType } from './vocabulary.js';

/** What the project tells about fields the profile does not describe itself. */
export type ProjectField = { readonly type: FieldType; readonly length?: number; readonly label?: string; readonly path?: string };

export type ProjectFacts = {
  /** `sourceApiVersion` of sfdx-project.json. */
  readonly sourceApiVersion?: string;
  /** A field defined in the project's source; asked only for fields the profile gives no type. */
  readonly field?: (object: string, name: string) => ProjectField | undefined;
};

/** Collects the problems and relaxations found while the profile model is built. */
export class RuleContext {
  public readonly issues: ProfileIssue[] = [];
  public readonly relaxations: Relaxation[] = [];
  /** Key paths of the mappings whose `justification` covered a relaxation. */
  public readonly usedJustifications = new Set<string>();

  public constructor(private readonly source: ProfileSource, public readonly project: ProjectFacts) {}

  public error(path: KeyPath, problem: Problem, at: 'key' | 'value' = 'value'): void {
    this.report('error', path, problem, at);
  }

  public warn(path: KeyPath, problem: Problem): void {
    this.report('warning', path, problem, 'value');
  }

  /**
   * Records a control relaxed below the safe floor. It needs a `justification` in the mapping at `owner`;
   * without one it is an error at the relaxed key.
   */
  public relax(relaxed: KeyPath, owner: KeyPath, justification: string | undefined, control: ControlId, setting: Problem): void {
    const text = say(setting.key, setting.tokens);
    if (justification === undefined) {
      this.error(relaxed, { key: 'relaxed', tokens: [text, control], legal: [formatKeyPath(owner) || say('relaxed.topLevel')] });
      return;
    }
    this.usedJustifications.add(formatKeyPath(owner));
    this.relaxations.push({ control, setting: text, keyPath: formatKeyPath(relaxed), justification });
  }

  private report(severity: ProfileIssue['severity'], path: KeyPath, problem: Problem, at: 'key' | 'value'): void {
    this.issues.push({
      severity,
      file: this.source.file,
      ...this.source.locate(path, at),
      keyPath: formatKeyPath(path),
      message: say(problem.key, problem.tokens),
      ...(problem.legal ? { legal: say(`${problem.key}.legal`, problem.legal) } : {}),
    });
  }
}
