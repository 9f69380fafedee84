export { may, readerOf, type ConsoleReader, type ConsoleRight } from './access';
export { ConsoleHandler, type ConsoleHandlerOptions } from './console.server';
export { DASHBOARD_TICK_MS } from './dashboard.events';
export type { ConsoleSources } from './console.sources';
export { ReaderCertificates, type AuthenticatedReader, type ReaderRefusal } from './reader-certificate';
export { CATALOGUES, chooseLanguage, LANGUAGES, Locale, type Language } from './i18n/catalogue';
export {
  demoAccessInstructions,
  DEMO_P12_PASSWORD,
  DEMO_READERS,
  writeDemoReaderFiles,
  type DemoReaderFile,
} from './demo-readers';
export { probePeer } from './peer-probe';
export {
  AlertWatch,
  type AlertBoard,
  type AlertRecord,
  type AlertStore,
  type AlertWatchOptions,
} from './alert-watch';
export { RedisAlertStore } from './alert.store';
