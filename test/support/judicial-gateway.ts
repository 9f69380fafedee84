// The judicial adapter of one test file, on the real broker, Redis and journal: a GatewayHarness
// (namespace, Redis prefix, data folder and PKI of its own) with its journal writer and the judicial
// adapter started, the authorities' certificates (role authority) issued by the test CA on demand,
// and the request store for assertions. Other gateway apps are not started: the judicial network
// does not need them.
import type { LoadedConfig } from '@pcms/config';
import {
  JUDICIAL_MESSAGES_PATH,
  judicialStoreFromConfig,
  sendAsAuthority,
  type DoorAnswer,
  type JudicialMessage,
  type JudicialStore,
} from '@pcms/judicial';
import type { RunningApp } from '@pcms/runtime';
import { SignedHttpHeader } from '@pcms/signed-http';
import { CmsSigner, issueCertificate, type Credential } from '@pcms/trust';
import { startJudicialAdapter } from '../../apps/judicial-adapter/src/judicial-adapter.app';
import { GatewayHarness } from './gateway.harness';
import { httpsCall, type HttpsAnswer } from './https-request';

/** Issued once per process: RSA key generation is the cost. */
const authorities = new Map<string, Credential>();

export class JudicialGateway {
  private adapter?: RunningApp;
  private storeOpened?: JudicialStore;

  private constructor(readonly harness: GatewayHarness) {}

  /** Creates the harness, starts its journal writer and the judicial adapter (`configure` may change its configuration). */
  static async start(
    testFile: string,
    configure: (config: LoadedConfig) => LoadedConfig = (config) => config,
  ): Promise<JudicialGateway> {
    const gateway = new JudicialGateway(await GatewayHarness.create(testFile));
    await gateway.harness.startJournalWriter();
    gateway.adapter = await startJudicialAdapter(configure(gateway.harness.config));
    return gateway;
  }

  get config(): LoadedConfig {
    return this.harness.config;
  }

  get adapterApp(): RunningApp {
    if (!this.adapter) throw new Error('the judicial adapter is not started');
    return this.adapter;
  }

  get doorUrl(): string {
    return `${this.adapterApp.url}${JUDICIAL_MESSAGES_PATH}`;
  }

  /** The certificate and key of a directory authority (role authority, CN = its id), from the test CA. */
  authority(id: string): Credential {
    let credential = authorities.get(id);
    if (!credential) {
      credential = issueCertificate({ issuer: this.harness.pki.ca, subjectId: id, role: 'authority' });
      authorities.set(id, credential);
    }
    return credential;
  }

  /** Signs `message` as `credential` (by default its sender's) and posts it, as an authority's system does. */
  send(message: JudicialMessage, credential = this.authority(message.from)): Promise<DoorAnswer> {
    return sendAsAuthority({
      doorUrl: this.doorUrl,
      message,
      credential,
      caPem: this.harness.pki.ca.certificatePem,
      timeoutMs: 10_000,
    });
  }

  /** Posts bytes as they are, with a signature and headers the test chooses (hostile senders). */
  post(options: {
    body: Buffer;
    credential: Credential;
    messageId?: string;
    signature?: Buffer;
  }): Promise<HttpsAnswer> {
    const signature = options.signature ?? new CmsSigner(options.credential).sign(options.body);
    return httpsCall({
      url: this.doorUrl,
      method: 'POST',
      credential: options.credential,
      caPem: this.harness.pki.ca.certificatePem,
      body: options.body,
      headers: {
        [SignedHttpHeader.SIGNATURE]: signature.toString('base64'),
        ...(options.messageId ? { [SignedHttpHeader.MESSAGE_ID]: options.messageId } : {}),
      },
    });
  }

  /** The request store the adapter writes to, opened once for assertions. */
  async store(): Promise<JudicialStore> {
    this.storeOpened ??= await judicialStoreFromConfig(this.config);
    return this.storeOpened;
  }

  /** Stops the adapter (in-flight requests finish), then the harness (journal drained, everything removed). */
  async stop(): Promise<void> {
    try {
      await this.adapter?.close();
      await this.storeOpened?.close();
    } finally {
      await this.harness.stop();
    }
  }
}
