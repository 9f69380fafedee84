import { IsInt, IsOptional, Max, Min } from 'class-validator';

// Several instances of every process (issue 12, point 1; docs/architecture.md "Several instances").

/** At most this many processes of one app: instance k listens on each port + (k-1)*10, below the next app's. */
export const MAX_INSTANCES = 8;

/** How far apart two instances' ports are: instance k listens on each configured port + (k-1) × this. */
export const INSTANCE_PORT_STEP = 10;

/**
 * How many processes of each gateway app `npm start` runs (`npm start -- --instances N` sets
 * `count`). They share the work as competing consumers on the same queues; what must happen once
 * per gateway takes a lease (`@pcms/lease`) or is idempotent. The I-24/7 peer is a stand-in for
 * INTERPOL, not a gateway process: it always runs once.
 */
export class InstancesOptions {
  @IsInt()
  @Min(1)
  @Max(MAX_INSTANCES)
  count: number;

  /** Per-app overrides of `count`. */
  @IsOptional() @IsInt() @Min(1) @Max(MAX_INSTANCES) journalWriter?: number;
  @IsOptional() @IsInt() @Min(1) @Max(MAX_INSTANCES) pcmsAdapter?: number;
  @IsOptional() @IsInt() @Min(1) @Max(MAX_INSTANCES) router?: number;
  @IsOptional() @IsInt() @Min(1) @Max(MAX_INSTANCES) i247Adapter?: number;
}

export type InstancedApp = 'journalWriter' | 'pcmsAdapter' | 'router' | 'i247Adapter';

/** How many processes of `app` the configuration asks for. */
export function instancesOf(options: InstancesOptions, app: InstancedApp): number {
  return options[app] ?? options.count;
}

/** The port instance `instance` (1-based) of an app listens on; 0 (a free port) stays 0. */
export function instancePort(port: number, instance: number): number {
  return port === 0 ? 0 : port + (instance - 1) * INSTANCE_PORT_STEP;
}

/** How a process names itself where instances must be told apart (status boards): `router`, `router#2`. */
export function instanceName(app: string, instance: number): string {
  return instance === 1 ? app : `${app}#${instance}`;
}
