import type { Problem } from './deploy.js';
import type { ComponentRef } from './metadataTypes.js';
import type { Fault, SoapOperation } from './types.js';

export type TransportFault = Extract<Fault, { operation: SoapOperation }>;

/** Injected faults, each spent after `times` uses. */
export class FaultBook {
  private entries: Array<{ fault: Fault; remaining: number }> = [];

  public add(fault: Fault): void {
    this.entries.push({ fault, remaining: fault.times ?? 1 });
  }

  public clear(): void {
    this.entries = [];
  }

  /** An HTTP-level fault for this operation, if one is pending. */
  public takeTransport(operation: string): TransportFault | undefined {
    return this.take((f): f is TransportFault => 'operation' in f && f.operation === operation);
  }

  /** Extra InProgress answers for a new deploy or retrieve job. */
  public takeSlowPolling(): number {
    return this.take((f): f is Extract<Fault, { kind: 'slowPolling' }> => f.kind === 'slowPolling')?.polls ?? 0;
  }

  public takeComponent(ref: ComponentRef): Problem | undefined {
    const fault = this.take(
      (f): f is Extract<Fault, { kind: 'componentFailure' }> =>
        f.kind === 'componentFailure' && f.type === ref.type && f.fullName === ref.fullName
    );
    return fault ? { problem: fault.problem, line: fault.line, column: fault.column } : undefined;
  }

  public takeTest(className: string, methodName: string): string | undefined {
    const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
    return this.take(
      (f): f is Extract<Fault, { kind: 'testFailure' }> =>
        f.kind === 'testFailure' && same(f.className, className) && same(f.methodName, methodName)
    )?.message;
  }

  private take<T extends Fault>(match: (fault: Fault) => fault is T): T | undefined {
    const entry = this.entries.find((e) => e.remaining > 0 && match(e.fault));
    if (!entry) return undefined;
    entry.remaining -= 1;
    this.entries = this.entries.filter((e) => e.remaining > 0);
    return entry.fault as T;
  }
}
