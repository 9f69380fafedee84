// An over-long list is refused before class-transformer and class-validator walk its items: both
// visit every item whatever ArrayMaxSize says, so 10,000 aliases cost 865 ms to refuse (issue 11).
// The field decorators record here each bounded list and each nested object; the validator cuts
// every list to its bound before the walk and reports the cut as ArrayMaxSize would.
import type { ValidationIssue } from '../envelope.types';
import { childPath } from '../issue-path';

type DtoClass = abstract new () => object;

interface FieldShape {
  property: string;
  /** The class of the nested object or of each item, when there is one to walk. */
  dto?: () => DtoClass;
  /** The list's bound; absent for a single nested object. */
  maxItems?: number;
}

const SHAPES = new Map<object, FieldShape[]>();

/** Records a field's shape on the class that declares it (called by the field decorators). */
export function recordShape(target: object, shape: FieldShape): void {
  const owner = target.constructor;
  SHAPES.set(owner, [...(SHAPES.get(owner) ?? []), shape]);
}

function shapesOf(cls: object): FieldShape[] {
  const shapes: FieldShape[] = [];
  // A subclass inherits its parent's fields (PersonSubjectDto extends PersonNameDto).
  for (
    let c: object | null = cls;
    c !== null && c !== Function.prototype;
    c = Object.getPrototypeOf(c) as object | null
  ) {
    shapes.push(...(SHAPES.get(c) ?? []));
  }
  return shapes;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `data` with every bounded list cut to its bound (a copy where anything was cut; the input is
 * never changed), and one issue per cut list, worded as class-validator's ArrayMaxSize words it.
 */
export function cutOverlongLists(
  cls: DtoClass,
  data: Record<string, unknown>,
  path: string,
  issues: ValidationIssue[],
): Record<string, unknown> {
  let copy = data;
  for (const { property, dto, maxItems } of shapesOf(cls)) {
    const value = data[property];
    const here = childPath(path, property);
    let next: unknown = value;
    if (Array.isArray(value) && maxItems !== undefined) {
      const kept = value.length > maxItems ? value.slice(0, maxItems) : value;
      if (kept !== value)
        issues.push({ path: here, reason: `must contain no more than ${maxItems} elements` });
      const walked =
        dto === undefined ? kept : kept.map((item, i) => walk(dto(), item, childPath(here, i), issues));
      next = kept === value && walked.every((item, i) => item === value[i]) ? value : walked;
    } else if (dto !== undefined && maxItems === undefined) {
      next = walk(dto(), value, here, issues);
    }
    if (next !== value) {
      if (copy === data) copy = { ...data };
      copy[property] = next;
    }
  }
  return copy;
}

function walk(cls: DtoClass, value: unknown, path: string, issues: ValidationIssue[]): unknown {
  return isObject(value) ? cutOverlongLists(cls, value, path, issues) : value;
}
