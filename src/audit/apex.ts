import {
  AccessLevelContext,
  ApexErrorListener,
  ApexParserFactory,
  CreatorContext,
  DeleteStatementContext,
  DotExpressionContext,
  DotMethodCallContext,
  EnhancedForControlContext,
  FieldDeclarationContext,
  FieldExpressionContext,
  FormalParameterContext,
  FromNameListContext,
  IdPrimaryContext,
  InsertStatementContext,
  LocalVariableDeclarationContext,
  MergeStatementContext,
  SoqlLiteralContext,
  ThrowingErrorListener,
  TypeDeclarationContext,
  UndeleteStatementContext,
  UpdateStatementContext,
  UpsertStatementContext,
  WithClauseContext,
  type ApexParser,
  type ApexParserRuleContext,
} from '@apexdevtools/apex-parser';
import { PredictionMode } from 'antlr4';
import type { Profile } from '../profile/model.js';
import type { Finding } from '../report/finding.js';
import type { PhiInventory } from './inventory.js';
import { ruleInfo, type AuditRuleId } from './rules.js';

export type ApexAuditContext = { readonly inventory: PhiInventory; readonly profile?: Profile };
type Node = ApexParserRuleContext;
type Parse = (parser: ApexParser) => Node;

class CollectingListener extends ApexErrorListener {
  public readonly errors: string[] = [];
  public apexSyntaxError(line: number, column: number, msg: string): void {
    this.errors.push(`${line}:${column + 1} ${msg}`);
  }
}

/**
 * Parses with the fast SLL prediction first; only a file it fails on is parsed again with full LL, which is exact but
 * slower. Returns the tree, or the syntax errors of the full parse.
 */
export function parseApex(source: string, trigger: boolean): { tree?: Node; errors: string[] } {
  const entry: Parse = (p) => (trigger ? p.triggerUnit() : p.compilationUnit());
  try {
    const parser = ApexParserFactory.createParser(source);
    parser.removeErrorListeners();
    parser.addErrorListener(ThrowingErrorListener.INSTANCE);
    // eslint-disable-next-line no-underscore-dangle -- antlr4 exposes the prediction mode only on its simulator
    parser._interp.predictionMode = PredictionMode.SLL;
    return { tree: entry(parser), errors: [] };
  } catch {
    const listener = new CollectingListener();
    const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
    const tree = entry(parser);
    return listener.errors.length ? { errors: listener.errors } : { tree, errors: [] };
  }
}

function* descendants(node: Node): Generator<Node> {
  for (const child of (node.children ?? []) as unknown[]) {
    if (child && typeof child === 'object' && 'children' in child) {
      yield child as Node;
      yield* descendants(child as Node);
    }
  }
}

type NodeType<T> = abstract new (...args: never[]) => T;
const ofType = <T>(root: Node, type: NodeType<T>): T[] => [...descendants(root)].filter((n): n is Node & T => n instanceof type);

/** Every node of a file's tree by rule class, from one walk: the checks ask for their nodes by type. */
class TreeIndex {
  private readonly byType = new Map<unknown, Node[]>();
  public constructor(root: Node) {
    for (const n of descendants(root)) {
      const list = this.byType.get(n.constructor);
      if (list) list.push(n);
      else this.byType.set(n.constructor, [n]);
    }
  }
  public all<T>(type: NodeType<T>): T[] {
    return (this.byType.get(type) ?? []) as T[];
  }
}

function ancestor<T>(node: Node, type: abstract new (...args: never[]) => T): T | undefined {
  let p = node.parentCtx as Node | null;
  while (p && !(p instanceof type)) p = p.parentCtx as Node | null;
  return (p as T | null) ?? undefined;
}

/** Source text of a node, spaces kept. */
const sourceOf = (source: string, node: Node): string =>
  source.slice(node.start.start, (node.stop ?? node.start).stop + 1);

