import {
  assertRedisReady,
  GATEWAY_UNAVAILABLE,
  GatewayUnavailableError,
  isInfrastructureError,
} from './door-availability';

describe(assertRedisReady.name, () => {
  it('lets a door go on when the client is ready', () => {
    expect(() => assertRedisReady({ status: 'ready' })).not.toThrow();
  });

  // With maxRetriesPerRequest: null, a command sent in any of these states waits in ioredis's
  // offline queue until Redis is back: the authority's request would hang instead of being told 503.
  it.each(['wait', 'connecting', 'connect', 'reconnecting', 'close', 'end'])(
    'refuses at once, as an outage (503 GATEWAY_UNAVAILABLE), while the client is %s',
    (status) => {
      const sut = () => assertRedisReady({ status });

      expect(sut).toThrow(GatewayUnavailableError);
      expect(sut).toThrow(/Redis/);
      let thrown: unknown;
      try {
        sut();
      } catch (error: unknown) {
        thrown = error;
      }
      expect({
        code: (thrown as GatewayUnavailableError).code,
        outage: isInfrastructureError(thrown),
      }).toEqual({
        code: GATEWAY_UNAVAILABLE,
        outage: true,
      });
    },
  );
});
