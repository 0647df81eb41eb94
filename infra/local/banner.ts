import type { DemoCredentials } from './seed';

/** What the start-up banner reports. */
export interface BannerInput {
  baseUrl: string;
  demo: Pick<DemoCredentials, 'keys' | 'users'>;
  /** Where the data lives: `undefined` for in memory, else the --persist directory. */
  dataDir: string | undefined;
  /** Where the demo credentials were written. */
  demoFile: string;
  seconds: string;
}

/**
 * The text `npm start` prints once the port accepts connections: where to
 * click first (the pages, with the outbox that stands in for everyone's
 * inbox), the API, and the demo people and keys.
 */
export function startBanner({ baseUrl, demo, dataDir, demoFile, seconds }: BannerInput): string {
  const roles = ['publisher', 'approver', 'member', 'admin'] as const;
  const width = Math.max(...roles.map((role) => demo.users[role].length));
  return `
Outpost is running (${dataDir ? `data kept in ${dataDir}/` : 'in memory'}; ready in ${seconds} s)

  Home      ${baseUrl}/
  Sign in   ${baseUrl}/sign-in      with a demo user's email below
  Outbox    ${baseUrl}/dev/outbox   sign-in links, confirmations and alerts land here
  Console   ${baseUrl}/console      publishers
  Portal    ${baseUrl}/portal       members

  API       ${baseUrl}/v1/health
  API docs  ${baseUrl}/docs
  Items     ${baseUrl}/v1/publications

Demo users and API keys (local mode only; also in ${demoFile}):
${roles.map((role) => `  ${role.padEnd(10)} ${demo.users[role].padEnd(width)}   ${demo.keys[role]}`).join('\n')}

To sign in: open ${baseUrl}/sign-in, enter a user's email, then open the link from ${baseUrl}/dev/outbox and press "Sign in as …".

Press Ctrl-C to stop.
`;
}
