export { migrateHoldsTo, type HoldsMigrationName } from './holds-migration.stepper';
