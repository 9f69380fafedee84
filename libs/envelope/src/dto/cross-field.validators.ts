// Rules that read a sibling field: class-validator judges one property at a time, so a rule that
// depends on another (a range, "exactly one of", a field required by the message type) reads the
// sibling from the object being validated and reports on the property it decorates.
import {
  ValidateIf,
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';

/** Constraint name the issue formatter looks for: its message replaces a bare "is required". */
export const REQUIRED_WHEN = 'requiredWhen';

type Condition = (object: Record<string, unknown>) => boolean;

function siblingsOf(args: ValidationArguments): Record<string, unknown> {
  return args.object as Record<string, unknown>;
}

/**
 * A named rule that reads the siblings too (a range, a list that must hold something for a given
 * kind); `reason` is what the issue list shows.
 */
export function Holds(
  name: string,
  rule: (value: unknown, object: Record<string, unknown>) => boolean,
  reason: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => rule(value, siblingsOf(args)),
        defaultMessage: () => reason,
      },
    });
}

/**
 * Optional, except when `condition` holds on the object: then required, and `reason` says why.
 * Like `Optional()`, absence means absent: `null` is a value and is judged by the other rules.
 */
export function OptionalUnless(condition: Condition, reason: string): PropertyDecorator {
  const validateIf = ValidateIf(
    (object: Record<string, unknown>, value: unknown) => value !== undefined || condition(object),
  );
  const required = Holds(REQUIRED_WHEN, (value, object) => value !== undefined || !condition(object), reason);
  return (target, propertyName) => {
    validateIf(target, propertyName);
    required(target, propertyName);
  };
}

/** The property must be absent when `condition` holds on the object (e.g. its alternative is given). */
export function AbsentWhen(condition: Condition, reason: string): PropertyDecorator {
  return Holds('absentWhen', (value, object) => value === undefined || !condition(object), reason);
}

/** A number not below its sibling `lower` (when that sibling is a number too): min ≤ max. */
export function NotLessThan(lower: string): PropertyDecorator {
  return Holds(
    'notLessThan',
    (value, object) => {
      const bound = object[lower];
      return typeof value !== 'number' || typeof bound !== 'number' || value >= bound;
    },
    `must not be less than ${lower}`,
  );
}
