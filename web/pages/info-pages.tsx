import type { Country } from '../../shared/domain/country';
import { Layout } from '../components/layout';

/**
 * Subscribe: what exists today is the feeds, so the page says so and points
 * at them (for one country when `?country=` names it) rather than showing a
 * form that does nothing.
 */
export function SubscribePage({ country }: { country?: Country | undefined }) {
  const scope = country ? `countries/${country.code}` : 'all';
  const what = country ? `publications about ${country.name}` : 'all public publications';
  return (
    <Layout title="Subscribe" current="/subscribe">
      <h1>{country ? `Subscribe to ${country.name}` : 'Subscribe'}</h1>
      <p class="lead">Get travel advisories, security alerts and reports as they are published.</p>
      <p>Sign-up for email and SMS alerts on this page is not available yet. Until it is, you can follow Outpost with a feed reader or another system.</p>
      <h2>Feeds available now</h2>
      <p>{`These feeds carry ${what} (TLP:CLEAR only):`}</p>
      <ul class="links">
        <li>
          <a href={`/feeds/${scope}.atom`}>Atom feed</a>
        </li>
        <li>
          <a href={`/feeds/${scope}.rss`}>RSS feed</a>
        </li>
        <li>
          <a href={`/feeds/${scope}.json`}>JSON Feed</a>
        </li>
      </ul>
      <p>
        Programs can also read the JSON API: <a href={country ? `/v1/countries/${country.code}` : '/v1/publications'}>{country ? `/v1/countries/${country.code}` : '/v1/publications'}</a>.
      </p>
      {country ? null : (
        <p>
          For one country's feeds, open its page from the <a href="/countries">list of countries</a>.
        </p>
      )}
    </Layout>
  );
}

/** Portal: what member organizations can do today, through the API with their key. */
export function PortalPage() {
  return (
    <Layout title="Member portal" current="/portal">
      <h1>Member portal</h1>
      <p class="lead">For security managers of member organizations: members-only content, your organization's API keys and, later, its alert subscriptions.</p>
      <p>Signing in to this page with a one-time email link is not available yet. Everything below works today through the JSON API, with your API key sent as <code>Authorization: Bearer &lt;key&gt;</code>.</p>
      <h2>Available now through the API</h2>
      <dl class="facts">
        <dt>
          <code>GET /v1/publications</code>
        </dt>
        <dd>Publications you may read, including TLP:GREEN items and TLP:AMBER items shared with your organization. Filters: kind, country, region, since.</dd>
        <dt>
          <code>GET /v1/publications/{'{id}'}</code>
        </dt>
        <dd>One publication; its versions at <code>/versions</code>.</dd>
        <dt>
          <code>GET /v1/me</code>
        </dt>
        <dd>Who your key belongs to.</dd>
        <dt>
          <code>GET /v1/keys</code>, <code>POST /v1/keys</code>, <code>DELETE /v1/keys/{'{keyId}'}</code>
        </dt>
        <dd>List, issue and revoke your API keys.</dd>
      </dl>
      <p>Pages here show only public (TLP:CLEAR) content to a browser that is not signed in.</p>
    </Layout>
  );
}

/** Console: what publishers can do today, through the API with their key. */
export function ConsolePage() {
  return (
    <Layout title="Publisher console" current="/console">
      <h1>Publisher console</h1>
      <p class="lead">For analysts of publishing organizations: draft, review, publish, amend and retire content.</p>
      <p>Signing in to this page with a one-time email link is not available yet. The whole publishing workflow works today through the JSON API, with your API key sent as <code>Authorization: Bearer &lt;key&gt;</code>.</p>
      <h2>Available now through the API</h2>
      <dl class="facts">
        <dt>
          <code>GET /v1/workbench</code>
        </dt>
        <dd>Your organization's publications in every state, most recently changed first.</dd>
        <dt>
          <code>POST /v1/publications</code>
        </dt>
        <dd>Create a draft.</dd>
        <dt>
          <code>PATCH /v1/publications/{'{id}'}</code>
        </dt>
        <dd>Edit a draft, or amend a published item with a change note; send <code>If-Match</code>.</dd>
        <dt>
          <code>POST /v1/publications/{'{id}'}/submit</code>, <code>/approve</code>, <code>/publish</code>, <code>/archive</code>
        </dt>
        <dd>Move an item through review. Travel advisories and reports need a second publisher's approval; security alerts may be published by one publisher.</dd>
        <dt>
          <code>GET /v1/audit</code>
        </dt>
        <dd>The audit trail, for administrators.</dd>
      </dl>
    </Layout>
  );
}
