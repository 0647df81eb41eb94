import type { ApiKeyRecord } from '../../shared/domain/api-key';
import type { DeliveryHealth } from '../../shared/domain/delivery-health';
import { countryName } from '../../shared/domain/country';
import type { Version } from '../../shared/domain/publication';
import { KIND_LABELS } from '../../shared/domain/publication-kind';
import type { Subscription } from '../../shared/domain/subscription';
import { CsrfField } from '../components/account';
import { ChoiceGroup, ErrorSummary, TextField, type FieldErrors } from '../components/form';
import { Time } from '../components/format';
import { Layout } from '../components/layout';
import { AddSubscriptionForm, SubscriptionTable, WebhookSecretBox, type OrganizationSite } from './portal-subscriptions';
import type { FormValues } from './publication-form';

export interface PortalProps {
  orgName: string;
  personName: string;
  membersOnly: readonly Version[];
  subscriptions: readonly Subscription[] | undefined;
  /** Delivery health by subscription id; a subscription with nothing delivered yet is absent. */
  health?: ReadonlyMap<string, DeliveryHealth>;
  keys: readonly Omit<ApiKeyRecord, 'hash'>[];
  /** A key just created: its secret, shown this once. */
  created?: { name: string; key: string } | undefined;
  keyErrors?: FieldErrors;
  keyName?: string;
  notice?: string | undefined;
  /** The add-subscription form's values and errors (the member's own address filled in when fresh). */
  subscriptionForm: { values: FormValues; errors: FieldErrors };
  /** A webhook just added: its secret, shown this once. */
  createdWebhook?: { url: string; secret: string } | undefined;
  /** The organization's sites, for subscriptions that watch them. */
  sites: readonly OrganizationSite[];
  local: boolean;
}

/** The member portal: members-only content, the organization's subscriptions and the person's API keys. */
export function PortalPage({ orgName, personName, membersOnly, subscriptions, health = new Map(), keys, created, keyErrors = {}, keyName, notice, subscriptionForm, createdWebhook, sites, local }: PortalProps) {
  return (
    <Layout title={Object.keys(subscriptionForm.errors).length || Object.keys(keyErrors).length ? 'Error: Member portal' : 'Member portal'} current="/portal" scripts={['country-picker']}>
      <h1>Member portal</h1>
      <p class="lead">{`${personName}, ${orgName}`}</p>
      <p>
        <a href="/portal/travelers">Travelers and safety checks</a>: who of your people is where, and whether they are safe.
      </p>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {createdWebhook ? <WebhookSecretBox {...createdWebhook} /> : null}
      {created ? (
        <div class="secret-box" role="status">
          <h2>{`Your new API key “${created.name}”`}</h2>
          <p>Copy it now: this is the only time Outpost shows it. Send it as <code>Authorization: Bearer &lt;key&gt;</code>.</p>
          <p>
            <label for="new-key">API key</label>
            <input id="new-key" class="secret" type="text" readonly value={created.key} />
          </p>
        </div>
      ) : null}

      <section aria-labelledby="members-title">
        <h2 id="members-title">Members-only content</h2>
        <p>TLP:GREEN items for every member organization, and TLP:AMBER items shared with yours. Do not share them further than their label allows.</p>
        {membersOnly.length === 0 ? (
          <p class="meta">There is no members-only content for your organization right now.</p>
        ) : (
          <ul class="items">
            {membersOnly.map((v) => (
              <li>
                <span class="kind">{`${KIND_LABELS[v.content.kind]} · ${v.content.sharing}`}</span>
                <h3>
                  <a href={`/publications/${v.id}`}>{v.content.title}</a>
                </h3>
                <p class="meta">
                  {v.content.countries.map((c) => countryName(c) ?? c).join(', ')} · <Time iso={v.publishedAt} />
                </p>
                <p>{v.content.summary}</p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="subs-title">
        <h2 id="subs-title">Your organization’s subscriptions and webhooks</h2>
        {subscriptions === undefined ? (
          <p>Subscriptions are not available in this installation yet.</p>
        ) : subscriptions.length === 0 ? (
          <p class="meta">None yet: add one below.</p>
        ) : (
          <SubscriptionTable subscriptions={subscriptions} health={health} />
        )}
        <p class="meta">
          Delivery health says how the latest deliveries to a subscription went: “Retrying” while another attempt is due, “Gave up after … attempts” once the last retry failed, “Refused” when the receiver refused for good, each with the last reason. “Paused” means someone in your organization paused it; “Stopped by Outpost” means deliveries stopped because of bounces, complaints, a STOP reply or a failing webhook.
        </p>
        {subscriptions === undefined ? null : <AddSubscriptionForm values={subscriptionForm.values} errors={subscriptionForm.errors} sites={sites} local={local} />}
      </section>

      <section aria-labelledby="keys-title">
        <h2 id="keys-title">API keys</h2>
        {keys.length === 0 ? (
          <p class="meta">You have no API keys.</p>
        ) : (
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Starts with</th>
                  <th scope="col">Scopes</th>
                  <th scope="col">Created</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {keys.map((k) => (
                  <tr>
                    <th scope="row">{k.name}</th>
                    <td>
                      <code>{k.prefix}</code>
                    </td>
                    <td>{k.scopes.join(', ')}</td>
                    <td>
                      <Time iso={k.createdAt} />
                    </td>
                    <td>
                      {k.revokedAt ? (
                        <>
                          Revoked <Time iso={k.revokedAt} />
                        </>
                      ) : (
                        <form method="post" action={`/portal/keys/${k.keyId}/revoke`} class="inline-form">
                          <CsrfField />
                          <button type="submit" class="button secondary small" aria-label={`Revoke key ${k.name} (${k.prefix})`}>
                            Revoke
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>Create a key</h3>
        <ErrorSummary errors={keyErrors} labels={{ name: 'Key name', scopes: 'Scopes' }} />
        <form method="post" action="/portal/keys" class="stack" novalidate>
          <CsrfField />
          <TextField name="name" label="Key name" required value={keyName} errors={keyErrors.name} hint="What will use it, e.g. “SOC dashboard”." />
          <ChoiceGroup
            name="scopes"
            label="Scopes"
            required
            type="checkbox"
            errors={keyErrors.scopes}
            checked={['read']}
            options={[
              { value: 'read', label: 'read – read publications and your organization’s data' },
              { value: 'write', label: 'write – change things your role allows' },
            ]}
          />
          <button type="submit" class="button">
            Create key
          </button>
        </form>
      </section>
    </Layout>
  );
}
