import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';

/** The project's notice schema, shipped beside the sources (copy `schema/` next to any build). */
export const NOTICE_XSD_PATH = resolve(__dirname, '..', 'schema', 'i247-notice.xsd');

export interface XsdValidationResult {
  valid: boolean;
  /** libxml2's messages, each prefixed with the line it points at. */
  errors: string[];
}

/**
 * Validates against the XSD with libxml2 compiled to WebAssembly (xmllint-wasm): no system binary.
 * Each call starts a WebAssembly instance, tens of milliseconds: for tests and the mapping test
 * tool, not for the message path, where NoticeCodec enforces the same rules.
 */
export class XsdValidator {
  private schema?: Promise<string>;

  constructor(private readonly xsdPath: string = NOTICE_XSD_PATH) {}

  async validateNoticeXml(xml: string): Promise<XsdValidationResult> {
    this.schema ??= readFile(this.xsdPath, 'utf8');
    const result = await validateXML({
      xml: [{ fileName: 'notice.xml', contents: xml }],
      schema: [{ fileName: basename(this.xsdPath), contents: await this.schema }],
    });
    return {
      valid: result.valid,
      errors: result.errors.map((error) =>
        error.loc ? `line ${error.loc.lineNumber}: ${error.message}` : error.message,
      ),
    };
  }
}
