import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { createApp } from '../../functions/api/app';
import { localApiDeps, type LocalApiDeps } from '../../functions/wiring/local';
import { startLocalRuntime } from '../../infra/local/runtime';
import type { BulkEmail } from '../../shared/ports/messaging';
import { createTable } from '../../shared/adapters/dynamodb/create-table';
import { silentLogger } from '../../shared/adapters/system/json-logger';
import { seedDemo, type DemoCredentials } from '../../infra/local/seed';
import type { Outbox } from '../../shared/ports/messaging';
import { rebuildSearchIndex } from '../../shared/services/rebuild-search-index';

/** Debian's Chromium, never a downloaded browser; flags keep it quiet and offline. */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
}

export interface RunningPlatform {
  baseUrl: string;
  demo: DemoCredentials;
  /** The local outbox, for messages a test puts there itself (e.g. an alert email with an HTML part). */
  outbox: Outbox;
  /** The platform's ports, for what a test puts in the table itself (e.g. many subscriptions). */
  deps: LocalApiDeps;
  /** Holds every bulk email send (the email workers' sends) until the returned function is called. */
  holdEmail(): () => void;
  stop(): Promise<void>;
}

/**
 * The whole app on 127.0.0.1 and a free port, with the demo seed (searchable), on a
 * fresh table of the given DynamoDB Local. The base URL is known only once
 * the port is, so the app is built after listening, behind a late-bound fetch.
 */
export async function startPlatform(endpoint: string): Promise<RunningPlatform> {
  const tableName = `web-${randomUUID()}`;
  await createTable(new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }), tableName);
  const app: { fetch?: (req: Request) => Response | Promise<Response> } = {};
  let server: ReturnType<typeof serve> | undefined;
  const info = await new Promise<AddressInfo>((resolve) => {
    server = serve({ fetch: (req: Request) => (app.fetch ? app.fetch(req) : new Response('starting', { status: 503 })), hostname: '127.0.0.1', port: 0 }, resolve);
  });
  const baseUrl = `http://127.0.0.1:${info.port}`;
  const local = localApiDeps({ endpoint, tableName, baseUrl, logger: silentLogger });
  let held: Promise<void> | undefined;
  const email = { sendEmail: local.email.sendEmail, sendBulkEmail: async (bulk: BulkEmail) => (await held, local.email.sendBulkEmail(bulk)) };
  const deps: LocalApiDeps = { ...local, email };
  const demo = await seedDemo(deps, baseUrl);
  // As npm start does: the seed bypassed the stream, so search is built from the table once.
  await rebuildSearchIndex(deps);
  app.fetch = createApp(deps).app.fetch;
  // The whole platform: the stream poller, the bus and the delivery workers too, so alerts are really sent.
  const runtime = await startLocalRuntime({ deps, endpoint, tableName, schedules: false });
  const holdEmail = () => {
    let release = () => {};
    held = new Promise<void>((resolve) => (release = resolve));
    return () => {
      held = undefined;
      release();
    };
  };
  const stop = async () => {
    await runtime.stop();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  };
  return { baseUrl, demo, outbox: deps.outbox!, deps, holdEmail, stop };
}

/** `exclude`: selectors axe leaves out, e.g. a sandboxed frame that runs no scripts, where axe cannot run either. */
export async function expectNoSeriousViolations(page: Page, what: string, exclude: string[] = []): Promise<void> {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
  for (const selector of exclude) builder.exclude(selector);
  const results = await builder.analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${what}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe on ${what}`,
  ).toEqual([]);
}

/** Calls the platform's API with a key, expects a 2xx answer and returns its JSON body. */
export async function callApi(baseUrl: string, method: string, path: string, key: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
}

/** Clicks something that navigates, and waits for the next page to load. */
export async function go(page: Page, target: Locator): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), target.click()]);
}

/** The trimmed text of the first match, once it exists. */
export async function text(target: Locator): Promise<string> {
  const first = target.first();
  await first.waitFor();
  return ((await first.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

export interface OutboxItem {
  to: string;
  subject?: string;
  text: string;
}

/** The local outbox, newest first. */
export async function outbox(baseUrl: string): Promise<OutboxItem[]> {
  return (await (await fetch(`${baseUrl}/v1/dev/outbox`)).json()) as OutboxItem[];
}

/** An option the country picker's combobox offers (not one of another select on the page). */
export function countryOption(page: Page, name: string): Locator {
  return page.getByRole('listbox', { name: /^Add (a|another) country$/ }).getByRole('option', { name, exact: true });
}

/**
 * Chooses a country in the country picker as a person does with JavaScript:
 * types into the combobox, then clicks the option it offers.
 */
export async function chooseCountry(page: Page, typed: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: /^Add (a|another) country$/ }).fill(typed);
  await countryOption(page, option).click();
  await page.getByRole('list', { name: /^Chosen / }).getByText(option, { exact: true }).waitFor();
}

/** Signs in through the form and the link in the outbox, as a person would. */
export async function signIn(page: Page, email: string, baseUrl: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await go(page, page.getByRole('button', { name: 'Send me a sign-in link' }));
  expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Check your email');
  const message = (await outbox(baseUrl)).find((m) => m.to === email && m.subject === 'Your Outpost sign-in link');
  const link = /(http\S+\/sign-in\/callback\?\S+)/.exec(message?.text ?? '')?.[1];
  expect(link).toBeTruthy();
  // The link opens a page naming the account; its button signs in.
  await page.goto(link!);
  await go(page, page.getByRole('button', { name: /^Sign in as / }));
}

/** What a browser test's context may set: JavaScript on or off, the viewport. */
export type ContextOptions = Pick<NonNullable<Parameters<Browser['newContext']>[0]>, 'javaScriptEnabled' | 'viewport'>;

/** One running platform and one Chromium, shared by the tests of a file. */
export interface BrowserSuite {
  readonly platform: RunningPlatform;
  /** A fresh browser context on the platform, with short timeouts. */
  newContext(options?: ContextOptions): Promise<BrowserContext>;
}

/** Starts the platform and Chromium before the file's tests and stops both after them. */
export function useBrowserSuite(): BrowserSuite {
  let platform: RunningPlatform | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    platform = await startPlatform(inject('dynamoEndpoint'));
    browser = await launchChromium();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });
  const started = () => {
    if (!platform || !browser) throw new Error('The browser suite has not started: use it inside tests.');
    return { platform, browser };
  };
  return {
    get platform() {
      return started().platform;
    },
    async newContext(options = {}) {
      const { platform: running, browser: chromium } = started();
      const context = await chromium.newContext({ baseURL: running.baseUrl, ...options });
      context.setDefaultTimeout(10_000);
      return context;
    },
  };
}