type ClassFacts = {
  /** Variable, field and parameter names (lower case) → their declared type (lower case). */
  readonly types: Map<string, string>;
  readonly phiObjects: readonly string[];
  /** PHI field names (lower case) → the schemes they are encrypted with. */
  readonly phiFields: Map<string, Set<string>>;
};

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^a-z0-9_]+/)
    .filter(Boolean);
const isPhiType = (type: string | undefined, facts: ClassFacts): boolean =>
  Boolean(type && words(type).some((w) => facts.phiObjects.includes(w)));

/** `records.size()`: a method called on a PHI collection returns something else than PHI (a count, a flag). */
function isMethodReceiver(id: Node): boolean {
  const primary = id.parentCtx as Node | null;
  const dot = primary?.parentCtx;
  return dot instanceof DotExpressionContext && Boolean(dot.dotMethodCall()) && dot.expression() === primary;
}

/** Does the expression carry PHI: a PHI record or collection, a PHI field, or a query of a PHI object? */
function carriesPhi(expr: Node, facts: ClassFacts): boolean {
  const nodes = [expr, ...descendants(expr)];
  return nodes.some(
    (n) =>
      (n instanceof IdPrimaryContext &&
        isPhiType(facts.types.get(n.getText().toLowerCase()), facts) &&
        !isMethodReceiver(n)) ||
      (n instanceof DotExpressionContext &&
        !n.dotMethodCall() &&
        facts.phiFields.has(n.anyId()?.getText().toLowerCase() ?? '')) ||
      (n instanceof SoqlLiteralContext && queriesPhi(n, facts))
  );
}

const queriesPhi = (soql: Node, facts: ClassFacts): boolean =>
  ofType(soql, FromNameListContext).some((f) => words(f.getText()).some((w) => facts.phiObjects.includes(w)));

function collectTypes(tree: TreeIndex): Map<string, string> {
  const types = new Map<string, string>();
  const declare = (type: string, names: string[]): void =>
    names.forEach((n) => types.set(n.toLowerCase(), type.toLowerCase()));
  for (const d of tree.all(LocalVariableDeclarationContext))
    declare(
      d.typeRef().getText(),
      d
        .variableDeclarators()
        .variableDeclarator_list()
        .map((v) => v.id().getText())
    );
  for (const d of tree.all(FieldDeclarationContext))
    declare(
      d.typeRef().getText(),
      d
        .variableDeclarators()
        .variableDeclarator_list()
        .map((v) => v.id().getText())
    );
  for (const p of tree.all(FormalParameterContext)) declare(p.typeRef().getText(), [p.id().getText()]);
  for (const f of tree.all(EnhancedForControlContext)) declare(f.typeRef().getText(), [f.id().getText()]);
  return types;
}

type Emit = (rule: AuditRuleId, node: Node, message: string) => void;

