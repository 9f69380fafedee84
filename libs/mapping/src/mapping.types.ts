import type { TransformFn } from './transforms/transform.types';

export interface FormatRef {
  format: string;
  type?: string;
}

/** A rule compiled from YAML: paths split and checked, transforms resolved to functions. */
export interface MappingRule {
  /** `file:line` of the rule in its mapping file. */
  readonly location: string;
  readonly to: string;
  readonly toPath: readonly string[];
  readonly from?: string;
  readonly fromPath?: readonly string[];
  /** A constant, written as is; mutually exclusive with `from`. */
  readonly value?: unknown;
  readonly hasValue: boolean;
  readonly required: boolean;
  readonly transforms: readonly TransformFn[];
  /** Nested rules applied to each element of an array source (or to an object source). */
  readonly rules?: readonly MappingRule[];
}

export interface Mapping {
  readonly id: string;
  readonly version: string;
  readonly description?: string;
  readonly source: FormatRef;
  readonly target: FormatRef;
  readonly file: string;
  readonly rules: readonly MappingRule[];
}

export interface TraceEntry {
  /** `file:line` of the rule that wrote the value. */
  rule: string;
  from?: string;
  to: string;
}

export interface MappingResult {
  target: Record<string, unknown>;
  trace: TraceEntry[];
}

/** Values a rule can read under `$context.` (deterministic stand-ins for what the gateway fills). */
export type MappingContext = Readonly<Record<string, unknown>>;
