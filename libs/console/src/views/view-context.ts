import type { ConsoleReader } from '../access';
import type { Locale } from '../i18n/catalogue';

/** What every page needs to be rendered for one reader. */
export interface ViewContext {
  readonly locale: Locale;
  /** Absent on the refusal page: a refused certificate is shown no navigation. */
  readonly reader?: ConsoleReader;
  /** The page's path, for the language links. */
  readonly path: string;
  /** The reader's CSRF token, put in every form that acts. */
  readonly csrf?: string;
}
