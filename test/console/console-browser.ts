// The console in a real browser: Debian's chromium driven by playwright-core, one browser context
// per certificate (a person, a platform, or none), against a console started on the suite's gateway.
import type { Credential } from '@pcms/trust';
import { chromium, type Browser, type BrowserContext, type Locator } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * A browser presenting `credential` to the console at `url` (none: no certificate at all). The
 * console's server certificate is the gateway's, issued by the test CA the browser does not know:
 * its TLS check is not what these tests are about.
 */
export function contextFor(browser: Browser, url: string, credential?: Credential): Promise<BrowserContext> {
  return browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 900 },
    ...(credential
      ? {
          clientCertificates: [
            {
              origin: new URL(url).origin,
              cert: Buffer.from(credential.certificatePem),
              key: Buffer.from(credential.privateKeyPem),
            },
          ],
        }
      : {}),
  });
}

/** The `name` attribute of every element `locator` matches, in document order. */
export async function attributesOf(locator: Locator, name: string): Promise<(string | null)[]> {
  const values: (string | null)[] = [];
  for (let index = 0; index < (await locator.count()); index += 1) {
    values.push(await locator.nth(index).getAttribute(name));
  }
  return values;
}
