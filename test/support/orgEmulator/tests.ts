import { analyzeApex, type ApexClassInfo } from './apex.js';
import type { TestLevel } from './types.js';

/** A class the run can see: stored in the org or in the deploy (which wins). */
export type ApexSource = {
  readonly name: string;
  readonly source: string;
  readonly id: string;
  readonly inDeploy: boolean;
};

// Result shapes in WSDL element order: they are rendered as they are.
export type TestSuccess = { id: string; methodName: string; name: string; namespace: null; time: number };
export type TestFailure = {
  id: string;
  message: string;
  methodName: string | null;
  name: string;
  namespace: null;
  packageName: string;
  stackTrace: string | null;
  time: number;
  type: 'Class';
};
export type CodeCoverage = {
  id: string;
  name: string;
  namespace: null;
  numLocations: number;
  numLocationsNotCovered: number;
  type: 'Class';
};
export type CoverageWarning = { id: string; message: string; name: string | null; namespace: null };
export type RunTestsResult = {
  codeCoverage: CodeCoverage[];
  codeCoverageWarnings: CoverageWarning[];
  failures: TestFailure[];
  numFailures: number;
  numTestsRun: number;
  successes: TestSuccess[];
  totalTime: number;
};

export type TestRunRequest = {
  readonly level: TestLevel;
  readonly runTests: readonly string[];
  readonly classes: readonly ApexSource[];
  /** Production enforces 75% coverage; elsewhere the warnings are only reported. */
  readonly production: boolean;
  /** An injected failure message for a method, if any. */
  readonly failureFor: (className: string, methodName: string) => string | undefined;
};

export type TestRunOutcome = {
  readonly result: RunTestsResult;
  /** Coverage below the required 75% in an org that enforces it. */
  readonly coverageFailed: boolean;
};

const METHOD_TIME = 8;
const REQUIRED_COVERAGE = 75;

type Selected = {
  readonly info: ApexClassInfo;
  readonly source: ApexSource;
  readonly methods: ReadonlyArray<{ name: string; line: number }>;
};

function select(
  request: TestRunRequest,
  infos: Map<string, { info: ApexClassInfo; source: ApexSource }>
): {
  selected: Selected[];
  invalid: string[];
} {
  const all = [...infos.values()].filter((c) => c.info.isTest && c.info.testMethods.length > 0);
  if (request.level !== 'RunSpecifiedTests') {
    return { selected: all.map((c) => ({ ...c, methods: c.info.testMethods })), invalid: [] };
  }
  const selected = new Map<string, Selected>();
  const invalid: string[] = [];
  for (const entry of request.runTests) {
    const [className, methodName] = entry.split('.');
    const found = infos.get(className.toLowerCase());
    const methods =
      found?.info.testMethods.filter((m) => !methodName || m.name.toLowerCase() === methodName.toLowerCase()) ?? [];
    if (!found?.info.isTest || methods.length === 0) {
      invalid.push(entry);
      continue;
    }
    const previous = selected.get(found.info.name)?.methods ?? [];
    selected.set(found.info.name, {
      ...found,
      methods: [...previous, ...methods.filter((m) => !previous.includes(m))],
    });
  }
  return { selected: [...selected.values()], invalid };
}

function coverage(
  request: TestRunRequest,
  infos: Map<string, { info: ApexClassInfo; source: ApexSource }>,
  ran: Selected[]
): CodeCoverage[] {
  const named = new Set(ran.flatMap((t) => [...t.info.identifiers]));
  return [...infos.values()]
    .filter(({ info, source }) => !info.isTest && (request.level !== 'RunSpecifiedTests' || source.inDeploy))
    .map(({ info, source }) => ({
      id: source.id,
      name: info.name,
      namespace: null,
      numLocations: info.locations,
      // A class counts as covered when a test that ran names it.
      numLocationsNotCovered: named.has(info.name.toLowerCase()) ? 0 : info.locations,
      type: 'Class' as const,
    }));
}

const percent = (locations: number, notCovered: number): number =>
  locations === 0 ? 100 : Math.floor(((locations - notCovered) * 100) / locations);

function coverageWarnings(level: TestLevel, covered: CodeCoverage[]): CoverageWarning[] {
  if (level === 'RunSpecifiedTests') {
    return covered
      .filter((c) => percent(c.numLocations, c.numLocationsNotCovered) < REQUIRED_COVERAGE)
      .map((c) => ({
        id: c.id,
        message: `Test coverage of selected Apex Class is ${percent(
          c.numLocations,
          c.numLocationsNotCovered
        )}%, at least 75% test coverage is required`,
        name: c.name,
        namespace: null,
      }));
  }
  const locations = covered.reduce((n, c) => n + c.numLocations, 0);
  const notCovered = covered.reduce((n, c) => n + c.numLocationsNotCovered, 0);
  const average = percent(locations, notCovered);
  return average < REQUIRED_COVERAGE
    ? [
        {
          id: '',
          message: `Average test coverage across all Apex Classes and Triggers is ${average}%, at least 75% test coverage is required.`,
          name: null,
          namespace: null,
        },
      ]
    : [];
}

/** Runs the selected test methods: each passes unless a failure was injected for it. */
export function runTests(request: TestRunRequest): TestRunOutcome {
  const infos = new Map(
    request.classes.map((source) => [
      source.name.toLowerCase(),
      { info: analyzeApex(source.name, source.source), source },
    ])
  );
  const { selected, invalid } = select(request, infos);
  const successes: TestSuccess[] = [];
  const failures: TestFailure[] = invalid.map((name) => ({
    id: '',
    message: `This class name's value is invalid: ${name}. Provide the name of an Apex class that has test methods.`,
    methodName: null,
    name,
    namespace: null,
    packageName: name,
    stackTrace: null,
    time: 0,
    type: 'Class' as const,
  }));
  for (const { info, source, methods } of selected) {
    for (const method of methods) {
      const message = request.failureFor(info.name, method.name);
      if (message === undefined) {
        successes.push({ id: source.id, methodName: method.name, name: info.name, namespace: null, time: METHOD_TIME });
        continue;
      }
      failures.push({
        id: source.id,
        message,
        methodName: method.name,
        name: info.name,
        namespace: null,
        packageName: info.name,
        stackTrace: `Class.${info.name}.${method.name}: line ${method.line}, column 1`,
        time: METHOD_TIME,
        type: 'Class',
      });
    }
  }
  const codeCoverage = coverage(request, infos, selected);
  const codeCoverageWarnings = coverageWarnings(request.level, codeCoverage);
  const numTestsRun = successes.length + failures.filter((f) => f.methodName !== null).length;
  return {
    result: {
      codeCoverage,
      codeCoverageWarnings,
      failures,
      numFailures: failures.length,
      numTestsRun,
      successes,
      totalTime: numTestsRun * METHOD_TIME,
    },
    coverageFailed: request.production && codeCoverageWarnings.length > 0,
  };
}
