// What the judicial adapter's providers inject besides the runtime's (GATEWAY_CONFIG, REDIS…).

export const APP = 'judicial-adapter';

/** The JudicialDirectory read and validated at start. */
export const JUDICIAL_DIRECTORY = Symbol('JUDICIAL_DIRECTORY');
/** The JudicialStore (requests, moves, receipts, reminders), in the journal's database. */
export const JUDICIAL_STORE = Symbol('JUDICIAL_STORE');
