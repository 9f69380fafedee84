import { EnvelopeError, EnvelopeErrorCode } from '@pcms/envelope';
import { NoticeError, NoticeErrorCode } from '@pcms/notice';
import { TranslationError, TranslationErrorCode } from '@pcms/translation';
import { PipelineRejection, runStages, toRejection, UNEXPECTED, type Stage } from './stage';

class CodedError extends Error {
  constructor(readonly code: string) {
    super(`coded ${code}`);
  }
}

describe(runStages.name, () => {
  it('runs the stages in order over one context', async () => {
    const stages: Stage<string[]>[] = [
      { name: 'verify', run: (seen) => void seen.push('verify') },
      { name: 'validate', run: async (seen) => void seen.push(await Promise.resolve('validate')) },
    ];

    const sut = await runStages(stages, []);

    expect(sut).toEqual(['verify', 'validate']);
  });

  it('turns a coded library error into a rejection at the stage that met it, keeping the cause', async () => {
    const cause = new CodedError('SIGNATURE_INVALID');
    const stages: Stage<object>[] = [
      { name: 'size', run: () => undefined },
      {
        name: 'verify',
        run: () => {
          throw cause;
        },
      },
      {
        name: 'validate',
        run: () => {
          throw new Error('must not run');
        },
      },
    ];

    const sut = await runStages(stages, {}).catch((error: unknown) => error);

    expect(sut).toBeInstanceOf(PipelineRejection);
    expect(sut).toMatchObject({ code: 'SIGNATURE_INVALID', stage: 'verify', cause });
  });

  it('names the innermost code when a facade wraps the error that knows best', async () => {
    const inner = new CodedError('NOTICE_DOCTYPE_FORBIDDEN');
    const outer = Object.assign(new Error('the input is not a valid notice', { cause: inner }), {
      code: 'TRANSLATION_INPUT_INVALID',
    });
    const stages: Stage<object>[] = [
      {
        name: 'map',
        run: () => {
          throw outer;
        },
      },
    ];

    const sut = await runStages(stages, {}).catch((error: unknown) => error);

    expect(sut).toMatchObject({
      code: 'NOTICE_DOCTYPE_FORBIDDEN',
      stage: 'map',
      reason: 'the input is not a valid notice: coded NOTICE_DOCTYPE_FORBIDDEN',
      cause: outer,
    });
  });

  it('throws on untouched an error that is no verdict on the message (Redis gone), for the consumer to retry', async () => {
    const outage = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const stages: Stage<object>[] = [
      {
        name: 'dedupe',
        run: () => {
          throw outage;
        },
      },
    ];

    const sut = await runStages(stages, {}).catch((error: unknown) => error);

    expect(sut).toBe(outage);
    expect(sut).not.toBeInstanceOf(PipelineRejection);
  });
});

describe(toRejection.name, () => {
  /**
   * What Node's fatal TextDecoder throws. Built here because jest runs specs in a realm of their
   * own, where Node's TypeError is not `instanceof Error`: the real one would hide the leak that
   * the running gateway showed (ERR_ENCODING_INVALID_ENCODED_DATA as the refusal's code).
   */
  function nodeDecodeError(): Error {
    return Object.assign(new TypeError('The encoded data was not valid for encoding utf-8'), {
      code: 'ERR_ENCODING_INVALID_ENCODED_DATA',
    });
  }

  it("names our code, not Node's, when undecodable bytes stop the envelope parser", () => {
    const error = new EnvelopeError(EnvelopeErrorCode.EncodingInvalid, 'envelope is not valid UTF-8', {
      cause: nodeDecodeError(),
    });

    const sut = toRejection(error, 'validate');

    expect(sut).toMatchObject({ code: 'ENVELOPE_ENCODING_INVALID', stage: 'validate', cause: error });
    expect(sut.reason).toBe('envelope is not valid UTF-8');
  });

  it('names our innermost code under a facade, never the platform error beneath it', () => {
    const notice = new NoticeError(NoticeErrorCode.NOTICE_ENCODING_INVALID, 'Notice is not valid UTF-8', {
      cause: nodeDecodeError(),
    });
    const error = new TranslationError(TranslationErrorCode.InputInvalid, 'the input is not a valid notice', {
      cause: notice,
    });

    const sut = toRejection(error, 'map');

    expect(sut.code).toBe('NOTICE_ENCODING_INVALID');
  });

  it('refuses a platform error that carries a code of its own as UNEXPECTED', () => {
    const sut = toRejection(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 'dedupe');

    expect(sut).toMatchObject({ code: UNEXPECTED, stage: 'dedupe', reason: 'read ECONNRESET' });
  });
});
