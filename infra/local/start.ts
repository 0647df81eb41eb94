import { JavaMissingError } from './dynamodb-local';
import { startPlatform, type RunningPlatform } from './platform';

/**
 * `npm start`: the whole platform on one machine (see `platform.ts`), in
 * memory, or under .data/ with --persist. Prints the URLs and demo
 * credentials once the port accepts connections; Ctrl-C stops everything.
 */
// DATA_DIR moves the --persist data (tests run a platform in a temporary directory); `.data` by default.
const options = {
  port: Number(process.env.PORT ?? 3000),
  persist: process.argv.includes('--persist'),
  dataDir: process.env.DATA_DIR ?? '.data',
  smtpUrl: process.env.SMTP_URL || undefined,
  smtpFrom: process.env.SMTP_FROM || undefined,
};

const platform: Promise<RunningPlatform> = startPlatform(options);
let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping Outpost…`);
  // A signal during start-up waits for it, so DynamoDB Local is never left behind.
  await (await platform.catch(() => undefined))?.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

platform.then(
  (running) => console.log(running.banner),
  (error: unknown) => {
    if (error instanceof JavaMissingError) console.error(error.message);
    else console.error(error);
    process.exit(1);
  },
);
