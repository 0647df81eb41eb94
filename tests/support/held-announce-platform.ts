/**
 * `npm start -- --persist` whose announce step never finishes: the stream
 * poller reads the stream as usual, but every batch it hands to the
 * announce handler is held (and `announce held` printed), so nothing is
 * announced and no checkpoint moves. A test can then SIGKILL the platform
 * after a publish has been committed and before it is announced, every
 * time. PORT and DATA_DIR as for `npm start`.
 */
import { startPlatform } from '../../infra/local/platform';

const platform = await startPlatform({
  port: Number(process.env.PORT),
  persist: true,
  dataDir: process.env.DATA_DIR ?? '.data',
  runtime: {
    wrapAnnounce: () => async () => {
      console.log('announce held');
      return new Promise<never>(() => {});
    },
  },
});
console.log(platform.banner);
