import { join } from 'node:path';
import { ConfigError } from './config.error';
import { loadConfig } from './config.loader';
import { instancePort, instancesOf, InstancesOptions } from './instances-options';

const projectRoot = join(__dirname, '..', '..', '..');

describe(InstancesOptions.name, () => {
  it('defaults to one process of each app, this one the first, when the profile says nothing', () => {
    const sut = loadConfig({ rootDir: projectRoot, env: {} });

    expect(sut.instances).toEqual({ count: 1 });
    expect(sut.instance).toBe(1);
    expect(sut.i247Adapter.http.port).toBe(8443);
  });

  it('takes the count from PCMS_INSTANCES and a per-app override from the profile or the overrides', () => {
    const sut = loadConfig({
      rootDir: projectRoot,
      env: { PCMS_INSTANCES: '2' },
      overrides: { instances: { router: 3 } },
    });

    expect(instancesOf(sut.instances, 'router')).toBe(3);
    expect(instancesOf(sut.instances, 'pcmsAdapter')).toBe(2);
  });

  it("moves instance k's listening ports by (k-1)*10, leaves the peer's and free ports alone", () => {
    const sut = loadConfig({ rootDir: projectRoot, env: { PCMS_INSTANCE: '3' } });

    expect(sut.instance).toBe(3);
    expect(sut.pcmsAdapter.https.http.port).toBe(8464);
    expect(sut.i247Adapter.http.port).toBe(8463);
    expect(sut.observability.ports).toEqual({
      pcmsAdapter: 9121,
      router: 9122,
      i247Adapter: 9123,
      i247Peer: 9104,
      judicialAdapter: 9105,
      judicialPeer: 9106,
      console: 9127,
    });
    expect(sut.peer.http.port).toBe(9443);
    expect(instancePort(0, 3)).toBe(0);
  });

  it('refuses an instance count beyond 8, naming the key and where it came from', () => {
    const run = () => loadConfig({ rootDir: projectRoot, env: { PCMS_INSTANCES: '9' } });

    expect(run).toThrow(ConfigError);
    expect(run).toThrow(
      /instances\.count: must not be greater than 8 \(environment variable PCMS_INSTANCES\)/,
    );
  });
});