const DML = [
  InsertStatementContext,
  UpdateStatementContext,
  DeleteStatementContext,
  UpsertStatementContext,
  MergeStatementContext,
  UndeleteStatementContext,
];
const DATABASE_DML = [
  'insert',
  'update',
  'upsert',
  'delete',
  'undelete',
  'merge',
  'query',
  'querywithbinds',
  'countquery',
];
// getText() joins tokens without spaces (`WITHUSER_MODE`), so no word boundary before the mode.
const USER_MODE = /(USER_MODE|SECURITY_ENFORCED)$/i;
const EXCEPTION_TEXT = /\.(getMessage|getStackTraceString)\s*\(/i;
const SHOWS_TO_USER = ['adderror', 'addmessage', 'addmessages'];

/** A top-level class that touches PHI runs with the sharing of its declaration. */
function checkSharing(tree: TreeIndex, source: string, facts: ClassFacts, emit: Emit): void {
  for (const decl of tree.all(TypeDeclarationContext)) {
    const cls = decl.classDeclaration();
    if (!cls || !(queriesPhi(cls, facts) || [...facts.types.values()].some((t) => isPhiType(t, facts)))) continue;
    const modifiers = decl.modifier_list().map((m) => m.getText().toLowerCase());
    const name = cls.id().getText();
    if (modifiers.includes('withoutsharing'))
      emit('apex-class-without-sharing', cls, `class ${name} reads or writes PHI and is declared without sharing`);
    else if (!modifiers.some((m) => m.endsWith('sharing')))
      emit('apex-class-without-sharing', cls, `class ${name} reads or writes PHI and declares no sharing`);
  }
}

/** Queries and DML on PHI objects must run in user mode (or strip what the user cannot see). */
function checkUserMode(tree: TreeIndex, source: string, facts: ClassFacts, emit: Emit): void {
  const stripped = (n: Node): boolean =>
    /Security\.stripInaccessible/i.test(sourceOf(source, ancestor(n, DotExpressionContext) ?? n));
  for (const soql of tree.all(SoqlLiteralContext)) {
    if (
      !queriesPhi(soql, facts) ||
      ofType(soql, WithClauseContext).some((w) => USER_MODE.test(w.getText())) ||
      stripped(soql)
    )
      continue;
    emit(
      'apex-query-without-user-mode',
      soql,
      `query of a PHI object runs in system mode: ${sourceOf(source, soql).replace(/\s+/g, ' ').slice(0, 80)}`
    );
  }
  for (const dml of DML.flatMap((type) => tree.all<Node>(type))) {
    const hasAccessLevel = ofType(dml, AccessLevelContext).some((a) => /user/i.test(a.getText()));
    if (!hasAccessLevel && carriesPhi(dml, facts))
      emit(
        'apex-query-without-user-mode',
        dml,
        `DML on PHI records runs in system mode: ${sourceOf(source, dml).slice(0, 80)}`
      );
  }
  for (const call of tree.all(DotExpressionContext)) {
    const method = call.dotMethodCall()?.anyId().getText().toLowerCase();
    if (!method || !DATABASE_DML.includes(method) || call.expression().getText().toLowerCase() !== 'database') continue;
    const text = sourceOf(source, call);
    const phi =
      carriesPhi(call, facts) || facts.phiObjects.some((o) => new RegExp(`\\bfrom\\s+${o}\\b`, 'i').test(text));
    if (phi && !/AccessLevel\.USER_MODE/i.test(text))
      emit('apex-query-without-user-mode', call, `Database.${method} on PHI runs in system mode`);
  }
}

/** PHI in debug logs. */
function checkDebug(tree: TreeIndex, source: string, facts: ClassFacts, emit: Emit): void {
  for (const call of tree.all(DotExpressionContext)) {
    const dot = call.dotMethodCall();
    if (
      !dot ||
      dot.anyId().getText().toLowerCase() !== 'debug' ||
      call.expression().getText().toLowerCase() !== 'system'
    )
      continue;
    const args = dot.expressionList()?.expression_list() ?? [];
    if (args.some((a) => carriesPhi(a, facts)))
      emit('apex-debug-phi', call, `System.debug writes PHI to the debug log: ${sourceOf(source, call).slice(0, 80)}`);
  }
}

/** Exception text shown to users. */
function checkExceptionText(tree: TreeIndex, source: string, facts: ClassFacts, emit: Emit): void {
  for (const call of tree.all(DotMethodCallContext)) {
    const method = call.anyId().getText().toLowerCase();
    const args = sourceOf(source, call);
    if (
      SHOWS_TO_USER.includes(method) &&
      (EXCEPTION_TEXT.test(args) || (method === 'addmessages' && /\(\s*\w+\s*\)/.test(args)))
    ) {
      emit('apex-exception-to-user', call, `${call.anyId().getText()} shows an exception's text to the user`);
    }
  }
  for (const creator of tree.all(CreatorContext)) {
    const name = creator.createdName().getText().toLowerCase();
    if (
      (name === 'apexpages.message' || name === 'aurahandledexception') &&
      EXCEPTION_TEXT.test(sourceOf(source, creator))
    ) {
      emit(
        'apex-exception-to-user',
        creator,
        `new ${creator.createdName().getText()} shows an exception's text to the user`
      );
    }
  }
}

/** Callouts to plain-HTTP endpoints. */
function checkHttpCallout(tree: TreeIndex, source: string, facts: ClassFacts, emit: Emit): void {
  for (const call of tree.all(DotMethodCallContext)) {
    if (call.anyId().getText().toLowerCase() === 'setendpoint' && /\(\s*'http:\/\//i.test(sourceOf(source, call)))
      emit('apex-http-callout', call, 'callout to a plain-HTTP endpoint');
  }
}

/** Filters on probabilistically encrypted PHI fields cannot work: Shield cannot compare them. */
function checkProbabilisticFilter(tree: TreeIndex, source: string, facts: ClassFacts, emit: Emit): void {
  for (const field of tree.all(FieldExpressionContext)) {
    const name = field.fieldName()?.getText().split('.').pop()?.toLowerCase() ?? '';
    if (facts.phiFields.get(name)?.has('probabilistic') && ancestor(field, SoqlLiteralContext)) {
      emit(
        'apex-filter-probabilistic',
        field,
        `query filters on ${field.fieldName().getText()}, which is probabilistically encrypted`
      );
    }
  }
}

/** One function per Apex rule, each reading the syntax tree of one file. */
const APEX_CHECKS: ReadonlyArray<(tree: TreeIndex, source: string, facts: ClassFacts, emit: Emit) => void> = [
  checkSharing,
  checkUserMode,
  checkDebug,
  checkExceptionText,
  checkHttpCallout,
  checkProbabilisticFilter,
];

/** `// sf-hipaa-ignore RULE-ID: justification` on the line of a finding or the line above it. */
function inlineSuppressions(source: string): Map<string, string> {
  const out = new Map<string, string>();
  source.split('\n').forEach((line, i) => {
    const m = /\/\/\s*sf-hipaa-ignore\s+([a-z0-9-]+)\s*:\s*(.+?)\s*$/i.exec(line);
    if (m) for (const at of [i + 1, i + 2]) out.set(`${at}:${m[1].toLowerCase()}`, m[2]);
  });
  return out;
}

function classFacts(tree: TreeIndex, ctx: ApexAuditContext): ClassFacts {
  const phiFields = new Map<string, Set<string>>();
  for (const full of ctx.inventory.fields) {
    const name = full.split('.')[1].toLowerCase();
    const scheme = ctx.profile?.objects.flatMap((o) => o.fields).find((f) => f.fullName === full)?.encrypt ?? 'unknown';
    phiFields.set(name, (phiFields.get(name) ?? new Set()).add(scheme));
  }
  return { types: collectTypes(tree), phiObjects: [...ctx.inventory.objects].map((o) => o.toLowerCase()), phiFields };
}

/** Audits one Apex class or trigger. `file` is the path reports show. */
export function auditApex(
  file: string,
  source: string,
  trigger: boolean,
  ctx: ApexAuditContext
): { findings: Finding[]; errors: string[] } {
  const { tree, errors } = parseApex(source, trigger);
  if (!tree) return { findings: [], errors };
  const index = new TreeIndex(tree);
  const facts = classFacts(index, ctx);
  const suppressed = inlineSuppressions(source);
  const findings: Finding[] = [];
  const emit: Emit = (rule, node, message) => {
    const info = ruleInfo(rule);
    const line = node.start.line;
    const justification = suppressed.get(`${line}:${rule}`);
    findings.push({
      ruleId: rule,
      severity: info.severity,
      control: info.control,
      message,
      location: { file, line, column: node.start.column + 1 },
      ...(justification ? { suppression: { by: 'inline' as const, justification } } : {}),
    });
  };
  for (const check of APEX_CHECKS) check(index, source, facts, emit);
  return { findings, errors: [] };
}
