import { getMetadataStorage } from 'class-validator';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type TargetMetadatas = ReturnType<MetadataStorage['getTargetValidationMetadatas']>;
type ConstraintMetadatas = ReturnType<MetadataStorage['getTargetValidatorConstraints']>;

let installed = false;

/**
 * class-validator looks up a class's rules on every object it validates by walking every class it
 * knows (`getTargetValidationMetadatas` tests `instanceof` against each; `getTargetValidatorConstraints`
 * filters every constraint): the gateway registers hundreds (envelope, payloads, configuration), so
 * that walk was most of validating an envelope (issue 14 profiles: a seventh of the router's CPU).
 * The rules only change when a class is declared, so the answers are kept until the next declaration.
 * The validation itself, its options and its errors are class-validator's, unchanged.
 */
export function cacheValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  if (installed) return;
  installed = true;
  const targetMetadatas = storage.getTargetValidationMetadatas.bind(storage);
  const validatorConstraints = storage.getTargetValidatorConstraints.bind(storage);
  const byTarget = new Map<unknown, Map<string, TargetMetadatas>>();
  const byConstraint = new Map<unknown, ConstraintMetadatas>();
  const forget = (): void => {
    byTarget.clear();
    byConstraint.clear();
  };

  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${(groups ?? []).join('\u0000')}`;
    let forTarget = byTarget.get(target);
    if (!forTarget) byTarget.set(target, (forTarget = new Map<string, TargetMetadatas>()));
    let found = forTarget.get(key);
    if (!found) forTarget.set(key, (found = targetMetadatas(target, schema, always, strictGroups, groups)));
    return found;
  };
  storage.getTargetValidatorConstraints = (target) => {
    let found = byConstraint.get(target);
    if (!found) byConstraint.set(target, (found = validatorConstraints(target)));
    return found;
  };
  for (const declaration of ['addValidationMetadata', 'addConstraintMetadata', 'addValidationSchema'] as const) {
    const declare = storage[declaration].bind(storage) as (...args: unknown[]) => void;
    (storage as unknown as Record<string, (...args: unknown[]) => void>)[declaration] = (...args) => {
      forget();
      declare(...args);
    };
  }
}
