import {
  AnnotationContext,
  ApexErrorListener,
  ApexParserFactory,
  ClassBodyDeclarationContext,
  IdContext,
  MethodDeclarationContext,
  ModifierContext,
  StatementContext,
  TypeDeclarationContext,
  type ApexParserRuleContext,
} from '@apexdevtools/apex-parser';

export type ApexTestMethod = { readonly name: string; readonly line: number };
export type ApexCompileError = { readonly line: number; readonly column: number; readonly message: string };

/** What the emulated test runner needs to know about one class. */
export type ApexClassInfo = {
  readonly name: string;
  readonly isTest: boolean;
  readonly testMethods: readonly ApexTestMethod[];
  /** Executable statements: the "locations" code coverage counts. */
  readonly locations: number;
  /** Every identifier used, lower case: a test "covers" the classes it names. */
  readonly identifiers: ReadonlySet<string>;
  readonly errors: readonly ApexCompileError[];
};

type Node = ApexParserRuleContext;

class CollectingListener extends ApexErrorListener {
  public readonly errors: ApexCompileError[] = [];
  public apexSyntaxError(line: number, column: number, msg: string): void {
    this.errors.push({ line, column: column + 1, message: msg.charAt(0).toUpperCase() + msg.slice(1) });
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

const isTestModifier = (modifier: ModifierContext): boolean => {
  const annotation = modifier.annotation() as AnnotationContext | null;
  if (annotation) return annotation.id().getText().toLowerCase() === 'istest';
  return modifier.getText().toLowerCase() === 'testmethod';
};

function testMethodsOf(tree: Node): ApexTestMethod[] {
  const methods: ApexTestMethod[] = [];
  for (const node of descendants(tree)) {
    if (!(node instanceof ClassBodyDeclarationContext)) continue;
    const method = node.memberDeclaration()?.methodDeclaration() as MethodDeclarationContext | null | undefined;
    if (method && node.modifier_list().some(isTestModifier)) {
      methods.push({ name: method.id().getText(), line: method.start.line });
    }
  }
  return methods;
}

/** Parses a class body; syntax errors come back as compile errors with their position, as a deploy reports them. */
export function analyzeApex(name: string, source: string): ApexClassInfo {
  const listener = new CollectingListener();
  const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
  const tree = parser.compilationUnit();
  const type = tree.typeDeclaration() as TypeDeclarationContext | null;
  const isTest = Boolean(type?.modifier_list().some(isTestModifier));
  const identifiers = new Set<string>();
  let locations = 0;
  for (const node of descendants(tree)) {
    if (node instanceof IdContext) identifiers.add(node.getText().toLowerCase());
    else if (node instanceof StatementContext && !node.block()) locations++;
  }
  return {
    name,
    isTest,
    testMethods: isTest ? testMethodsOf(tree) : [],
    locations,
    identifiers,
    errors: listener.errors,
  };
}
