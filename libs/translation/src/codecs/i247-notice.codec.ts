import { DIFFUSION_KINDS, Notice, NoticeCodec, NoticeError, NOTICE_TYPES, XsdValidator } from '@pcms/notice';
import type { FormatCodec } from '../format.codec';
import { TranslationError, TranslationErrorCode } from '../translation.error';

/** The I-24/7-like notice in XML, through the hardened NoticeCodec. */
export class I247NoticeCodec implements FormatCodec {
  readonly format = 'i247-notice';
  /** What typeOf answers: a DIFFUSION is told apart by its kind, so that request and response map differently. */
  readonly types = [...NOTICE_TYPES, ...DIFFUSION_KINDS.map((kind) => `DIFFUSION:${kind}`)];
  private readonly codec = new NoticeCodec();
  private xsd?: XsdValidator;

  parse(input: Buffer): unknown {
    try {
      return this.codec.parse(input);
    } catch (error: unknown) {
      throw new TranslationError(TranslationErrorCode.InputInvalid, 'the input is not a valid notice', {
        cause: error,
        issues: error instanceof NoticeError ? error.issues : [],
      });
    }
  }

  serialize(value: unknown): Buffer {
    try {
      // The codec validates the whole object before writing, so the cast only names the hope.
      return Buffer.from(this.codec.serialize(value as Notice), 'utf8');
    } catch (error: unknown) {
      const issues = error instanceof NoticeError ? error.issues : [];
      throw new TranslationError(
        TranslationErrorCode.OutputInvalid,
        `the mapped notice is invalid (${issues.map((issue) => `${issue.path}: ${issue.reason}`).join('; ')})`,
        { cause: error, issues },
      );
    }
  }

  /**
   * The notice type; a DIFFUSION is `DIFFUSION:REQUEST` or `DIFFUSION:RESPONSE`, since each kind
   * maps to its own PCMS type (request.information, response.information) and so its own mapping.
   */
  typeOf(value: unknown): string | undefined {
    const notice = value as { noticeType?: unknown; diffusion?: { kind?: unknown } } | undefined;
    const type = notice?.noticeType;
    if (typeof type !== 'string') return undefined;
    const kind = notice?.diffusion?.kind;
    return type === 'DIFFUSION' && typeof kind === 'string' ? `${type}:${kind}` : type;
  }

  async checkDocument(output: Buffer): Promise<string[]> {
    this.xsd ??= new XsdValidator();
    const result = await this.xsd.validateNoticeXml(output.toString('utf8'));
    return result.valid ? [] : result.errors;
  }
}
