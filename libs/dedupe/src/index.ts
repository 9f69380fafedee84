export { DedupeStore, type ClaimResult, type DedupeOptions } from './dedupe.store';
export { RouteLedger, type RouteLedgerOptions, type SendOnceResult } from './route.ledger';
