import { Catch, HttpException } from '@nestjs/common';
import { SubmissionRejectionCode } from '@pcms/pipeline';
import { JsonDoorExceptionFilter, type DoorErrorAnswer } from '@pcms/runtime';

/**
 * The platforms' door answers every error as `{ code, reason }` (see JsonDoorExceptionFilter),
 * the body parser's refusal of an oversize body with the pipeline's own code.
 */
@Catch()
export class HttpDoorExceptionFilter extends JsonDoorExceptionFilter {
  protected override describe(exception: unknown): DoorErrorAnswer {
    // Nest turns the body parser's refusal of an oversize body into a 413 before any controller.
    if (exception instanceof HttpException && exception.getStatus() === 413) {
      return {
        status: 413,
        code: SubmissionRejectionCode.TOO_LARGE,
        reason: 'the body exceeds limits.maxMessageBytes',
      };
    }
    return super.describe(exception);
  }
}
