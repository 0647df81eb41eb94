/**
 * The groups of the API reference: every documented route names one or
 * more, and the OpenAPI document describes each. A tag used by a route and
 * missing here fails the typecheck.
 */
export const API_TAGS = {
  Health: 'Whether the service answers',
  Countries: 'Every country with its current advisory level, and one country with its advisory and recent items',
  Publications: 'Published travel advisories, alerts and reports the caller may see, their versions and what changed',
  Workflow: 'Draft, submit, approve, publish, amend, archive',
  Account: 'Who am I, organizations, API keys, audit, workbench',
  Subscriptions: 'Email, SMS and webhook subscriptions: create, list, confirm, unsubscribe',
  'Personal data': 'What Outpost holds for an email address or phone number: ask for it, export it, erase it',
  Deliveries: 'Delivery status of a publication, and the local outbox',
  Search: 'Full-text search over the publications the caller may see',
  Travelers: 'Duty of care: your organization’s travelers and trips, itinerary imports, who is exposed to a publication, and which alerts reach them',
  'Safety checks': 'Ask exposed travelers whether they are safe and watch the answers arrive',
  Feeds: 'RSS 2.0, Atom 1.0, JSON Feed 1.1, CAP 1.2 and iCalendar; TLP:CLEAR only',
} as const;

export type ApiTag = keyof typeof API_TAGS;
