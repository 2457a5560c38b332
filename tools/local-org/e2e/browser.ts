/**
 * Debian's Chromium driven by playwright-core (no browser download), for the local org's browser
 * tests. Collects page errors and console errors so a test can assert a page rendered cleanly.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const OUTPUT_DIR = path.join(import.meta.dirname, 'output');

/** Flags that keep Chromium from reaching for the network this machine does not have. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** Base components' development-mode advice about native shadow; not an error of the page. */
const BENIGN = [/\[LWC warn\]/];

export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !BENIGN.some((re) => re.test(message.text())))
      problems.push(`console error: ${message.text()}`);
  });
  return problems;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const file = path.join(OUTPUT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Polls `check` until it returns a value or `ms` pass. */
export async function eventually<T>(
  check: () => T | undefined | Promise<T | undefined>,
  ms: number,
  what: string,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export interface BrowserSession {
  page: Page;
  /** Page errors, console errors and failed requests, in the order they happened. */
  problems: string[];
  /** Saves a full-page screenshot as `output/<name>.png` and answers its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** One Chromium page that records its problems, failed requests included (a request that never got an answer). */
export async function openBrowser(): Promise<BrowserSession> {
  const browser: Browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems = watchProblems(page);
    page.on('requestfailed', (request) =>
      problems.push(`request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText ?? '?'})`),
    );
    return {
      page,
      problems,
      screenshot: (name) => screenshot(page, name),
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
