import { MappingErrorCode } from '../mapping.error';
import {
  describeType,
  requireString,
  skipAbsent,
  TransformDefinition,
  TransformFailure,
} from './transform.types';

/** Text transforms: an emptied string becomes absent, so a blank field is never written. */
const nonEmpty = (text: string): string | undefined => (text === '' ? undefined : text);

export function stripAccents(text: string): string {
  // Unicode canonical decomposition (UAX #15, NFD) splits "é" into "e" + U+0301; drop the marks.
  return text.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

const upper: TransformDefinition = {
  argument: 'none',
  compile: () => skipAbsent((value) => requireString(value, 'upper').toUpperCase()),
};

const lower: TransformDefinition = {
  argument: 'none',
  compile: () => skipAbsent((value) => requireString(value, 'lower').toLowerCase()),
};

const trim: TransformDefinition = {
  argument: 'none',
  compile: () => skipAbsent((value) => nonEmpty(requireString(value, 'trim').trim().replace(/\s+/gu, ' '))),
};

const stripAccentsTransform: TransformDefinition = {
  argument: 'none',
  compile: () => skipAbsent((value) => stripAccents(requireString(value, 'stripAccents'))),
};

function separatorOf(
  argument: unknown,
  fallback: string,
  name: string,
  context: Parameters<TransformDefinition['compile']>[1],
): string | undefined {
  if (argument === undefined) return fallback;
  if (typeof argument === 'string' && argument !== '') return argument;
  context.report(
    MappingErrorCode.TransformInvalid,
    context.path,
    `${name} takes a non-empty separator string, got ${describeType(argument)}`,
  );
  return undefined;
}

const split: TransformDefinition = {
  argument: 'optional',
  compile(argument, context) {
    const separator = separatorOf(argument, ',', 'split', context);
    if (separator === undefined) return undefined;
    return skipAbsent((value) => {
      const parts = requireString(value, 'split')
        .split(separator)
        .map((part) => part.trim())
        .filter((part) => part !== '');
      return parts.length === 0 ? undefined : parts;
    });
  },
};

const join: TransformDefinition = {
  argument: 'optional',
  compile(argument, context) {
    const separator = separatorOf(argument, ', ', 'join', context);
    if (separator === undefined) return undefined;
    return skipAbsent((value) => {
      if (!Array.isArray(value))
        throw new TransformFailure(`join expects an array, got ${describeType(value)}`);
      const parts = value.filter((part) => part !== undefined && part !== null && part !== '');
      for (const part of parts) {
        if (typeof part !== 'string' && typeof part !== 'number') {
          throw new TransformFailure(`join expects strings or numbers, got ${describeType(part)}`);
        }
      }
      return nonEmpty(parts.join(separator));
    });
  },
};

export const textTransforms: Record<string, TransformDefinition> = {
  upper,
  lower,
  trim,
  stripAccents: stripAccentsTransform,
  split,
  join,
};
