import { ConfigError, ConfigErrorCode, type LoadedConfig } from '@pcms/config';
import type { AmqpClientTls } from '@pcms/messaging';
import { PkiStore } from '@pcms/trust';
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/**
 * The gateway's side of TLS to the broker when `amqp.tls.enabled`: its own certificate and key
 * from the PKI, and the broker's trust anchor (`amqp.tls.caFile`, else the deployment CA).
 * Undefined when TLS is off. The broker's own TLS listener is the broker's configuration.
 */
export function amqpClientTlsOf(config: LoadedConfig, store?: PkiStore): AmqpClientTls | undefined {
  const { enabled, caFile } = config.amqp.tls;
  if (!enabled) return undefined;
  const pki = store ?? PkiStore.open(config.paths.pki);
  const gateway = pki.credential('GATEWAY');
  return {
    certificatePem: gateway.certificatePem,
    privateKeyPem: gateway.privateKeyPem,
    caPem: caFile
      ? readCaFile(isAbsolute(caFile) ? caFile : join(config.paths.root, caFile))
      : pki.caCertificatePem(),
  };
}

function readCaFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause: unknown) {
    const reason = `cannot read ${path} / illisible`;
    throw new ConfigError(
      ConfigErrorCode.CONFIG_INVALID,
      `amqp.tls.caFile: ${reason}`,
      [{ key: 'amqp.tls.caFile', reason, source: 'configuration' }],
      { cause },
    );
  }
}
