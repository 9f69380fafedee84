export {
  RedisLease,
  LeaseLostError,
  fenceKey,
  leaseKey,
  type LeaseGrant,
  type RedisLeaseOptions,
} from './redis-lease';
export {
  runExclusively,
  type ExclusiveJob,
  type ExclusiveJobOptions,
  type ExclusiveRun,
} from './exclusive-job';
