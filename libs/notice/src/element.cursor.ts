import { NOTICE_NAMESPACE } from './notice.constants';
import { NoticeIssue } from './notice.error';
import { XmlElement } from './xml-tree.parser';

interface Occurs {
  min: number;
  max: number;
}

/**
 * Reads one element's content the way the XSD declares it: callers ask for child elements in the
 * sequence's order, and `finish` reports what was not asked for, what came out of order and
 * unexpected attributes or text. Every issue carries the XPath-like path of the offending node.
 */
export class ElementCursor {
  private readonly order = new Map<XmlElement, number>();
  private readonly readAttributes = new Set<string>();
  private declared = 0;

  constructor(
    readonly element: XmlElement,
    readonly path: string,
    private readonly issues: NoticeIssue[],
  ) {}

  required(name: string): ElementCursor | undefined {
    const found = this.take(name);
    if (found.length === 0) this.push(`${this.path}/${name}`, 'is required');
    if (found.length > 1) this.push(`${this.path}/${name}`, 'must occur only once');
    return found[0] && new ElementCursor(found[0], `${this.path}/${name}`, this.issues);
  }

  optional(name: string): ElementCursor | undefined {
    const found = this.take(name);
    if (found.length > 1) this.push(`${this.path}/${name}`, 'must occur at most once');
    return found[0] && new ElementCursor(found[0], `${this.path}/${name}`, this.issues);
  }

  repeated(name: string, occurs: Occurs): ElementCursor[] {
    const found = this.take(name);
    if (found.length < occurs.min) {
      this.push(`${this.path}/${name}`, `must occur at least ${occurs.min} time(s)`);
    }
    if (found.length > occurs.max) {
      this.push(`${this.path}/${name}`, `must occur at most ${occurs.max} times`);
    }
    return found.map((child, i) => new ElementCursor(child, `${this.path}/${name}[${i + 1}]`, this.issues));
  }

  requiredText(name: string): string {
    return this.required(name)?.text() ?? '';
  }

  optionalText(name: string): string | undefined {
    return this.optional(name)?.text();
  }

  repeatedText(name: string, occurs: Occurs): string[] {
    return this.repeated(name, occurs).map((child) => child.text());
  }

  /** Text content of a simple-typed element, trimmed: surrounding whitespace is layout, not data. */
  text(): string {
    if (this.element.children.length > 0) this.push(this.path, 'must contain text only');
    for (const name of this.element.attributes.keys()) {
      this.push(`${this.path}/@${name}`, 'is not expected here');
    }
    return this.element.text.trim();
  }

  attribute(name: string): string | undefined {
    this.readAttributes.add(name);
    return this.element.attributes.get(name);
  }

  /**
   * Consumes the children named `names` that may stand at this point of the schema but are wrong
   * for this document (another notice type's details), reporting each with `reason`. They share the
   * position of the next declared element, so they are not also reported as out of order.
   */
  refuse(names: readonly string[], reason: string): void {
    const position = this.declared + 1;
    for (const child of this.element.children) {
      if (child.uri !== NOTICE_NAMESPACE || !names.includes(child.local) || this.order.has(child)) continue;
      this.order.set(child, position);
      this.push(`${this.path}/${child.local}`, reason);
    }
  }

  /** Marks every child as read: used when a part of the document cannot be interpreted at all. */
  skipRemaining(): void {
    this.element.children.forEach((child) => {
      if (!this.order.has(child)) this.order.set(child, this.declared);
    });
  }

  /** Closes a complex-typed element: only declared children, in order, no text. */
  finish(): void {
    let previous = 0;
    for (const child of this.element.children) {
      const position = this.order.get(child);
      const childPath = `${this.path}/${qualifiedName(child)}`;
      if (position === undefined) {
        this.push(childPath, 'is not expected here');
      } else if (position < previous) {
        this.push(childPath, 'is out of the order the schema declares');
      } else {
        previous = position;
      }
    }
    for (const name of this.element.attributes.keys()) {
      if (!this.readAttributes.has(name)) this.push(`${this.path}/@${name}`, 'is not expected here');
    }
    if (this.element.text.trim() !== '') this.push(this.path, 'must not contain text');
  }

  private take(name: string): XmlElement[] {
    this.declared += 1;
    const found = this.element.children.filter(
      (child) => child.local === name && child.uri === NOTICE_NAMESPACE && !this.order.has(child),
    );
    found.forEach((child) => this.order.set(child, this.declared));
    return found;
  }

  /** Reports an issue on this element, or on one of its attributes with `suffix` '/@name'. */
  report(reason: string, suffix = ''): void {
    this.push(`${this.path}${suffix}`, reason);
  }

  private push(path: string, reason: string): void {
    this.issues.push({ path, reason });
  }
}

function qualifiedName(element: XmlElement): string {
  return element.uri === NOTICE_NAMESPACE ? element.local : `{${element.uri}}${element.local}`;
}
