// Turns class-validator's error tree into flat `{ path, reason }` issues that an operator can read
// in a dead-letter header: one issue per failing field, with array indices in the path.
import type { ValidationError } from 'class-validator';
import type { ValidationIssue } from './envelope.types';
import { REQUIRED_WHEN } from './dto/cross-field.validators';
import { findPcmsConstraint } from './dto/pcms-constraints.validators';
import { childPath } from './issue-path';

// When the value has the wrong shape, the other rules' complaints are noise.
const SHAPE_CONSTRAINTS: Readonly<Record<string, string>> = {
  isArray: 'must be an array',
  isObject: 'must be an object',
  nestedValidation: 'must be an object',
  isString: 'must be a string',
  isNumber: 'must be a finite number',
  isBoolean: 'must be a boolean',
};

function builtInReason(property: string, message: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

function issuesForConstraints(error: ValidationError, path: string): ValidationIssue[] {
  const constraints = error.constraints ?? {};
  const names = Object.keys(constraints);
  if (names.length === 0) return [];
  if ('whitelistValidation' in constraints) return [{ path, reason: 'is not an allowed property' }];
  if (error.value === undefined) {
    // A conditional requirement says why the field is required here; a plain one needs no why.
    return [{ path, reason: constraints[REQUIRED_WHEN] ?? 'is required' }];
  }

  const shape = names.find((name) => name in SHAPE_CONSTRAINTS);
  if (shape !== undefined) return [{ path, reason: SHAPE_CONSTRAINTS[shape] }];

  const issues: ValidationIssue[] = [];
  const reasons: string[] = [];
  for (const name of names) {
    const pcms = findPcmsConstraint(name);
    if (pcms !== undefined && Array.isArray(error.value)) {
      // An `each` rule: name the items that broke it rather than the whole array.
      error.value.forEach((item: unknown, index) => {
        if (!pcms.predicate(item)) issues.push({ path: childPath(path, index), reason: pcms.reason });
      });
    } else {
      reasons.push(pcms?.reason ?? builtInReason(error.property, constraints[name]));
    }
  }
  if (reasons.length > 0) issues.unshift({ path, reason: reasons.join('; ') });
  return issues;
}

export function formatValidationErrors(
  errors: readonly ValidationError[],
  parentPath: string,
  parentIsArray = false,
): ValidationIssue[] {
  return errors.flatMap((error) => {
    const path = childPath(parentPath, parentIsArray ? Number(error.property) : error.property);
    const own = issuesForConstraints(error, path);
    // An item already reported as the wrong shape needs no further complaints about its insides.
    const nested = formatValidationErrors(error.children ?? [], path, Array.isArray(error.value)).filter(
      (issue) => !own.some((o) => isStrictlyUnder(issue.path, o.path)),
    );
    return [...own, ...nested];
  });
}

export function isStrictlyUnder(path: string, ancestor: string): boolean {
  if (ancestor === '') return path !== '';
  return path.startsWith(`${ancestor}.`) || path.startsWith(`${ancestor}[`);
}

/** The same complaint reached by two rules (e.g. an item's shape) is said once. */
export function uniqueIssues(issues: readonly ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0000${issue.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
