import type { Child } from 'hono/jsx';
import type { OutboxRecord } from '../../shared/ports/messaging';
import { Layout } from '../components/layout';
import { OUTBOX_PATH } from '../components/outbox-notice';

/** "2026-05-04 14:00:07 UTC": messages often go out seconds apart, so seconds count here. */
function sentAt(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** What a message is called in lists and headings: its subject, or the start of an SMS. */
function messageTitle(record: OutboxRecord): string {
  if (record.subject) return record.subject;
  const text = record.text.replace(/\s+/g, ' ').trim();
  return text.length > 60 ? `${text.slice(0, 59)}…` : text || '(empty message)';
}

const CHANNEL_LABELS: Record<OutboxRecord['channel'], string> = { email: 'Email', sms: 'SMS' };

/** The emails and text messages local mode kept instead of sending, newest first. */
export function OutboxPage({ records }: { records: readonly OutboxRecord[] }) {
  return (
    <Layout title="Outbox">
      <h1>Outbox</h1>
      <p class="lead">
        Local mode sends no email or text message. Everything Outpost would have sent — sign-in links, subscription confirmations, alerts — is kept here,
        newest first. Open a message to follow its links.
      </p>
      {records.length === 0 ? (
        <p>
          Nothing has been sent yet. <a href="/sign-in">Ask for a sign-in link</a> or <a href="/subscribe">subscribe to alerts</a>, then come back.
        </p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption>{`${records.length} ${records.length === 1 ? 'message' : 'messages'}`}</caption>
            <thead>
              <tr>
                <th scope="col">Subject or text</th>
                <th scope="col">Channel</th>
                <th scope="col">To</th>
                <th scope="col">Sent</th>
              </tr>
            </thead>
            <tbody>
              {records.map((record) => (
                <tr>
                  <td>
                    <a href={`${OUTBOX_PATH}/${record.id}`}>{messageTitle(record)}</a>
                  </td>
                  <td>{CHANNEL_LABELS[record.channel]}</td>
                  <td>{record.to}</td>
                  <td>
                    <time datetime={record.createdAt}>{sentAt(record.createdAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        Programs can read the same list as JSON at <a href="/v1/dev/outbox">/v1/dev/outbox</a>.
      </p>
    </Layout>
  );
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/g;
/** Sentence punctuation after a URL belongs to the sentence, not the link. */
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

/** Plain text with every http(s) URL in it made a link; everything else stays text (escaped by JSX). */
function linkedText(text: string): Child[] {
  const parts: Child[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, '');
    const start = match.index;
    parts.push(text.slice(last, start), <a href={url}>{url}</a>);
    last = start + url.length;
  }
  parts.push(text.slice(last));
  return parts;
}

/** One message: who it went to and when, its text with working links, and an email's HTML part in a sandboxed frame. */
export function OutboxMessagePage({ record }: { record: OutboxRecord }) {
  const headers = Object.entries(record.headers ?? {});
  return (
    <Layout title={`${messageTitle(record)} (outbox)`}>
      <p class="breadcrumb">
        <a href={OUTBOX_PATH}>Outbox</a>
      </p>
      <h1>{record.channel === 'email' ? messageTitle(record) : 'Text message'}</h1>
      <dl class="facts">
        <dt>Channel</dt>
        <dd>{CHANNEL_LABELS[record.channel]}</dd>
        <dt>To</dt>
        <dd>{record.to}</dd>
        <dt>Sent</dt>
        <dd>
          <time datetime={record.createdAt}>{sentAt(record.createdAt)}</time>
        </dd>
        {headers.map(([name, value]) => (
          <>
            <dt>{name}</dt>
            <dd class="message-header">{value}</dd>
          </>
        ))}
      </dl>
      <h2>{record.channel === 'email' ? 'Plain text' : 'Message'}</h2>
      <pre class="message-text">{linkedText(record.text)}</pre>
      {record.html !== undefined ? (
        <>
          <h2>HTML</h2>
          <p>As a mail program shows it. Its links open in this window; nothing in it can run scripts.</p>
          <iframe
            class="message-html"
            title={`HTML part of “${messageTitle(record)}”`}
            src={`${OUTBOX_PATH}/${record.id}/html`}
            sandbox="allow-top-navigation-by-user-activation allow-popups allow-popups-to-escape-sandbox"
            referrerpolicy="no-referrer"
          />
        </>
      ) : null}
    </Layout>
  );
}

/** Local mode with a real mail server: nothing is kept to show. */
export function OutboxUnavailablePage() {
  return (
    <Layout title="Outbox">
      <h1>Outbox</h1>
      <p>This platform was started without an outbox: its messages go to a real mail server (SMTP_URL is set). Look in that server's mailbox instead.</p>
    </Layout>
  );
}
