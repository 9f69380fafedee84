/** Injection token of the `HoldStore` (`@pcms/holds`), opened on the journal's database at start. */
export const HOLD_STORE = Symbol('HOLD_STORE');
