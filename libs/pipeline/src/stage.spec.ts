import { PipelineRejection, runStages, UNEXPECTED, type Stage } from './stage';

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

  it('turns an unexpected error into an UNEXPECTED rejection rather than a crash', async () => {
    const stages: Stage<object>[] = [
      {
        name: 'map',
        run: () => {
          throw new TypeError('boom');
        },
      },
    ];

    const sut = await runStages(stages, {}).catch((error: unknown) => error);

    expect(sut).toMatchObject({ code: UNEXPECTED, stage: 'map', reason: 'boom' });
  });
});
