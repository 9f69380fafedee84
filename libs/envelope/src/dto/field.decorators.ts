// The decorator blocks every payload DTO repeats, named once: a field of the contract is then one
// line that says what it is (`@OptionalText(TEXT.name)`), and a rule changed here changes it
// everywhere. Every text and every list takes its bound: the one of the notice field it maps to,
// read from @pcms/notice (whose spec pins it to the XSD), so that what the door accepts is valid
// for every destination; a field without a bound does not compile.
import { NOTICE_OCCURS_LIMITS, NOTICE_TEXT_LIMITS } from '@pcms/notice';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNotEmpty,
  IsObject,
  IsString,
  ValidateNested,
} from 'class-validator';
import {
  IsCountryCode,
  IsFutureBoundedDate,
  IsJsonObject,
  IsNonBlank,
  IsPartialDate,
  IsPastPartialDate,
  IsText,
  MaxChars,
  Optional,
} from './pcms-constraints.validators';
import { recordShape } from './list-bounds';

/** Length bounds by notice field (characters). */
export const TEXT = NOTICE_TEXT_LIMITS;
/** List bounds by notice field (items). */
export const OCCURS = NOTICE_OCCURS_LIMITS;

type DtoClass = new () => object;

function all(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, propertyName) => decorators.forEach((decorate) => decorate(target, propertyName));
}

/** Tells the validator's pre-pass (list-bounds.ts) what to cut or walk before class-validator. */
function shape(dto: (() => DtoClass) | undefined, maxItems?: number): PropertyDecorator {
  return (target, propertyName) => recordShape(target, { property: String(propertyName), dto, maxItems });
}

export const RequiredText = (maxChars: number): PropertyDecorator =>
  all(IsString(), IsNotEmpty(), IsNonBlank(), MaxChars(maxChars));
export const OptionalText = (maxChars: number): PropertyDecorator =>
  all(Optional(), IsString(), IsNotEmpty(), IsNonBlank(), MaxChars(maxChars));
export const OptionalPartialDate = (): PropertyDecorator => all(Optional(), IsPartialDate());
/** When something happened: not in the future, not before 1900. */
export const OptionalPastDate = (): PropertyDecorator => all(Optional(), IsPastPartialDate());
/** A date that may lie ahead (an expiry): from 1900 to decades ahead, not centuries. */
export const OptionalBoundedDate = (): PropertyDecorator => all(Optional(), IsFutureBoundedDate());
export const OptionalCountry = (): PropertyDecorator => all(Optional(), IsCountryCode());

/** A list of scalars bounded at `maxItems` before its items are checked (list-bounds.ts). */
export const BoundedList = (maxItems: number): PropertyDecorator =>
  all(ArrayMaxSize(maxItems), shape(undefined, maxItems));

/** A list of country codes; a wrong item is reported at its index. */
export const OptionalCountryList = (maxItems: number): PropertyDecorator =>
  all(
    Optional(),
    IsArray(),
    ArrayMaxSize(maxItems),
    shape(undefined, maxItems),
    IsCountryCode({ each: true }),
  );

/** A list of non-blank strings; a wrong item is reported at its index. */
export const OptionalTextList = (maxItems: number, maxChars: number): PropertyDecorator =>
  all(
    Optional(),
    IsArray(),
    ArrayMaxSize(maxItems),
    shape(undefined, maxItems),
    IsText({ each: true }),
    MaxChars(maxChars, { each: true }),
  );

/** An object checked by `dto`; a list or a scalar in its place is "must be an object". */
export const NestedObject = (dto: () => DtoClass): PropertyDecorator =>
  all(IsObject(), ValidateNested(), Type(dto), shape(dto));

export const OptionalNestedObject = (dto: () => DtoClass): PropertyDecorator =>
  all(Optional(), NestedObject(dto));

/** A list of objects checked by `dto`: `[[{…}]]` is refused at `[0]`, not waved through. */
export const NestedList = (dto: () => DtoClass, bounds: { min?: number; max: number }): PropertyDecorator =>
  all(
    IsArray(),
    ...(bounds.min !== undefined && bounds.min > 0 ? [ArrayMinSize(bounds.min)] : []),
    ArrayMaxSize(bounds.max),
    shape(dto, bounds.max),
    IsJsonObject({ each: true }),
    ValidateNested({ each: true }),
    Type(dto),
  );

export const OptionalNestedList = (dto: () => DtoClass, maxItems: number): PropertyDecorator =>
  all(Optional(), NestedList(dto, { max: maxItems }));
