import { MappingErrorCode } from '../mapping.error';
import { codelistTransform } from './codelist.transform';
import { countryTransform } from './country.transform';
import { dateTransform } from './date.transform';
import { suggestionFor } from '../suggest';
import { structureTransforms } from './structure.transforms';
import { textTransforms } from './text.transforms';
import { describeType, isPlainRecord, TransformDefinition, TransformFn, YamlPath } from './transform.types';

const DEFINITIONS: ReadonlyMap<string, TransformDefinition> = new Map(
  Object.entries({
    date: dateTransform,
    country: countryTransform,
    codelist: codelistTransform,
    ...textTransforms,
    ...structureTransforms,
  }),
);

export const TRANSFORM_NAMES: readonly string[] = [...DEFINITIONS.keys()];

export type IssueReporter = (
  code: MappingErrorCode,
  path: YamlPath,
  reason: string,
  suggestion?: string,
) => void;

/**
 * Compiles a YAML transform list: each item is a bare name (`upper`) or a one-key map
 * (`{ date: { to: interpol } }`). Problems are reported, with their YAML path, not thrown,
 * so that a file's issues are all listed at once.
 */
export function compileTransforms(specs: unknown, path: YamlPath, report: IssueReporter): TransformFn[] {
  if (!Array.isArray(specs) || specs.length === 0) {
    report(
      MappingErrorCode.TransformInvalid,
      path,
      `a transform list must be a non-empty list, got ${describeType(specs)}`,
    );
    return [];
  }
  const compiled: TransformFn[] = [];
  specs.forEach((spec: unknown, index) => {
    const fn = compileOne(spec, [...path, index], report);
    if (fn) compiled.push(fn);
  });
  return compiled;
}

function compileOne(spec: unknown, path: YamlPath, report: IssueReporter): TransformFn | undefined {
  let name: string;
  let argument: unknown;
  let argumentPath: YamlPath = path;
  if (typeof spec === 'string') {
    name = spec;
  } else if (isPlainRecord(spec) && Object.keys(spec).length === 1) {
    [name] = Object.keys(spec);
    argument = spec[name];
    argumentPath = [...path, name];
  } else {
    report(
      MappingErrorCode.TransformInvalid,
      path,
      'a transform is a name or a map with a single key: { name: argument }',
    );
    return undefined;
  }
  const definition = DEFINITIONS.get(name);
  if (!definition) {
    report(
      MappingErrorCode.TransformUnknown,
      path,
      `unknown transform "${name}" (known: ${TRANSFORM_NAMES.join(', ')})`,
      suggestionFor(name, TRANSFORM_NAMES),
    );
    return undefined;
  }
  if (definition.argument === 'required' && argument === undefined) {
    report(
      MappingErrorCode.TransformInvalid,
      path,
      `transform "${name}" needs an argument: { ${name}: ... }`,
    );
    return undefined;
  }
  if (definition.argument === 'none' && argument !== undefined && argument !== null) {
    report(MappingErrorCode.TransformInvalid, argumentPath, `transform "${name}" takes no argument`);
    return undefined;
  }
  return definition.compile(argument ?? undefined, {
    path: argumentPath,
    report,
    compileList: (specs, at) => compileTransforms(specs, at, report),
  });
}
