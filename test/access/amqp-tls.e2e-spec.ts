// The gateway's side of AMQP over TLS. The broker here listens in plain text only, so a
// TLS-terminating proxy written for this test stands in for RabbitMQ's TLS listener: what is
// proven is the client (certificate presented, broker certificate and name checked), not the
// broker's own TLS configuration, which this project does not set up.
import { loadConfig, type LoadedConfig } from '@pcms/config';
import { AmqpConnection, gatewayTopology, MessagingErrorCode, type MessagingLogger } from '@pcms/messaging';
import { amqpClientTlsOf } from '@pcms/runtime';
import { issueCertificate, type Credential } from '@pcms/trust';
import { writeTestPki, type TestPki } from '@pcms/trust/testing';
import { connect } from 'amqplib';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteTopology } from '../support/broker';
import { PROJECT_ROOT } from '../support/gateway.harness';
import { startTlsProxy, type TlsProxy } from '../support/tls-proxy';
import { uniqueNamespace } from '../support/unique-namespace';

jest.setTimeout(60_000);

describe('AmqpConnection over TLS (amqp.tls.enabled)', () => {
  const namespace = uniqueNamespace(__filename).toLowerCase();
  const topology = gatewayTopology(namespace);
  const dataDir = mkdtempSync(join(tmpdir(), 'pcms-amqp-tls-'));
  let pki: TestPki;
  let proxy: TlsProxy;
  let broker: Credential;

  const configFor = (port: number, caFile = '', host = '127.0.0.1'): LoadedConfig =>
    loadConfig({
      rootDir: PROJECT_ROOT,
      env: {},
      overrides: {
        dataDir,
        amqp: { url: `amqps://guest:guest@${host}:${port}`, namespace, tls: { enabled: true, caFile } },
      },
    });

  /** Why each connection attempt failed, as the connection logs it. */
  let attemptErrors: string[] = [];
  const logger: MessagingLogger = {
    warn: (_message, fields) => attemptErrors.push(String(fields?.error)),
    error: () => undefined,
  };

  const connectWith = (config: LoadedConfig) => {
    attemptErrors = [];
    return AmqpConnection.connect(config.amqp.url, {
      topology: topology.declaration,
      connectionName: 'pcms-test-amqp-tls',
      connectTimeoutMs: 5000,
      logger,
      tls: amqpClientTlsOf(config),
    });
  };

  beforeAll(async () => {
    ({ pki } = writeTestPki(join(dataDir, 'pki')));
    // A certificate of the deployment CA naming 127.0.0.1, as the broker's would.
    broker = issueCertificate({ issuer: pki.ca, subjectId: 'RABBITMQ', role: 'gateway' });
    proxy = await startTlsProxy({ server: broker, caPem: pki.ca.certificatePem });
  });

  afterAll(async () => {
    await proxy.close();
    await deleteTopology(topology.declaration);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('connects through TLS presenting the gateway’s certificate and publishes with confirm', async () => {
    const sut = await connectWith(configFor(proxy.port));
    try {
      await sut.publish(topology.routes.platform('NP-ML'), Buffer.from('{}'), {
        messageId: 'over-tls',
        headers: { 'pcms-signature': 'c2ln' },
      });

      const taken = await sut.withTemporaryChannel((channel) =>
        channel.get(topology.queues.platforms['NP-ML'].name, { noAck: true }),
      );
      expect(taken && taken.properties.messageId).toBe('over-tls');
      expect(proxy.clients).toContain('GATEWAY');
    } finally {
      await sut.close();
    }
  });

  it('refuses a broker whose certificate does not chain to amqp.tls.caFile', async () => {
    const foreignCaFile = join(dataDir, 'foreign-ca.crt');
    writeFileSync(foreignCaFile, pki.foreignCa.certificatePem);

    await expect(connectWith(configFor(proxy.port, foreignCaFile))).rejects.toMatchObject({
      code: MessagingErrorCode.CONNECT_FAILED,
    });
    expect(attemptErrors[0]).toMatch(/self.signed certificate|unable to (verify|get) .*certificate/i);
  });

  it('refuses a broker certificate that does not name the host dialled', async () => {
    // The same trusted certificate, reached as 127.0.0.2, which it does not name (RFC 6125).
    const elsewhere = await startTlsProxy({
      server: broker,
      caPem: pki.ca.certificatePem,
      host: '127.0.0.2',
    });
    try {
      await expect(connectWith(configFor(elsewhere.port, '', '127.0.0.2'))).rejects.toMatchObject({
        code: MessagingErrorCode.CONNECT_FAILED,
      });
      expect(attemptErrors[0]).toMatch(/IP: 127\.0\.0\.2 is not in the cert's list/);
    } finally {
      await elsewhere.close();
    }
  });

  it('is refused by the TLS listener without a client certificate', async () => {
    await expect(
      connect(`amqps://guest:guest@127.0.0.1:${proxy.port}`, { ca: pki.ca.certificatePem }),
    ).rejects.toThrow();
    expect(proxy.clients).not.toContain('');
  });
});
