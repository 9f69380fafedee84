import { MappingErrorCode } from '../mapping.error';
import {
  describeType,
  isPlainRecord,
  skipAbsent,
  TransformDefinition,
  TransformFailure,
} from './transform.types';

type Code = string | number | boolean;
const isCode = (value: unknown): value is Code => ['string', 'number', 'boolean'].includes(typeof value);

/**
 * `{ codelist: { map: { black: BLA }, default: OTH } }`: exact key first, then case-insensitive;
 * an unlisted value takes `default`, or fails the rule when there is none.
 */
export const codelistTransform: TransformDefinition = {
  argument: 'required',
  compile(argument, context) {
    const map: unknown = isPlainRecord(argument) ? argument.map : undefined;
    if (!isPlainRecord(argument) || !isPlainRecord(map)) {
      context.report(
        MappingErrorCode.TransformInvalid,
        context.path,
        'codelist takes { map: { <from>: <to>, ... }, default?: <to> }',
      );
      return undefined;
    }
    let valid = true;
    for (const key of Object.keys(argument)) {
      if (key !== 'map' && key !== 'default') {
        context.report(
          MappingErrorCode.TransformInvalid,
          [...context.path, key],
          `codelist has no option "${key}"`,
        );
        valid = false;
      }
    }
    const exact = new Map<string, Code>();
    const folded = new Map<string, Code>();
    for (const [key, code] of Object.entries(map)) {
      if (!isCode(code)) {
        context.report(
          MappingErrorCode.TransformInvalid,
          [...context.path, 'map', key],
          `codelist value must be a scalar, got ${describeType(code)}`,
        );
        valid = false;
        continue;
      }
      exact.set(key, code);
      folded.set(key.toLowerCase(), code);
    }
    const fallback: unknown = argument.default;
    if (fallback !== undefined && !isCode(fallback)) {
      context.report(
        MappingErrorCode.TransformInvalid,
        [...context.path, 'default'],
        `codelist default must be a scalar, got ${describeType(fallback)}`,
      );
      valid = false;
    }
    if (!valid) return undefined;
    return skipAbsent((value) => {
      if (!isCode(value)) throw new TransformFailure(`codelist expects a scalar, got ${describeType(value)}`);
      const key = String(value);
      const code = exact.get(key) ?? folded.get(key.trim().toLowerCase()) ?? fallback;
      if (code === undefined)
        throw new TransformFailure(`"${key}" is not in the code list and it has no default`);
      return code;
    });
  },
};
