import JSZip from 'jszip';
import { analyzeApex } from './apex.js';
import { childMarkup, mergeChildren, type ChildMarkup } from './compose.js';
import {
  componentOfPath,
  filesOf,
  keyOf,
  mainPathOf,
  parentTypeOf,
  typeByName,
  xmlPathOf,
  type ComponentRef,
} from './metadataTypes.js';
import { childElements, type ChildElement, type EmulatedOrg } from './org.js';
import { runTests, type ApexSource, type RunTestsResult } from './tests.js';
import type { DeployStatus, TestLevel } from './types.js';
import {
  boolOf,
  childNamed,
  childrenNamed,
  parseXml,
  position,
  raw,
  textOf,
  textsOf,
  XmlSyntaxError,
  type XmlElement,
} from './xml.js';

export type DeployRequestOptions = {
  readonly checkOnly: boolean;
  readonly rollbackOnError: boolean;
  readonly ignoreWarnings: boolean;
  readonly testLevel?: TestLevel;
  readonly runTests: readonly string[];
};

export function parseDeployOptions(element: XmlElement | undefined): DeployRequestOptions {
  return {
    checkOnly: boolOf(element, 'checkOnly') ?? false,
    rollbackOnError: boolOf(element, 'rollbackOnError') ?? true,
    ignoreWarnings: boolOf(element, 'ignoreWarnings') ?? false,
    testLevel: textOf(element, 'testLevel') as TestLevel | undefined,
    runTests: textsOf(element, 'runTests'),
  };
}

/** A DeployMessage in WSDL element order. */
export type DeployMessage = {
  changed: boolean;
  columnNumber?: number;
  componentType: string;
  created: boolean;
  createdDate: string;
  deleted: boolean;
  fileName: string;
  fullName: string;
  id?: string;
  lineNumber?: number;
  problem?: string;
  problemType?: 'Error' | 'Warning';
  success: boolean;
};

export type DeployEnvironment = {
  readonly org: EmulatedOrg;
  readonly shield: boolean;
  readonly unknownUserPermissions: ReadonlySet<string>;
  /** Not a sandbox and not a Developer Edition: tests are required and coverage is enforced. */
  readonly production: boolean;
  readonly now: () => string;
  /** An injected failure for a component, consumed when returned. */
  readonly componentFault: (ref: ComponentRef) => Problem | undefined;
  readonly testFault: (className: string, methodName: string) => string | undefined;
};

export type Problem = { readonly problem: string; readonly line?: number; readonly column?: number };

export type DeployEvaluation = {
  readonly components: readonly ComponentRef[];
  readonly successes: readonly DeployMessage[];
  readonly failures: readonly DeployMessage[];
  readonly testLevel: TestLevel;
  readonly tests?: RunTestsResult;
  readonly errorStatusCode?: string;
  readonly errorMessage?: string;
  readonly status: Extract<DeployStatus, 'Succeeded' | 'SucceededPartial' | 'Failed'>;
  /** Writes the deployed components into the org (not called for check-only or failed deploys). */
  readonly persist: () => void;
};

/** A component named in package.xml, resolved to its files in the zip. */
type PackageComponent = ComponentRef & {
  readonly fileName: string;
  /** Zip paths of a top-level component; empty for a child, which lives in its parent's file. */
  readonly files: readonly string[];
  readonly xmlPath?: string;
  readonly parent?: ComponentRef & { readonly path: string };
  readonly child?: ChildElement;
};

const PERMISSION_TYPES = new Set(['PermissionSet', 'Profile', 'MutingPermissionSet']);
const SHIELD_SETTINGS: Readonly<Record<string, string>> = {
  PlatformEncryption: 'PlatformEncryptionSettings: Shield Platform Encryption is not licensed in this org',
  RealTimeEvent:
    'RealTimeEventSettings: Real-Time Event Monitoring (Shield Event Monitoring) is not licensed in this org',
};
const TEST_LEVELS = new Set<string>(['NoTestRun', 'RunSpecifiedTests', 'RunLocalTests', 'RunAllTestsInOrg']);

/** Persisting a deploy that failed writes nothing. */
const nothing = (): void => {};

const notInZip = (ref: ComponentRef): string =>
  `An object '${ref.fullName}' of type ${ref.type} was named in package.xml, but was not found in zipped directory`;

