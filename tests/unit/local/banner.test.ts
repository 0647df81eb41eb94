import { describe, expect, it } from 'vitest';
import { startBanner } from '../../../infra/local/banner';

const demo = {
  keys: { admin: 'op_admin_k', publisher: 'op_pub_k', approver: 'op_apr_k', member: 'op_mem_k' },
  users: { publisher: 'pub@state.example', approver: 'apr@state.example', member: 'mem@acme.example', admin: 'admin@state.example' },
};

describe('the npm start banner', () => {
  const text = startBanner({ baseUrl: 'http://127.0.0.1:3999', demo, dataDir: undefined, demoFile: '.data/demo.json', seconds: '4.2' });

  it('names the home page, sign-in, the outbox, the console and the portal with their URLs', () => {
    for (const [label, url] of [
      ['Home', 'http://127.0.0.1:3999/'],
      ['Sign in', 'http://127.0.0.1:3999/sign-in'],
      ['Outbox', 'http://127.0.0.1:3999/dev/outbox'],
      ['Console', 'http://127.0.0.1:3999/console'],
      ['Portal', 'http://127.0.0.1:3999/portal'],
    ]) {
      expect(text).toMatch(new RegExp(`^  ${label} +${url!.replace(/[./]/g, '\\$&')}(\\s|$)`, 'm'));
    }
  });

  it('lists every demo user with their email and key, and where they were written', () => {
    for (const role of ['publisher', 'approver', 'member', 'admin'] as const) {
      expect(text).toMatch(new RegExp(`^  ${role} +${demo.users[role]} +${demo.keys[role]}$`, 'm'));
    }
    expect(text).toContain('.data/demo.json');
  });

  it('keeps the line tools wait for, and says where the data lives', () => {
    expect(text).toContain('Outpost is running (in memory; ready in 4.2 s)');
    expect(startBanner({ baseUrl: 'http://127.0.0.1:3999', demo, dataDir: '.data', demoFile: '.data/demo.json', seconds: '1.0' })).toContain('Outpost is running (data kept in .data/;');
  });
});
