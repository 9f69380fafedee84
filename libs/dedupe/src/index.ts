export { DedupeStore, type ClaimResult, type DedupeOptions } from './dedupe.store';