async function unzip(zipFile: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(zipFile);
  const entries = Object.values(zip.files).filter((f) => !f.dir);
  const contents = await Promise.all(entries.map((f) => f.async('string')));
  const manifest = entries.map((f) => f.name).filter((n) => n === 'package.xml' || n.endsWith('/package.xml'));
  manifest.sort((a, b) => a.length - b.length);
  // A non-singlePackage zip has a package folder (unpackaged/, or zip/ from SDR's mdapiPath deploys).
  const prefix = (manifest[0] ?? 'package.xml').slice(0, -'package.xml'.length);
  const files = new Map<string, string>();
  entries.forEach((f, i) => {
    if (f.name.startsWith(prefix)) files.set(f.name.slice(prefix.length), contents[i]);
  });
  return files;
}

/** One deploy: resolves package.xml against the zip, validates like the server, runs tests, and persists on request. */
class Deployment {
  private readonly parsed = new Map<string, { root?: XmlElement; error?: XmlSyntaxError }>();
  private readonly problems = new Map<string, Problem[]>();
  private readonly manifestFailures: DeployMessage[] = [];
  private components: PackageComponent[] = [];

  public constructor(
    private readonly files: ReadonlyMap<string, string>,
    private readonly options: DeployRequestOptions,
    private readonly env: DeployEnvironment
  ) {}

  public evaluate(): DeployEvaluation {
    this.resolveManifest();
    this.checkParents();
    this.checkFiles();
    this.checkPermissionReferences();
    if (!this.env.shield) this.checkShieldFeatures();
    this.checkApex();
    this.checkInjectedFaults();
    const failures = [...this.manifestFailures, ...this.componentFailures()];
    const successes = this.componentSuccesses();
    const levelOrError = this.testLevel();
    const base = { components: this.components.map(({ type, fullName }) => ({ type, fullName })), successes, failures };
    if (typeof levelOrError !== 'string') {
      return {
        ...base,
        testLevel: this.options.testLevel ?? 'NoTestRun',
        ...levelOrError,
        status: 'Failed',
        persist: nothing,
      };
    }
    const testLevel = levelOrError;
    if (failures.length > 0) {
      // Without rollbackOnError the components that passed are kept.
      const partial = !this.options.rollbackOnError && successes.length > 1;
      const persist = (): void => {
        if (partial) this.persist(true);
      };
      return { ...base, testLevel, status: partial ? 'SucceededPartial' : 'Failed', persist };
    }
    const tests = testLevel === 'NoTestRun' ? undefined : this.runTests(testLevel);
    const testsFailed = tests !== undefined && (tests.outcome.numFailures > 0 || tests.coverageFailed);
    return {
      ...base,
      testLevel,
      tests: tests?.outcome,
      status: testsFailed ? 'Failed' : 'Succeeded',
      persist: () => this.persist(false),
    };
  }

  private xml(path: string): { root?: XmlElement; error?: XmlSyntaxError } {
    let parsed = this.parsed.get(path);
    if (!parsed) {
      try {
        parsed = { root: parseXml(this.files.get(path) ?? '') };
      } catch (e) {
        parsed = { error: e instanceof XmlSyntaxError ? e : new XmlSyntaxError(String(e), 1, 1) };
      }
      this.parsed.set(path, parsed);
    }
    return parsed;
  }

  private fail(ref: ComponentRef, problem: Problem): void {
    const list = this.problems.get(keyOf(ref)) ?? [];
    list.push(problem);
    this.problems.set(keyOf(ref), list);
  }

  /** A problem located at an element of a deployed file. */
  private failAt(ref: ComponentRef, path: string, element: XmlElement, problem: string): void {
    const { line, column } = position(this.files.get(path) ?? '', element.start);
    this.fail(ref, { problem, line, column });
  }

  private resolveManifest(): void {
    const source = this.files.get('package.xml');
    const manifest = source === undefined ? undefined : this.xml('package.xml');
    if (!manifest?.root) {
      const problem = manifest?.error ? `Error parsing file: ${manifest.error.message}` : 'No package.xml found';
      this.manifestFailures.push(
        this.message({ type: '', fullName: 'package.xml' }, 'package.xml', {
          problem,
          line: manifest?.error?.line,
          column: manifest?.error?.column,
        })
      );
      return;
    }
    const seen = new Set<string>();
    for (const types of childrenNamed(manifest.root, 'types')) {
      const name = textOf(types, 'name') ?? '';
      if (!typeByName(name)) {
        const { line, column } = position(source ?? '', childNamed(types, 'name')?.start ?? types.start);
        this.manifestFailures.push(
          this.message({ type: '', fullName: 'package.xml' }, 'package.xml', {
            problem: `Unknown type name '${name}' specified in package.xml`,
            line,
            column,
          })
        );
        continue;
      }
      for (const component of this.membersOf(name, textsOf(types, 'members'))) {
        if (seen.has(keyOf(component))) continue;
        seen.add(keyOf(component));
        this.components.push(component);
      }
    }
  }

