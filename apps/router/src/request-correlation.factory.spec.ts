import type { Redis } from 'ioredis';
import { requestCorrelationStoreFor } from './request-correlation.factory';

describe(requestCorrelationStoreFor.name, () => {
  it('keeps a released request for routing.requestRetentionDays, under the deployment prefix', async () => {
    const set = jest.fn().mockResolvedValue('OK');
    const redis = { set } as unknown as Redis;
    const sut = requestCorrelationStoreFor(
      { redis: { url: 'redis://127.0.0.1:6379', keyPrefix: 'pcms-x' }, routing: { requestRetentionDays: 7 } },
      redis,
    );

    await sut.record({ id: 'req-1', sender: 'NP-ML' });

    expect(set).toHaveBeenCalledWith(
      'pcms-x:correlation:requests:req-1',
      JSON.stringify({ requester: 'NP-ML', correlationId: 'req-1' }),
      'EX',
      7 * 24 * 3600,
    );
  });
});
