import type { MappingErrorCode } from '../mapping.error';

/** A compiled transform: absent input is `undefined`; returning `undefined` makes the value absent. */
export type TransformFn = (value: unknown) => unknown;

/** Thrown by a transform that cannot convert its input; the engine adds the rule and source path. */
export class TransformFailure extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'TransformFailure';
  }
}

export type YamlPath = readonly (string | number)[];

/** What a transform factory gets to validate its argument at load time. */
export interface TransformCompileContext {
  /** YAML path of the transform's argument, for positioned issues. */
  readonly path: YamlPath;
  report(code: MappingErrorCode, path: YamlPath, reason: string, suggestion?: string): void;
  /** Compiles a nested transform list (used by `each`). */
  compileList(specs: unknown, path: YamlPath): TransformFn[];
}

export interface TransformDefinition {
  /** Whether the transform can be written as a bare name (`- upper`) or needs an argument. */
  readonly argument: 'none' | 'optional' | 'required';
  /** Returns `undefined` after reporting when the argument is invalid. */
  compile(argument: unknown, context: TransformCompileContext): TransformFn | undefined;
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Wraps a function of present values so that absent values pass through untouched. */
export function skipAbsent(fn: (value: unknown) => unknown): TransformFn {
  return (value) => (value === undefined ? undefined : fn(value));
}

export function requireString(value: unknown, transform: string): string {
  if (typeof value !== 'string')
    throw new TransformFailure(`${transform} expects a string, got ${describeType(value)}`);
  return value;
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Missing, null, an empty string or an empty list: nothing worth writing. */
export function isAbsent(value: unknown): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}
