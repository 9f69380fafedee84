import { Document, isNode, isScalar, LineCounter, parseDocument } from 'yaml';
import { MappingErrorCode, MappingIssue } from './mapping.error';
import type { YamlPath } from './transforms/transform.types';

// Anchors and aliases are legal YAML but a mapping file has no use for many of them; the cap
// stops "billion laughs" expansion (CVE-2003-1564 class) when the file is turned into data.
const MAX_ALIASES = 50;

/** A parsed YAML file that can say where (line, column) any value of its data lives. */
export class YamlSource {
  readonly issues: MappingIssue[] = [];
  readonly data: unknown;

  private readonly document: Document.Parsed;
  private readonly lines = new LineCounter();

  constructor(
    text: string,
    readonly file: string,
  ) {
    this.document = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    for (const error of this.document.errors) {
      // Positions come from the line counter: `linePos` is only filled in with prettyErrors.
      const position = this.lines.linePos(error.pos[0]);
      this.issues.push({
        code: MappingErrorCode.YamlSyntax,
        reason: error.message.split('\n')[0],
        file,
        line: position.line,
        column: position.col,
      });
    }
    this.data = this.issues.length > 0 ? undefined : this.toData();
  }

  report(code: MappingErrorCode, path: YamlPath, reason: string, suggestion?: string): void {
    this.issues.push({
      code,
      reason,
      file: this.file,
      ...this.position(path),
      ...(suggestion === undefined ? {} : { suggestion }),
    });
  }

  /** The nearest position to `path`: the node itself, or its closest existing parent. */
  position(path: YamlPath): { line: number; column: number } {
    for (let depth = path.length; depth >= 0; depth--) {
      const node: unknown =
        depth === 0 ? this.document.contents : this.document.getIn(path.slice(0, depth), true);
      if ((isNode(node) || isScalar(node)) && node.range) {
        const { line, col } = this.lines.linePos(node.range[0]);
        return { line, column: col };
      }
    }
    return { line: 1, column: 1 };
  }

  private toData(): unknown {
    try {
      return this.document.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (error: unknown) {
      this.report(
        MappingErrorCode.YamlSyntax,
        [],
        `the document cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    }
  }
}
