import { Type } from 'class-transformer';
import { IsDefined, ValidateNested } from 'class-validator';

/**
 * A section every profile must have. class-validator skips `ValidateNested` on an absent property,
 * so without `IsDefined` a profile lacking `limits` passed validation and the first reader crashed
 * with a TypeError far from the file (issue 11, defect 14); this way the error names the key and
 * the file like any other.
 */
export function Section(type: () => new () => object): PropertyDecorator {
  const decorators = [
    IsDefined({
      message: 'is missing: every profile must have this section / section absente du profil',
    }),
    ValidateNested(),
    Type(type),
  ];
  return (target, property) => {
    for (const decorate of decorators) decorate(target, property);
  };
}
