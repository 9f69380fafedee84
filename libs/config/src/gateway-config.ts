import {
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { InstancesOptions, MAX_INSTANCES } from './instances-options';
import { JournalOptions } from './journal-options';
import { PublicNoticesOptions } from './public-notices-options';
import { Section } from './required-section';

/**
 * The one typed shape of the gateway's configuration. Everything else receives a slice of it;
 * nothing reads files or `process.env` on its own (STYLE: read once, validate once, type once).
 */
/** TLS to the broker (`amqps://`), the client presenting the gateway's certificate from the PKI. */
export class AmqpTlsOptions {
  @IsBoolean()
  enabled: boolean;

  /** Trust anchor of the broker's certificate; empty: the deployment CA (`<dataDir>/pki/ca.crt`). */
  @IsString()
  caFile: string;
}

/** Delayed retries of what a consumer cannot settle now (Redis, database or broker away). */
export class AmqpRetryOptions {
  /** Wait before the 1st, 2nd, … retry; the last one repeats. One wait queue per distinct delay. */
  @IsArray()
  @ArrayNotEmpty()
  @IsInt({ each: true })
  @Min(10, { each: true })
  delaysMs: number[];

  /** Deliveries before the message is dead-lettered as RETRIES_EXHAUSTED. */
  @IsInt()
  @Min(1)
  @Max(1000)
  maxAttempts: number;
}

export class AmqpOptions {
  /** amqp://user:password@host:port/vhost — the password is masked in every error. */
  @Matches(/^amqps?:\/\//, { message: 'must start with amqp:// or amqps://' })
  url: string;

  /**
   * The nodes of a cluster, tried in this order and again on every reconnect (failover); when
   * present and not empty it replaces `url`. Optional in a profile.
   */
  @IsOptional()
  @IsArray()
  @Matches(/^amqps?:\/\//, { each: true, message: 'each must start with amqp:// or amqps://' })
  urls?: string[];

  /** Prefix of every exchange and queue, so that test runs never share the broker's names. */
  @IsString()
  @Matches(/^[a-z0-9._-]*$/, { message: 'may hold lower-case letters, digits, dot, dash, underscore' })
  namespace: string;

  @IsInt()
  @Min(1)
  @Max(1000)
  prefetch: number;

  /** `quorum` (replicated on every node of a cluster) or `classic` (docs/architecture.md, broker cluster). */
  @IsIn(['classic', 'quorum'])
  queueType: 'classic' | 'quorum';

  @Section(() => AmqpTlsOptions)
  tls: AmqpTlsOptions;

  @Section(() => AmqpRetryOptions)
  retry: AmqpRetryOptions;
}

export class RedisOptions {
  @Matches(/^rediss?:\/\//, { message: 'must start with redis:// or rediss://' })
  url: string;

  /** Prefix of every Redis key and bull queue of this deployment. */
  @Matches(/^[A-Za-z0-9:._-]+$/, { message: 'may hold letters, digits and : . _ -' })
  keyPrefix: string;
}

export class HttpListenOptions {
  @IsString()
  host: string;

  /** 0 picks a free port (tests). */
  @IsInt()
  @Min(0)
  @Max(65535)
  port: number;
}

export class DedupeOptions {
  @IsInt()
  @Min(1)
  retentionHours: number;
}

export class DeliveryOptions {
  /** false: notices are queued but not sent (maintenance, benchmarks of the pipeline alone). */
  @IsBoolean()
  enabled: boolean;

  @IsInt()
  @Min(1)
  @Max(100)
  attempts: number;

  /** First retry delay; each next one doubles (exponential backoff). */
  @IsInt()
  @Min(10)
  backoffMs: number;

  @IsInt()
  @Min(100)
  timeoutMs: number;
}

/** How the judicial door fetches the attachments a request names, to compare their digests. */
export class JudicialAttachmentsOptions {
  /** Longest attachment accepted; a longer one is refused JUDICIAL_ATTACHMENT_TOO_LARGE. */
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024, { message: 'must be at most 1073741824 (1 GiB): the value is in bytes' })
  maxBytes: number;

  /** Bound on fetching one attachment, connection to last byte; the sender waits meanwhile. */
  @IsInt()
  @Min(100)
  @Max(120_000)
  timeoutMs: number;
}

export class I247AdapterOptions {
  @Section(() => HttpListenOptions)
  http: HttpListenOptions;

  /** Where the I-24/7-like peer accepts notices (HTTPS, mutual TLS). */
  @Matches(/^https:\/\//, { message: 'must be an https:// URL' })
  peerUrl: string;

  /** The certificate identity the peer signs with and presents. */
  @IsString()
  peerId: string;

  @Section(() => DeliveryOptions)
  delivery: DeliveryOptions;
}

/**
 * The judicial network's adapter (`apps/judicial-adapter`, issue 15): the door where the directory's
 * authorities post signed judicial messages, their routing and delivery, the reminders' clock.
 */
export class JudicialAdapterOptions {
  /** false: `npm start` does not run the judicial adapter (nor the judicial peer). */
  @IsBoolean()
  enabled: boolean;

  /** The door, HTTPS with mutual TLS: `POST /judicial/messages`. */
  @Section(() => HttpListenOptions)
  http: HttpListenOptions;

  /** The directory of authorities, read and validated at start; relative to the project root. */
  @IsString()
  @Matches(/\S/, { message: 'must name the directory file (config/judicial-directory.yaml)' })
  directoryFile: string;

  /** Where an authority's system is reached when its directory entry names no `endpoint`. */
  @Matches(/^https:\/\//, { message: 'must be an https:// URL' })
  defaultEndpoint: string;

  /**
   * The certificate identity (CN) the system at `defaultEndpoint` presents, when one system plays
   * every authority (the local judicial peer); absent, each delivery expects the authority's own id.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, { message: 'must be a party id (letters, digits, dashes)' })
  defaultEndpointId?: string;

  /** Delivery of judicial messages to the authorities' systems (bull queue `judicial-delivery`). */
  @Section(() => DeliveryOptions)
  delivery: DeliveryOptions;

  /** The door fetches each attachment from its sender's system and compares its SHA-256. */
  @Section(() => JudicialAttachmentsOptions)
  attachments: JudicialAttachmentsOptions;

  /** How often the follow-up reminders are looked for (one adapter at a time, under a lease). */
  @IsInt()
  @Min(5)
  @Max(86_400, { message: 'must be at most 86400 (a day): the value is in seconds' })
  reminderScanSeconds: number;
}

/**
 * The local judicial peer (`apps/judicial-peer`, issue 15): the stand-in for every authority's
 * system in demo and tests. It serves the gateway's deliveries and acts as any authority whose key
 * the development PKI holds.
 */
export class JudicialPeerOptions {
  /** HTTPS with mutual TLS: the gateway delivers to `POST /judicial/messages` here. */
  @Section(() => HttpListenOptions)
  http: HttpListenOptions;

  /** The gateway's judicial door, where the peer posts as an authority. */
  @Matches(/^https:\/\//, { message: 'must be an https:// URL' })
  gatewayUrl: string;

  /** Where each delivered message is kept (`<id>.json` + `<id>.p7s`); relative to dataDir. */
  @IsString()
  @Matches(/\S/, { message: 'must name a folder (judicial-peer/inbox)' })
  inboxDir: string;

  /**
   * The files the peer serves as every authority's system, `GET /judicial/attachments/<authority>/<file>`
   * (to the gateway only), from `<this folder>/<authority>/<file>`; relative to dataDir.
   */
  @IsString()
  @Matches(/\S/, { message: 'must name a folder (judicial-peer/attachments)' })
  attachmentsDir: string;

  /** On a request it registers, answer the gateway RECEIVED as the requested authority (demo). */
  @IsBoolean()
  autoReceive: boolean;
}

export class PeerOptions {
  @Section(() => HttpListenOptions)
  http: HttpListenOptions;

  /** Where the gateway accepts inbound notices from the peer. */
  @Matches(/^https:\/\//, { message: 'must be an https:// URL' })
  gatewayUrl: string;
}

export class LimitsOptions {
  @IsInt()
  @Min(1024)
  maxMessageBytes: number;

  /** Deepest JSON nesting accepted at any door. */
  @IsInt()
  @Min(4)
  @Max(256)
  maxJsonDepth: number;

  /** A `createdAt` further in the future than this is refused (clock skew allowance). */
  @IsInt()
  @Min(0)
  maxClockSkewSeconds: number;

  /** A `createdAt` older than this is refused: a replay cannot outlive the dedupe retention. */
  @IsInt()
  @Min(1)
  maxMessageAgeHours: number;
}

export class PkiOptions {
  /** How often the revocation list is reloaded even without a change to its file. */
  @IsInt()
  @Min(1)
  crlRefreshMinutes: number;

  /** Warn (log, metric, status) when a certificate expires within this many days. */
  @IsInt()
  @Min(1)
  expiryWarningDays: number;
}

export class HttpsDoorOptions {
  @IsBoolean()
  enabled: boolean;

  @Section(() => HttpListenOptions)
  http: HttpListenOptions;
}

export class PcmsAdapterOptions {
  /** HTTPS with client certificates: platforms submit and read as an alternative to AMQP. */
  @Section(() => HttpsDoorOptions)
  https: HttpsDoorOptions;
}

export class ObservabilityPorts {
  @IsInt() @Min(0) @Max(65535) pcmsAdapter: number;
  @IsInt() @Min(0) @Max(65535) router: number;
  @IsInt() @Min(0) @Max(65535) i247Adapter: number;
  @IsInt() @Min(0) @Max(65535) i247Peer: number;
  @IsInt() @Min(0) @Max(65535) judicialAdapter: number;
  @IsInt() @Min(0) @Max(65535) judicialPeer: number;
  /** The console's metrics (its alert signals); absent, the console serves none. */
  @IsOptional() @IsInt() @Min(0) @Max(65535) console?: number;
}

/** Prometheus metrics, health and readiness: one plain-HTTP port per process (0 picks a free one). */
export class ObservabilityOptions {
  @IsBoolean()
  enabled: boolean;

  @IsString()
  host: string;

  @Section(() => ObservabilityPorts)
  ports: ObservabilityPorts;
}

/** The router's memory of the requests it released to INTERPOL (issue 6, point 5). */
export class RoutingOptions {
  /**
   * How long a released `request.information` waits for its reply; a later reply reaches RP only.
   * Answers between police services take weeks; ten years is a ceiling against a typo in seconds.
   */
  @IsInt()
  @Min(1)
  @Max(3650, { message: 'must be at most 3650 (ten years): the value is in days, not seconds' })
  requestRetentionDays: number;
}

/** Hot reload of the mapping files (the folder is `mappingsDir`). */
export class MappingsOptions {
  /**
   * How often the folder is stat-ed; a change applies once it stayed the same for one interval,
   * so an edit takes effect within two intervals.
   */
  @IsInt()
  @Min(100, { message: 'must be at least 100: a shorter poll only busies the disk' })
  @Max(60_000, { message: 'must be at most 60000 (a minute), or a new mapping waits too long' })
  reloadPollMs: number;
}

/** The router's clock for held messages (`@pcms/holds`, HoldTicker). */
export class HoldsOptions {
  /** How often each router looks for released and overdue holds: a release leaves within this. */
  @IsInt()
  @Min(1)
  @Max(60, { message: 'must be at most 60: a released hold waits for the next tick to leave' })
  tickSeconds: number;

  /**
   * How long a router owns a released hold it is forwarding; a router dying mid-way loses it after
   * this and another one forwards it. A forward still under way when its claim lapses may leave twice.
   */
  @IsInt()
  @Min(10, {
    message: 'must be at least 10: a forward still under way when its claim lapses may leave twice',
  })
  @Max(3600)
  claimSeconds: number;
}

/** The operations console (`apps/console`): HTTPS with client certificates from the PKI. */
export class ConsoleOptions {
  @IsBoolean()
  enabled: boolean;

  @Section(() => HttpListenOptions)
  http: HttpListenOptions;
}

export class GatewayConfig {
  /** Profile name, e.g. `demo`. */
  @IsString()
  profile: string;

  /** Runtime data (PKI, peer inbox). Relative paths are resolved against the project root. */
  @IsString()
  dataDir: string;

  /** Create a development PKI in `<dataDir>/pki` on first start when none exists. */
  @IsBoolean()
  autoInitPki: boolean;

  @IsString()
  mappingsDir: string;

  @Section(() => MappingsOptions)
  mappings: MappingsOptions;

  @IsOptional()
  @IsIn(['trace', 'debug', 'info', 'warn', 'error', 'silent'])
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'silent';

  @Section(() => AmqpOptions)
  amqp: AmqpOptions;

  @Section(() => RedisOptions)
  redis: RedisOptions;

  @Section(() => DedupeOptions)
  dedupe: DedupeOptions;

  @Section(() => RoutingOptions)
  routing: RoutingOptions;

  @Section(() => PkiOptions)
  pki: PkiOptions;

  @Section(() => PcmsAdapterOptions)
  pcmsAdapter: PcmsAdapterOptions;

  @Section(() => I247AdapterOptions)
  i247Adapter: I247AdapterOptions;

  @Section(() => PeerOptions)
  peer: PeerOptions;

  @Section(() => JudicialAdapterOptions)
  judicialAdapter: JudicialAdapterOptions;

  @Section(() => JudicialPeerOptions)
  judicialPeer: JudicialPeerOptions;

  @Section(() => LimitsOptions)
  limits: LimitsOptions;

  @Section(() => ObservabilityOptions)
  observability: ObservabilityOptions;

  @Section(() => JournalOptions)
  journal: JournalOptions;

  @Section(() => HoldsOptions)
  holds: HoldsOptions;

  @Section(() => PublicNoticesOptions)
  publicNotices: PublicNoticesOptions;

  @Section(() => ConsoleOptions)
  console: ConsoleOptions;

  /** How many processes of each app `npm start` runs; `{ count: 1 }` when a profile says nothing. */
  @Section(() => InstancesOptions)
  instances: InstancesOptions;

  /**
   * Which instance of its app this process is, from 1 (`PCMS_INSTANCE`, set by the supervisor; 1
   * otherwise). Its listening ports are the configured ones + (instance-1)*10.
   */
  @IsInt()
  @Min(1)
  @Max(MAX_INSTANCES)
  instance: number;
}
