// The decorator blocks the judicial DTOs repeat. @pcms/envelope keeps its own set behind its door
// (only the predicates are public), so the few needed here are composed again from those predicates.
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsNotEmpty,
  IsObject,
  IsString,
  ValidateIf,
  ValidateNested,
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';

type DtoClass = new () => object;
type Condition = (object: Record<string, unknown>) => boolean;

function all(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, propertyName) => decorators.forEach((decorate) => decorate(target, propertyName));
}

/** A rule named after its predicate, with the reason the issue list shows. */
export function Satisfies(
  name: string,
  predicate: (value: unknown) => boolean,
  reason: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: { validate: (value: unknown) => predicate(value), defaultMessage: () => reason },
    });
}

/** Absent means absent: `null` is a value and is judged (as @pcms/envelope's Optional does). */
export const Optional = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

export const RequiredText = (): PropertyDecorator => all(IsString(), IsNotEmpty());
export const OptionalText = (): PropertyDecorator => all(Optional(), IsString(), IsNotEmpty());

export const NestedObject = (dto: () => DtoClass): PropertyDecorator =>
  all(IsObject(), ValidateNested(), Type(dto));

export const OptionalNestedObject = (dto: () => DtoClass): PropertyDecorator =>
  all(Optional(), NestedObject(dto));

export const NestedList = (dto: () => DtoClass, minSize = 0): PropertyDecorator =>
  all(IsArray(), ...(minSize > 0 ? [ArrayMinSize(minSize)] : []), ValidateNested({ each: true }), Type(dto));

/**
 * Optional, except when `condition` holds on the object being validated: then required, and
 * `reason` says why (class-validator judges one property at a time; this reads the siblings).
 */
export function RequiredWhen(condition: Condition, reason: string): PropertyDecorator {
  return all(
    ValidateIf((object: Record<string, unknown>, value: unknown) => value !== undefined || condition(object)),
    (target, propertyName) =>
      registerDecorator({
        name: 'requiredWhen',
        target: target.constructor,
        propertyName: String(propertyName),
        validator: {
          validate: (value: unknown, args: ValidationArguments) =>
            value !== undefined || !condition(args.object as Record<string, unknown>),
          defaultMessage: () => reason,
        },
      }),
  );
}

/** A rule that reads the siblings too (a list that must hold something for a given kind). */
export function Holds(
  name: string,
  rule: (value: unknown, object: Record<string, unknown>) => boolean,
  reason: string,
): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          rule(value, args.object as Record<string, unknown>),
        defaultMessage: () => reason,
      },
    });
}

/** The property must be absent when `condition` holds (it belongs to another variant). */
export function AbsentWhen(condition: Condition, reason: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'absentWhen',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          value === undefined || !condition(args.object as Record<string, unknown>),
        defaultMessage: () => reason,
      },
    });
}
