import { GatewayMetrics } from './gateway.metrics';
import { startObservabilityServer } from './observability.server';

describe(startObservabilityServer.name, () => {
  it('serves the counters in Prometheus text, health, and readiness as the check says', async () => {
    const metrics = new GatewayMetrics('pcms-adapter');
    metrics.rejected.inc({ app: 'pcms-adapter', code: 'SIGNATURE_INVALID', stage: 'verify' });
    let ready = false;
    const sut = await startObservabilityServer(metrics, { host: '127.0.0.1', port: 0 }, () => ready);

    try {
      const text = await (await fetch(`${sut.url}/metrics`)).text();
      expect(text).toContain(
        'pcms_messages_rejected_total{app="pcms-adapter",code="SIGNATURE_INVALID",stage="verify"} 1',
      );
      expect((await fetch(`${sut.url}/health`)).status).toBe(200);
      expect((await fetch(`${sut.url}/ready`)).status).toBe(503);
      ready = true;
      expect((await fetch(`${sut.url}/ready`)).status).toBe(200);
      expect((await fetch(`${sut.url}/nothing`)).status).toBe(404);
    } finally {
      await sut.close();
    }
  });
});
