import { Catch, NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Logger } from '@pcms/logging';
import { lastValueFrom, type Observable } from 'rxjs';
import { MessagingError, MessagingErrorCode } from '@pcms/messaging';
import { ReplyError } from 'ioredis';
import { GATEWAY_UNAVAILABLE, GatewayUnavailableError, RETRY_AFTER_SECONDS } from './door-availability';
import { JsonDoorExceptionFilter } from './json-door.filter';
import { APP_LOGGER } from './runtime.tokens';

/** What ioredis rejects a command with when Redis answers an error (typed `any` by ioredis). */
const RedisReply = ReplyError as new (message: string) => Error;

// The doors bind a subclass that declares no constructor: the logger must still be injected.
@Catch()
class DoorFilter extends JsonDoorExceptionFilter {}

function httpHost(headersSent = false): { host: ArgumentsHost; answers: unknown[] } {
  const answers: unknown[] = [];
  const res = {
    headersSent,
    setHeader: (name: string, value: string) => answers.push({ [name]: value }),
    status: (code: number) => ({ json: (body: unknown) => answers.push({ status: code, body }) }),
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getResponse: () => res }),
  } as unknown as ArgumentsHost;
  return { host, answers };
}

describe(JsonDoorExceptionFilter.name, () => {
  const logged: unknown[][] = [];
  let sut: DoorFilter;

  beforeEach(async () => {
    logged.length = 0;
    const logger = { error: (...args: unknown[]) => logged.push(args) } as unknown as Logger;
    const module = await Test.createTestingModule({
      providers: [{ provide: APP_LOGGER, useValue: logger }, DoorFilter],
    }).compile();
    sut = module.get(DoorFilter);
  });

  it("answers Nest's refusal with HTTP_<status> and its message, without a log line", () => {
    const { host, answers } = httpHost();
    sut.catch(new NotFoundException('Cannot GET /nowhere'), host);
    expect(answers).toEqual([{ status: 404, body: { code: 'HTTP_404', reason: 'Cannot GET /nowhere' } }]);
    expect(logged).toEqual([]);
  });

  it('answers anything else as UNEXPECTED 500, bilingual, and logs its name through the injected logger', () => {
    const { host, answers } = httpHost();
    sut.catch(new TypeError('secret detail'), host);
    expect(answers).toEqual([
      { status: 500, body: { code: 'UNEXPECTED', reason: 'internal error / erreur interne' } },
    ]);
    expect(logged).toEqual([[{ code: 'UNEXPECTED', error: 'TypeError' }, 'internal error / erreur interne']]);
  });

  it('answers a store or broker fault as GATEWAY_UNAVAILABLE 503 with Retry-After, and logs it', () => {
    for (const fault of [
      new MessagingError(MessagingErrorCode.PUBLISH_TIMEOUT, 'submissions'),
      new RedisReply('LOADING Redis is loading the dataset in memory'),
      Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('terminating connection'), { code: '57P01' }),
      new GatewayUnavailableError('blocked'),
    ]) {
      const { host, answers } = httpHost();
      sut.catch(fault, host);
      expect(answers).toEqual([
        { 'Retry-After': String(RETRY_AFTER_SECONDS) },
        { status: 503, body: { code: GATEWAY_UNAVAILABLE, reason: expect.stringContaining('retry later') } },
      ]);
    }
    expect(logged).toHaveLength(5);
  });

  it('still answers a Redis reply that is our mistake (WRONGTYPE) and a bad SQL statement as 500', () => {
    for (const bug of [
      new RedisReply('WRONGTYPE Operation against a key holding the wrong kind of value'),
      Object.assign(new Error('syntax error'), { code: '42601' }),
    ]) {
      const { host, answers } = httpHost();
      sut.catch(bug, host);
      expect(answers).toEqual([{ status: 500, body: expect.objectContaining({ code: 'UNEXPECTED' }) }]);
    }
  });

  it('writes nothing once the headers are sent', () => {
    const { host, answers } = httpHost(true);
    sut.catch(new Error('late'), host);
    expect(answers).toEqual([]);
  });

  it("hands a queue handler's error on unchanged, for the consumer's error policy", async () => {
    const error = new Error('broker');
    const host = { getType: () => 'rpc' } as unknown as ArgumentsHost;
    const passed = sut.catch(error, host) as Observable<unknown>;
    await expect(lastValueFrom(passed)).rejects.toBe(error);
  });
});
