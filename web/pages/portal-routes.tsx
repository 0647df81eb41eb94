import type { Context } from 'hono';
import { AUTHENTICATED, PUBLIC } from '../../functions/http/access';
import type { AppEnv } from '../../functions/http/env';
import { actor } from '../../functions/http/middleware/auth';
import type { Router } from '../../functions/http/router';
import { describeKey } from '../../shared/domain/api-key';
import type { Version } from '../../shared/domain/publication';
import { NotFoundError, ValidationError } from '../../shared/errors';
import { createApiKey, listApiKeys, revokeApiKey } from '../../shared/services/api-keys';
import { listSites } from '../../shared/services/list-sites';
import { listSubscriptions } from '../../shared/services/list-subscriptions';
import { readAccount } from '../../shared/services/read-account';
import { readDeliveryHealth } from '../../shared/services/read-delivery-health';
import { listPublications } from '../../shared/services/read-publications';
import { groupIssues } from '../components/form';
import { RevokeKeyConfirmPage } from './key-revoke-confirm';
import { PortalPage, type PortalProps } from './portal';
import { formValues } from './publication-form';
import { sendPage } from './respond';

const NOTICES: Record<string, string> = {
  revoked: 'The key was revoked. Requests with it now fail.',
  updated: 'The subscription’s changes are saved.',
  paused: 'The subscription is paused: nothing is sent to it until you resume it.',
  resumed: 'The subscription is active again.',
  deleted: 'The subscription is deleted.',
};

/**
 * Everything the portal shows for the signed-in person; the add-subscription
 * form as given, or fresh with their own email address filled in.
 */
export async function portalData(c: Context<AppEnv>, subscriptionForm?: PortalProps['subscriptionForm']): Promise<Omit<PortalProps, 'created' | 'keyErrors' | 'keyName' | 'notice'>> {
  const who = actor(c);
  const deps = c.var.deps;
  const [account, recent, keys, subscriptions, sites] = await Promise.all([
    readAccount(deps, who),
    listPublications(deps, c.var.viewer, { limit: 100 }),
    listApiKeys(deps, who),
    listSubscriptions(deps, who, 50).then((p) => p.items),
    listSites(deps, who),
  ]);
  const health = await readDeliveryHealth(deps, subscriptions);
  const membersOnly: Version[] = recent.items.filter((v) => v.content.sharing !== 'TLP:CLEAR').slice(0, 20);
  return {
    orgName: account.organization?.name ?? '',
    personName: account.person?.name ?? '',
    membersOnly,
    subscriptions,
    health,
    keys: keys.map(describeKey),
    subscriptionForm: subscriptionForm ?? { values: { email: account.person?.email ?? '' }, errors: {} },
    sites,
    local: deps.config.mode === 'local',
  };
}

/** The member portal: members-only content, subscriptions, and API keys (create shows the secret once; revoke). */
export function portalRoutes(router: Router): void {
  router.on('GET', '/portal', PUBLIC, async (c) => {
    if (c.var.viewer.kind === 'anonymous') return c.redirect('/sign-in?next=%2Fportal', 303);
    return sendPage(c, <PortalPage {...await portalData(c)} notice={NOTICES[c.req.query('done') ?? '']} />, { scripts: true });
  });

  router.on('POST', '/portal/keys', AUTHENTICATED, async (c) => {
    const values = formValues(await c.req.parseBody({ all: true }));
    const name = typeof values.name === 'string' ? values.name : '';
    const scopes = Array.isArray(values.scopes) ? values.scopes : values.scopes ? [values.scopes] : [];
    try {
      const { key, record } = await createApiKey(c.var.deps, actor(c), { name, scopes });
      // The secret is in this response only: never cached, never redirected through a URL.
      return sendPage(c, <PortalPage {...await portalData(c)} created={{ name: record.name, key }} />, { status: 201, scripts: true });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return sendPage(c, <PortalPage {...await portalData(c)} keyErrors={groupIssues(error.issues, new Set(['name', 'scopes']))} keyName={name} />, { status: 422, scripts: true });
    }
  });

  router.on('POST', '/portal/keys/:keyId/revoke', AUTHENTICATED, async (c) => {
    const keyId = c.req.param('keyId') ?? '';
    if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(keyId)) throw new NotFoundError('API key');
    if (formValues(await c.req.parseBody()).confirm !== 'yes') {
      const key = (await listApiKeys(c.var.deps, actor(c))).find((k) => k.keyId === keyId && !k.revokedAt);
      if (!key) throw new NotFoundError('API key');
      return sendPage(c, <RevokeKeyConfirmPage keyId={keyId} name={key.name} prefix={key.prefix} />);
    }
    await revokeApiKey(c.var.deps, actor(c), keyId);
    return c.redirect('/portal?done=revoked', 303);
  });
}
