// The physical limit of the path on this machine: the CPU cost of each piece of work no design can
// avoid, measured alone (CPU time, not wall: the cores are shared), times how many of each one
// message needs at the least, divided into the cores. The broker runs on the same cores as the
// gateway, so a hop's cost is the broker's CPU (beam.smp, from /proc) plus the client's.
import { httpsServerOptions } from '@pcms/signed-http';
import { CmsSigner, SignatureVerifier, type Credential } from '@pcms/trust';
import { once } from 'node:events';
import { Agent, createServer, request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { brokerPid, cpuTimeOf } from './gateway-process.launcher';
import { round } from './latency.stats';
import { measureRawBroker, type RawBrokerOptions, type RawBrokerResult } from './raw-broker.bench';

/** CPU ms of one of each irreducible piece, all processes on the machine that take part. */
export interface UnitCosts {
  /** Publish with confirm + consume with ack, persistent, the gateway's size: broker + client. */
  hopMs: number;
  hopBrokerMs: number;
  hopClientMs: number;
  /** One detached CMS signature with the gateway's key. */
  signMs: number;
  /** One full verification (digest, RSA, chain, dates, usage). */
  verifyMs: number;
  /** One POST of the notice's size on a kept-alive mutual-TLS connection: client + server. */
  tlsRequestMs: number;
}

/** What one message needs at the least, per direction (docs/performance.md says why). */
export interface MinimalWork {
  hops: number;
  signs: number;
  verifies: number;
  tlsRequests: number;
}

export const MINIMAL_WORK: Record<'outbound' | 'inbound', MinimalWork> = {
  // Platform → gateway and gateway → RP are broker hops; the notice to the peer is one HTTPS
  // request. Signed twice (the XML notice for the peer, the JSON copy for RP: different bytes);
  // verified three times (the gateway the platform's, the peer the gateway's, RP the gateway's).
  outbound: { hops: 2, signs: 2, verifies: 3, tlsRequests: 1 },
  // The peer's HTTPS request; one hop per concerned platform's queue (NP-ML, NP-NE, RP: each reads
  // its own); signed by the peer and once by the gateway (the three copies are the same bytes);
  // verified by the gateway and by each of the three platforms.
  inbound: { hops: 3, signs: 2, verifies: 4, tlsRequests: 1 },
};

export interface Limit {
  cpuMsPerMessage: number;
  messagesPerSecond: number;
}

/** Cores × 1000 ms of CPU per second, divided by the CPU one message needs at the least. */
export function limitOf(costs: UnitCosts, work: MinimalWork, cores: number): Limit {
  const cpuMsPerMessage =
    work.hops * costs.hopMs +
    work.signs * costs.signMs +
    work.verifies * costs.verifyMs +
    work.tlsRequests * costs.tlsRequestMs;
  return {
    cpuMsPerMessage: round(cpuMsPerMessage, 3),
    messagesPerSecond: cpuMsPerMessage > 0 ? Math.round((cores * 1000) / cpuMsPerMessage) : 0,
  };
}

/**
 * The costs measured before and after a burst, piece by piece. The first measure runs in a cold
 * process (seen here: a verification 3 times dearer than after the burst), and a machine's speed
 * can drift within a run (seen here: 1.3 to 2 times): one measure alone would set the burst against
 * a limit of another moment.
 */
export function meanCosts(before: UnitCosts, after: UnitCosts): UnitCosts {
  const mean = (pick: (costs: UnitCosts) => number) => round((pick(before) + pick(after)) / 2, 3);
  return {
    hopMs: mean((c) => c.hopMs),
    hopBrokerMs: mean((c) => c.hopBrokerMs),
    hopClientMs: mean((c) => c.hopClientMs),
    signMs: mean((c) => c.signMs),
    verifyMs: mean((c) => c.verifyMs),
    tlsRequestMs: mean((c) => c.tlsRequestMs),
  };
}

export interface UnitCostOptions {
  broker: Omit<RawBrokerOptions, 'onProgress'>;
  credential: Credential;
  peerCredential: Credential;
  caPem: string;
  /** The notice's size, for the TLS request; the envelope (`broker.body`) is signed and verified. */
  noticeBytes: number;
  operations: number;
}

export async function measureUnitCosts(
  options: UnitCostOptions,
): Promise<{ costs: UnitCosts; rawBroker: RawBrokerResult }> {
  const beam = brokerPid();
  const brokerBefore = beam === undefined ? 0 : cpuTimeOf(beam);
  const clientBefore = ownCpuMs();
  const rawBroker = await measureRawBroker(options.broker);
  const hopClientMs = (ownCpuMs() - clientBefore) / options.broker.messages;
  const hopBrokerMs = beam === undefined ? 0 : (cpuTimeOf(beam) - brokerBefore) / options.broker.messages;

  const signer = new CmsSigner(options.credential);
  const verifier = new SignatureVerifier({ trustAnchorsPem: [options.caPem] });
  const content = options.broker.body;
  const signature = signer.sign(content);
  const signMs = cpuPerCall(options.operations, () => signer.sign(content));
  const verifyMs = cpuPerCall(options.operations, () => verifier.verify(content, signature));
  const tlsRequestMs = await tlsRequestCpu(options, Buffer.alloc(options.noticeBytes, 'x'));
  return {
    rawBroker,
    costs: {
      hopMs: round(hopBrokerMs + hopClientMs, 3),
      hopBrokerMs: round(hopBrokerMs, 3),
      hopClientMs: round(hopClientMs, 3),
      signMs: round(signMs, 3),
      verifyMs: round(verifyMs, 3),
      tlsRequestMs: round(tlsRequestMs, 3),
    },
  };
}

function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function cpuPerCall(calls: number, operation: () => unknown): number {
  operation(); // key parsing and caches are not what is measured
  const before = ownCpuMs();
  for (let i = 0; i < calls; i += 1) operation();
  return (ownCpuMs() - before) / calls;
}

/** Server and client in this process, one connection kept alive: both ends' CPU per request. */
async function tlsRequestCpu(options: UnitCostOptions, body: Buffer): Promise<number> {
  const server = createServer(httpsServerOptions(options.peerCredential, options.caPem), (req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(202, { 'content-type': 'application/json' }).end('{"stored":"new"}'));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({
    keepAlive: true,
    maxSockets: 1,
    cert: options.credential.certificatePem,
    key: options.credential.privateKeyPem,
    ca: options.caPem,
    checkServerIdentity: () => undefined,
  });
  const post = () =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/notices',
          agent,
          headers: { 'content-length': body.length },
        },
        (res) => res.resume().on('end', resolve).on('error', reject),
      );
      req.on('error', reject).end(body);
    });
  try {
    await post(); // the handshake, paid once per connection, is not what is measured
    const before = ownCpuMs();
    for (let i = 0; i < options.operations; i += 1) await post();
    return (ownCpuMs() - before) / options.operations;
  } finally {
    agent.destroy();
    server.close();
  }
}