  private membersOf(typeName: string, members: string[]): PackageComponent[] {
    const isChild = parentTypeOf(typeName) !== undefined;
    const names = members.flatMap((m) => (m === '*' ? this.wildcard(typeName) : [m]));
    return names.map((fullName) =>
      isChild ? this.childComponent({ type: typeName, fullName }) : this.topLevelComponent({ type: typeName, fullName })
    );
  }

  private wildcard(typeName: string): string[] {
    const parent = parentTypeOf(typeName);
    const tops = [...this.files.keys()].map(componentOfPath).filter((r): r is ComponentRef => r !== undefined);
    if (!parent) return [...new Set(tops.filter((r) => r.type === typeName).map((r) => r.fullName))];
    return tops
      .filter((r) => r.type === parent.name)
      .flatMap((r) => this.childrenInZip(r))
      .filter((c) => c.type === typeName)
      .map((c) => c.fullName);
  }

  private childrenInZip(parent: ComponentRef): ChildElement[] {
    const type = typeByName(parent.type);
    const path = xmlPathOf(parent);
    const root = path ? this.xml(path).root : undefined;
    return type && root ? childElements(type, parent.fullName, root) : [];
  }

  private topLevelComponent(ref: ComponentRef): PackageComponent {
    const files = filesOf(ref, this.files.keys());
    const xmlPath = xmlPathOf(ref);
    const component = {
      ...ref,
      fileName: mainPathOf(ref) ?? '',
      files,
      xmlPath: xmlPath && files.includes(xmlPath) ? xmlPath : undefined,
    };
    if (files.length === 0) this.fail(ref, { problem: notInZip(ref) });
    return component;
  }

  private childComponent(ref: ComponentRef): PackageComponent {
    const parentType = parentTypeOf(ref.type);
    const dot = ref.fullName.indexOf('.');
    const parentName = dot > 0 ? ref.fullName.slice(0, dot) : parentType?.name ?? '';
    const parentRef = { type: parentType?.name ?? '', fullName: parentName };
    const path = xmlPathOf(parentRef) ?? '';
    const child = this.childrenInZip(parentRef).find((c) => c.type === ref.type && c.fullName === ref.fullName);
    if (!child) this.fail(ref, { problem: notInZip(ref) });
    return { ...ref, fileName: mainPathOf(parentRef) ?? '', files: [], parent: { ...parentRef, path }, child };
  }

  /** A child (a field) needs its parent in the org or in the same deploy. */
  private checkParents(): void {
    const named = new Set(this.components.map(keyOf));
    for (const { parent, ...ref } of this.components) {
      if (!parent || named.has(keyOf(parent)) || this.env.org.has(parent.type, parent.fullName)) continue;
      this.fail(ref, { problem: `In field: fullName - no ${parent.type} named ${parent.fullName} found` });
    }
  }

  /** Malformed XML fails its component, with the parser's position. */
  private checkFiles(): void {
    for (const component of this.components) {
      const path = component.parent?.path ?? component.xmlPath;
      const error = path ? this.xml(path).error : undefined;
      if (error)
        this.fail(component, {
          problem: `Error parsing file: ${error.message}`,
          line: error.line,
          column: error.column,
        });
    }
  }

  private fieldsInZip(objectName: string): Set<string> {
    return new Set(
      this.childrenInZip({ type: 'CustomObject', fullName: objectName })
        .filter((c) => c.type === 'CustomField')
        .map((c) => c.fullName)
    );
  }

  private fieldExists(name: string): boolean {
    const objectName = name.split('.')[0];
    return this.fieldsInZip(objectName).has(name) || this.env.org.has('CustomField', name);
  }

  private objectExists(name: string): boolean {
    return this.files.has(`objects/${name}.object`) || this.env.org.has('CustomObject', name);
  }

  /** Permission sets and profiles may only name fields, objects and user permissions the org (or the deploy) has. */
  private checkPermissionReferences(): void {
    for (const component of this.components) {
      const path = component.xmlPath;
      const root = path && PERMISSION_TYPES.has(component.type) ? this.xml(path).root : undefined;
      if (!root || !path) continue;
      for (const field of childrenNamed(root, 'fieldPermissions').flatMap((p) => childrenNamed(p, 'field'))) {
        if (!this.fieldExists(field.text))
          this.failAt(component, path, field, `In field: field - no CustomField named ${field.text} found`);
      }
      for (const object of childrenNamed(root, 'objectPermissions').flatMap((p) => childrenNamed(p, 'object'))) {
        if (!this.objectExists(object.text))
          this.failAt(component, path, object, `In field: object - no CustomObject named ${object.text} found`);
      }
      for (const name of childrenNamed(root, 'userPermissions').flatMap((p) => childrenNamed(p, 'name'))) {
        if (this.env.unknownUserPermissions.has(name.text))
          this.failAt(component, path, name, `Unknown user permission: ${name.text}`);
      }
    }
  }

