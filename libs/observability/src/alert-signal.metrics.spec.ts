import { Registry } from 'prom-client';
import { AlertSignalMetrics } from './alert-signal.metrics';

describe(AlertSignalMetrics.name, () => {
  it('exports what was set, and nothing at all once cleared (a console that lost the lease)', async () => {
    const registry = new Registry();
    const sut = new AlertSignalMetrics(registry);
    sut.queueMessages.set({ queue: 'platform.NP-ML' }, 7);
    sut.peerReachable.set({ peer: 'I247-PEER' }, 1);
    expect(await registry.metrics()).toContain('pcms_queue_messages{queue="platform.NP-ML"} 7');
    expect(await registry.metrics()).toContain('pcms_peer_reachable{peer="I247-PEER"} 1');

    sut.clear();
    const after = await registry.metrics();
    expect(after).not.toMatch(/^pcms_\w+(\{[^}]*\})? /m);
  });
});
