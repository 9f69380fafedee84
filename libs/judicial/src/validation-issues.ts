// class-validator's error tree as flat issues, one per failing field, with indices in the path.
// When a value has the wrong shape the other complaints about it are noise, so only the shape is said.
import type { ValidationError } from 'class-validator';
import { REQUIRED_WHEN } from '@pcms/envelope';
import { JudicialErrorCode, type JudicialIssue } from './judicial.error';

const SHAPE_CONSTRAINTS: Readonly<Record<string, string>> = {
  isArray: 'must be an array',
  isObject: 'must be an object',
  nestedValidation: 'must be an object',
  isString: 'must be a string',
};

function childPath(parent: string, property: string, parentIsArray: boolean): string {
  if (parentIsArray) return `${parent}[${property}]`;
  return parent === '' ? property : `${parent}.${property}`;
}

function reasonOf(error: ValidationError): string | undefined {
  const constraints = error.constraints ?? {};
  const names = Object.keys(constraints);
  if (names.length === 0) return undefined;
  if ('whitelistValidation' in constraints) return 'is not an allowed property';
  if (error.value === undefined) return constraints[REQUIRED_WHEN] ?? 'is required';
  const shape = names.find((name) => name in SHAPE_CONSTRAINTS);
  if (shape !== undefined) return SHAPE_CONSTRAINTS[shape];
  return names
    .map((name) => constraints[name])
    .map((message) =>
      message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message,
    )
    .join('; ');
}

export function validationIssues(
  errors: readonly ValidationError[],
  code: JudicialErrorCode,
  parentPath = '',
  parentIsArray = false,
): JudicialIssue[] {
  return errors.flatMap((error) => {
    const path = childPath(parentPath, error.property, parentIsArray);
    const reason = reasonOf(error);
    const own: JudicialIssue[] =
      reason === undefined ? [] : [{ code, path, reason, raison: `champ non conforme : ${reason}` }];
    // An item already refused for its shape needs nothing said about its insides.
    const shapeRefused = reason !== undefined && Object.values(SHAPE_CONSTRAINTS).includes(reason);
    const nested = shapeRefused
      ? []
      : validationIssues(error.children ?? [], code, path, Array.isArray(error.value));
    return [...own, ...nested];
  });
}