  /** Without Shield, encryption, its settings and real-time event monitoring are rejected. */
  private checkShieldFeatures(): void {
    for (const component of this.components) {
      const path = component.parent?.path ?? component.xmlPath;
      const root = path ? this.xml(path).root : undefined;
      if (!path || !root) continue;
      const settingsProblem = component.type === 'Settings' ? SHIELD_SETTINGS[component.fullName] : undefined;
      if (settingsProblem) this.failAt(component, path, root, settingsProblem);
      if (component.type === 'TransactionSecurityPolicy') {
        this.failAt(
          component,
          path,
          root,
          'TransactionSecurityPolicy: Real-Time Event Monitoring (Shield Event Monitoring) is not licensed in this org'
        );
      }
      const scheme =
        component.type === 'CustomField' ? childNamed(component.child?.element, 'encryptionScheme') : undefined;
      if (scheme && scheme.text !== 'None') {
        this.failAt(
          component,
          path,
          scheme,
          `Encryption scheme ${scheme.text} is not available: Shield Platform Encryption is not licensed in this org`
        );
      }
    }
  }

  /** Apex that does not parse does not compile. */
  private checkApex(): void {
    for (const component of this.components) {
      if (component.type !== 'ApexClass' && component.type !== 'ApexTrigger') continue;
      const code = component.files.find((f) => !f.endsWith('-meta.xml'));
      const errors = code ? analyzeApex(component.fullName, this.files.get(code) ?? '').errors : [];
      for (const e of errors) this.fail(component, { problem: e.message, line: e.line, column: e.column });
    }
  }

  private checkInjectedFaults(): void {
    for (const component of this.components) {
      const problem = this.env.componentFault(component);
      if (problem) this.fail(component, problem);
    }
  }

  private existedBefore(component: PackageComponent): boolean {
    return this.env.org.has(component.type, component.fullName);
  }

  private changed(component: PackageComponent): boolean {
    if (!this.existedBefore(component)) return true;
    if (component.child && component.parent) {
      const stored = this.env.org.findChild(component);
      const before = stored ? raw(this.env.org.file(stored.path) ?? '', stored.child.element) : undefined;
      return before !== raw(this.files.get(component.parent.path) ?? '', component.child.element);
    }
    return component.files.some((f) => this.env.org.file(f) !== this.files.get(f));
  }

  private message(ref: ComponentRef, fileName: string, problem?: Problem, component?: PackageComponent): DeployMessage {
    const created = component ? !this.existedBefore(component) : false;
    return {
      changed: component ? this.changed(component) : !problem,
      columnNumber: problem?.column,
      componentType: ref.type,
      created: problem ? false : created,
      createdDate: this.env.now(),
      deleted: false,
      fileName,
      fullName: ref.fullName,
      id: component && ref.type ? this.env.org.describe(ref).id : undefined,
      lineNumber: problem?.line,
      problem: problem?.problem,
      problemType: problem ? 'Error' : undefined,
      success: !problem,
    };
  }

  private componentFailures(): DeployMessage[] {
    return this.components.flatMap((c) =>
      (this.problems.get(keyOf(c)) ?? []).map((p) => ({
        ...this.message(c, c.fileName, p, c),
        changed: false,
        created: false,
      }))
    );
  }

  private componentSuccesses(): DeployMessage[] {
    const ok = this.components.filter((c) => !this.problems.has(keyOf(c)));
    return [
      {
        ...this.message({ type: '', fullName: 'package.xml' }, 'package.xml'),
        changed: true,
        created: true,
        componentType: '',
      },
      ...ok.map((c) => this.message(c, c.fileName, undefined, c)),
    ];
  }

