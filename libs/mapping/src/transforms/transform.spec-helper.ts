import { MappingError } from '../mapping.error';
import { MappingEngine } from '../mapping.engine';
import { MappingParser } from '../mapping.parser';

/** Runs one transform list (YAML flow syntax) over one value through the real parser and engine. */
export function runTransforms(transform: string, value: unknown): unknown {
  const mapping = new MappingParser().parse(
    [
      'id: transform-under-test',
      'version: 1.0.0',
      'source: { format: test }',
      'target: { format: test }',
      'rules:',
      `  - { from: value, to: result, transform: ${transform} }`,
    ].join('\n'),
    'transform.yaml',
  );
  return new MappingEngine().apply(mapping, { value }).target.result;
}

export function captureMappingError(fn: () => unknown): MappingError {
  try {
    fn();
  } catch (error: unknown) {
    if (error instanceof MappingError) return error;
    throw error;
  }
  throw new Error('expected a MappingError');
}
