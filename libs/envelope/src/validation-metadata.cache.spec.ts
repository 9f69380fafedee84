import { IsInt, IsString, validateSync, ValidatorConstraint, Validate, registerDecorator } from 'class-validator';
import type { ValidatorConstraintInterface } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata.cache';

cacheValidationMetadata();

const failedProperties = (instance: object): string[] =>
  validateSync(instance)
    .map((error) => error.property)
    .sort();

describe(cacheValidationMetadata.name, () => {
  it('gives the same verdicts as class-validator, object after object', () => {
    class Person {
      @IsString() name: unknown = 'Amadou';
      @IsInt() age: unknown = 30;
    }
    const wrong = Object.assign(new Person(), { name: 7, age: 'old' });

    expect(failedProperties(new Person())).toEqual([]);
    expect(failedProperties(wrong)).toEqual(['age', 'name']);
    expect(failedProperties(wrong)).toEqual(['age', 'name']);
  });

  it('sees a class declared after the first lookups, with the rules it inherits', () => {
    class Base {
      @IsString() id: unknown = 'x';
    }
    expect(failedProperties(Object.assign(new Base(), { id: 1 }))).toEqual(['id']);

    class Derived extends Base {
      @IsInt() count: unknown = 1;
    }

    expect(failedProperties(Object.assign(new Derived(), { id: 1, count: 'many' }))).toEqual(['count', 'id']);
  });

  it('sees a rule added to a class it has already looked up, and a constraint declared later', () => {
    class Alias {
      @IsString() value: unknown = 'Usman';
    }
    const alias = new Alias();
    expect(failedProperties(alias)).toEqual([]);

    registerDecorator({
      target: Alias,
      propertyName: 'value',
      validator: { validate: (value: unknown) => typeof value === 'string' && value.length > 10 },
    });
    @ValidatorConstraint({ name: 'never' })
    class Never implements ValidatorConstraintInterface {
      validate(): boolean {
        return false;
      }
    }
    class Later {
      @Validate(Never) field: unknown = 'anything';
    }

    expect(failedProperties(alias)).toEqual(['value']);
    expect(failedProperties(new Later())).toEqual(['field']);
  });
});
