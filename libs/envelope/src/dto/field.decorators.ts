// The decorator blocks every payload DTO repeats, named once: a field of the contract is then one
// line that says what it is (`@OptionalText()`), and a rule changed here changes it everywhere.
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsNotEmpty, IsObject, IsString, ValidateNested } from 'class-validator';
import { IsCountryCode, IsJsonObject, IsPartialDate, IsText, Optional } from './pcms-constraints.validators';

type DtoClass = new () => object;

function all(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, propertyName) => decorators.forEach((decorate) => decorate(target, propertyName));
}

export const RequiredText = (): PropertyDecorator => all(IsString(), IsNotEmpty());
export const OptionalText = (): PropertyDecorator => all(Optional(), IsString(), IsNotEmpty());
export const OptionalPartialDate = (): PropertyDecorator => all(Optional(), IsPartialDate());
export const OptionalCountry = (): PropertyDecorator => all(Optional(), IsCountryCode());

/** A list of country codes; a wrong item is reported at its index. */
export const OptionalCountryList = (): PropertyDecorator =>
  all(Optional(), IsArray(), IsCountryCode({ each: true }));

/** A list of non-empty strings; a wrong item is reported at its index. */
export const OptionalTextList = (): PropertyDecorator => all(Optional(), IsArray(), IsText({ each: true }));

/** An object checked by `dto`; a list or a scalar in its place is "must be an object". */
export const NestedObject = (dto: () => DtoClass): PropertyDecorator =>
  all(IsObject(), ValidateNested(), Type(dto));

export const OptionalNestedObject = (dto: () => DtoClass): PropertyDecorator =>
  all(Optional(), NestedObject(dto));

/** A list of objects checked by `dto`: `[[{…}]]` is refused at `[0]`, not waved through. */
export const NestedList = (dto: () => DtoClass, minSize = 0): PropertyDecorator =>
  all(
    IsArray(),
    ...(minSize > 0 ? [ArrayMinSize(minSize)] : []),
    IsJsonObject({ each: true }),
    ValidateNested({ each: true }),
    Type(dto),
  );

export const OptionalNestedList = (dto: () => DtoClass): PropertyDecorator =>
  all(Optional(), NestedList(dto));
