import { MappingErrorCode } from '../mapping.error';
import {
  describeType,
  isAbsent,
  skipAbsent,
  TransformDefinition,
  TransformFailure,
  TransformFn,
} from './transform.types';

/** `{ default: X }`: replaces an absent value (missing, null, '' or []) with X. */
const fallback: TransformDefinition = {
  argument: 'required',
  compile(argument, context) {
    if (argument === null || argument === undefined) {
      context.report(MappingErrorCode.TransformInvalid, context.path, 'default needs a value');
      return undefined;
    }
    return (value) => (value === undefined ? structuredClone(argument) : value);
  },
};

/** Wraps a single value in an array (a PCMS scalar into a notice list); arrays pass through. */
const list: TransformDefinition = {
  argument: 'none',
  compile: () => skipAbsent((value): unknown[] => (Array.isArray(value) ? (value as unknown[]) : [value])),
};

/** The first element of an array (a notice list into a PCMS scalar); scalars pass through. */
const first: TransformDefinition = {
  argument: 'none',
  compile: () =>
    skipAbsent((value) => {
      if (!Array.isArray(value)) return value;
      const [head] = value as unknown[];
      return head ?? undefined;
    }),
};

/** `{ each: [...] }`: applies a transform list to every element; absent results are dropped. */
const each: TransformDefinition = {
  argument: 'required',
  compile(argument, context) {
    const transforms = context.compileList(argument, context.path);
    return transforms.length === 0 ? undefined : mapEach(transforms);
  },
};

export function mapEach(transforms: readonly TransformFn[]): TransformFn {
  return skipAbsent((value) => {
    if (!Array.isArray(value))
      throw new TransformFailure(`each expects an array, got ${describeType(value)}`);
    const results = value
      .map((element: unknown) =>
        transforms.reduce<unknown>(
          (current, transform) => transform(current),
          isAbsent(element) ? undefined : element,
        ),
      )
      .filter((element) => element !== undefined && element !== null);
    return results.length === 0 ? undefined : results;
  });
}

export const structureTransforms: Record<string, TransformDefinition> = {
  default: fallback,
  list,
  first,
  each,
};
