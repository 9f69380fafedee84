// The decorator blocks the judicial DTOs repeat. The single rules (a named predicate, optional
// meaning absent, required or absent by a sibling) are @pcms/envelope's, so both contracts judge
// and word them alike; the DTOs import everything from here.
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsNotEmpty, IsObject, IsString, ValidateNested } from 'class-validator';
import { Optional } from '@pcms/envelope';

export { AbsentWhen, Holds, IsAbsoluteUri, Optional, OptionalUnless, Satisfies } from '@pcms/envelope';

type DtoClass = new () => object;

function all(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, propertyName) => decorators.forEach((decorate) => decorate(target, propertyName));
}

export const RequiredText = (): PropertyDecorator => all(IsString(), IsNotEmpty());
export const OptionalText = (): PropertyDecorator => all(Optional(), IsString(), IsNotEmpty());

export const NestedObject = (dto: () => DtoClass): PropertyDecorator =>
  all(IsObject(), ValidateNested(), Type(dto));

export const OptionalNestedObject = (dto: () => DtoClass): PropertyDecorator =>
  all(Optional(), NestedObject(dto));

export const NestedList = (dto: () => DtoClass, minSize = 0): PropertyDecorator =>
  all(IsArray(), ...(minSize > 0 ? [ArrayMinSize(minSize)] : []), ValidateNested({ each: true }), Type(dto));