  /** The level to run, or a deploy-level error for an invalid combination. */
  private testLevel(): TestLevel | { errorStatusCode: string; errorMessage: string } {
    const { testLevel, runTests: named } = this.options;
    if (testLevel && !TEST_LEVELS.has(testLevel))
      return { errorStatusCode: 'INVALID_INPUT', errorMessage: `Invalid testLevel: ${testLevel}` };
    if (testLevel === 'NoTestRun' && this.env.production) {
      return {
        errorStatusCode: 'INVALID_OPERATION',
        errorMessage: 'testLevel of NoTestRun cannot be used in production organizations',
      };
    }
    if (testLevel === 'RunSpecifiedTests' && named.length === 0) {
      return {
        errorStatusCode: 'INVALID_OPERATION',
        errorMessage: 'No test classes specified: RunSpecifiedTests requires at least one test in runTests',
      };
    }
    if (testLevel && testLevel !== 'RunSpecifiedTests' && named.length > 0) {
      return {
        errorStatusCode: 'INVALID_OPERATION',
        errorMessage: 'runTests can only be used with a testLevel of RunSpecifiedTests',
      };
    }
    const deploysApex = this.components.some((c) => c.type === 'ApexClass' || c.type === 'ApexTrigger');
    return testLevel ?? (this.env.production && deploysApex ? 'RunLocalTests' : 'NoTestRun');
  }

  private apexSources(): ApexSource[] {
    const classes = new Map<string, ApexSource>();
    for (const ref of this.env.org.components().filter((c) => c.type === 'ApexClass')) {
      const source = this.env.org.file(mainPathOf(ref) ?? '');
      if (source !== undefined)
        classes.set(ref.fullName, { name: ref.fullName, source, id: this.env.org.describe(ref).id, inDeploy: false });
    }
    for (const component of this.components.filter((c) => c.type === 'ApexClass')) {
      const source = this.files.get(component.fileName);
      if (source !== undefined) {
        classes.set(component.fullName, {
          name: component.fullName,
          source,
          id: this.env.org.describe(component).id,
          inDeploy: true,
        });
      }
    }
    return [...classes.values()];
  }

  private runTests(level: TestLevel): { outcome: RunTestsResult; coverageFailed: boolean } {
    const { result, coverageFailed } = runTests({
      level,
      runTests: this.options.runTests,
      classes: this.apexSources(),
      production: this.env.production,
      failureFor: this.env.testFault,
    });
    return { outcome: result, coverageFailed };
  }

  /** Writes components: parents with children upsert them; everything else replaces the stored files. */
  private persist(onlySucceeded: boolean): void {
    const org = this.env.org;
    const deployed = this.components.filter((c) => !onlySucceeded || !this.problems.has(keyOf(c)));
    const upserts = new Map<string, ChildMarkup[]>();
    for (const component of deployed) {
      if (component.child && component.parent) {
        const markup = childMarkup(
          this.files.get(component.parent.path) ?? '',
          component.child.element,
          component.child.childType.idElement
        );
        if (markup) upserts.set(component.parent.path, [...(upserts.get(component.parent.path) ?? []), markup]);
        continue;
      }
      if (typeByName(component.type)?.children && component.xmlPath) {
        this.persistParent(component, component.xmlPath);
        continue;
      }
      for (const stale of org.filesOf(component)) if (!component.files.includes(stale)) org.deleteFile(stale);
      for (const f of component.files) org.setFile(f, this.files.get(f) ?? '');
    }
    for (const [path, markups] of upserts) {
      const stored = org.file(path) ?? this.files.get(path) ?? '';
      org.setFile(path, mergeChildren(stored, markups, true));
    }
    for (const component of deployed) org.touch(component);
  }

  /** A deployed parent file replaces the stored one, but stored children it does not mention stay (fields are not deleted). */
  private persistParent(component: PackageComponent, path: string): void {
    const org = this.env.org;
    const deployedFile = this.files.get(path) ?? '';
    const storedFile = org.file(path);
    const storedRoot = org.xml(path);
    const type = typeByName(component.type);
    if (storedFile === undefined || !storedRoot || !type) {
      org.setFile(path, deployedFile);
      return;
    }
    const keep = childElements(type, component.fullName, storedRoot)
      .map((c) => childMarkup(storedFile, c.element, c.childType.idElement))
      .filter((m): m is ChildMarkup => m !== undefined);
    org.setFile(path, mergeChildren(deployedFile, keep, false));
  }
}

/** Validates and (dry-)runs a deploy zip against the org; nothing is written until `persist` is called. */
export async function evaluateDeploy(
  zipFile: Buffer,
  options: DeployRequestOptions,
  env: DeployEnvironment
): Promise<DeployEvaluation> {
  let files: Map<string, string>;
  try {
    files = await unzip(zipFile);
  } catch (e) {
    return {
      components: [],
      successes: [],
      failures: [],
      testLevel: options.testLevel ?? 'NoTestRun',
      errorStatusCode: 'INVALID_INPUT',
      errorMessage: `The zip file could not be read: ${e instanceof Error ? e.message : String(e)}`,
      status: 'Failed',
      persist: nothing,
    };
  }
  return new Deployment(files, options, env).evaluate();
}
