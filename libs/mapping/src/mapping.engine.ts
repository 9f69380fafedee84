import { MappingError, MappingErrorCode } from './mapping.error';
import type { Mapping, MappingContext, MappingResult, MappingRule, TraceEntry } from './mapping.types';
import { cloneData, CONTEXT_ROOT, readPath, writePath } from './object-path';
import { describeType, isAbsent, isPlainRecord } from './transforms/transform.types';

interface Scope {
  readonly source: unknown;
  readonly context: MappingContext;
  readonly target: Record<string, unknown>;
  /** Printable prefixes, e.g. `payload.warrants[1]` and `arrestWarrants[1]`, for traces and errors. */
  readonly fromPrefix: string;
  readonly toPrefix: string;
  readonly trace: TraceEntry[];
}

const join = (prefix: string, path: string): string => (prefix === '' ? path : `${prefix}.${path}`);

/**
 * Applies a compiled mapping to a source tree. Whatever the source holds, the only error that
 * leaves this class is a {@link MappingError} naming the rule (file:line) and the source path.
 */
export class MappingEngine {
  apply(mapping: Mapping, source: unknown, context: MappingContext = {}): MappingResult {
    const target: Record<string, unknown> = {};
    const trace: TraceEntry[] = [];
    this.applyRules(mapping.rules, { source, context, target, fromPrefix: '', toPrefix: '', trace });
    return { target, trace };
  }

  private applyRules(rules: readonly MappingRule[], scope: Scope): void {
    for (const rule of rules) this.applyRule(rule, scope);
  }

  private applyRule(rule: MappingRule, scope: Scope): void {
    const to = join(scope.toPrefix, rule.to);
    if (rule.hasValue) {
      this.write(rule, scope, cloneData(rule.value), { rule: rule.location, to });
      return;
    }
    const from = this.sourceLabel(rule, scope);
    const raw = this.read(rule, scope);
    const present = isAbsent(raw) ? undefined : raw;
    // With nested rules, the transforms apply to the list or object they produced.
    const input = rule.rules ? this.applyNested(rule, rule.rules, present, from, to, scope) : present;
    const value = this.transform(rule, input, from);
    if (value === undefined || value === null) {
      if (rule.required)
        this.fail(MappingErrorCode.RequiredMissing, rule, from, to, 'a required value is missing');
      return;
    }
    this.write(rule, scope, cloneData(value), { rule: rule.location, from, to });
  }

  private read(rule: MappingRule, scope: Scope): unknown {
    const path = rule.fromPath ?? [];
    return path[0] === CONTEXT_ROOT ? readPath(scope.context, path.slice(1)) : readPath(scope.source, path);
  }

  private sourceLabel(rule: MappingRule, scope: Scope): string {
    const from = rule.from ?? '';
    return rule.fromPath?.[0] === CONTEXT_ROOT ? from : join(scope.fromPrefix, from);
  }

  private transform(rule: MappingRule, value: unknown, from: string): unknown {
    let current = value;
    for (const transform of rule.transforms) {
      try {
        current = transform(current);
      } catch (error: unknown) {
        const reason = error instanceof Error ? error.message : 'the transform failed';
        throw new MappingError({
          code: MappingErrorCode.TransformFailed,
          reason,
          rule: rule.location,
          sourcePath: from,
          targetPath: rule.to,
          cause: error,
        });
      }
    }
    return current;
  }

  private applyNested(
    rule: MappingRule,
    rules: readonly MappingRule[],
    value: unknown,
    from: string,
    to: string,
    scope: Scope,
  ): unknown {
    if (value === undefined) return undefined;
    const nested = (element: unknown, suffix: string): Record<string, unknown> => {
      const target: Record<string, unknown> = {};
      this.applyRules(rules, {
        ...scope,
        source: element,
        target,
        fromPrefix: from + suffix,
        toPrefix: to + suffix,
      });
      return target;
    };
    if (Array.isArray(value)) return value.map((element: unknown, index) => nested(element, `[${index}]`));
    if (isPlainRecord(value)) return nested(value, '');
    return this.fail(
      MappingErrorCode.SourceTypeMismatch,
      rule,
      from,
      to,
      `nested rules need an object or a list, got ${describeType(value)}`,
    );
  }

  private write(rule: MappingRule, scope: Scope, value: unknown, entry: TraceEntry): void {
    if (!writePath(scope.target, rule.toPath, value)) {
      this.fail(
        MappingErrorCode.TargetConflict,
        rule,
        entry.from,
        entry.to,
        'another rule already wrote a value on this path',
      );
    }
    scope.trace.push(entry);
  }

  private fail(
    code: MappingErrorCode,
    rule: MappingRule,
    from: string | undefined,
    to: string,
    reason: string,
  ): never {
    throw new MappingError({ code, reason, rule: rule.location, sourcePath: from, targetPath: to });
  }
}
