import { useContext, type Child } from 'hono/jsx';
import { FEED_FORMAT_NAMES, FEED_FORMATS } from '../../shared/formats/feed-formats';
import { PAGE_SCRIPTS, type PageScriptName } from '../assets/page-scripts';
import { SITE_CSS_URL } from '../assets/site-css';
import type { Role } from '../../shared/domain/sharing';
import { AccountBar, ViewerRoleContext } from './account';

/** A feed or other representation of the page, announced in `<head>`. */
export interface Alternate {
  type: string;
  href: string;
  title: string;
}

export interface LayoutProps {
  /** The document title; " – Outpost" is appended. */
  title: string;
  /** The nav entry to mark as the current page. */
  current?: '/' | '/subscribe' | '/portal' | '/console';
  alternates?: Alternate[];
  /** Scripts that enhance this page (it works without them); the page must be sent with `scripts: true`. */
  scripts?: PageScriptName[];
  /** Without JavaScript, reload the page every this many seconds (a page that shows something in progress). */
  refreshWithoutScriptSeconds?: number;
  children?: Child;
}

/** The site navigation; the portal and the console only for those signed in who may use them (others get "Sign in"). */
const NAV: { href: NonNullable<LayoutProps['current']>; label: string; shows: (role: Role | undefined) => boolean }[] = [
  { href: '/', label: 'Home', shows: () => true },
  { href: '/subscribe', label: 'Subscribe', shows: () => true },
  { href: '/portal', label: 'Portal', shows: (role) => role !== undefined },
  { href: '/console', label: 'Console', shows: (role) => role === 'publisher' },
];

/**
 * Every page's frame: skip link, header with the site navigation and a
 * search box (it submits to `/search`), one
 * `<main id="main">` for the page's own content (which brings its one h1),
 * and a footer. Styles come from the site stylesheet only, and scripts (the
 * search page's) from files of our own, so pages run under a CSP without
 * 'unsafe-inline'.
 */
export function Layout({ title, current, alternates = [], scripts = [], refreshWithoutScriptSeconds, children }: LayoutProps) {
  const role = useContext(ViewerRoleContext);
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – Outpost`}</title>
        <link rel="stylesheet" href={SITE_CSS_URL} />
        {alternates.map((a) => (
          <link rel="alternate" type={a.type} href={a.href} title={a.title} />
        ))}
        {scripts.map((name) => (
          <script src={PAGE_SCRIPTS[name].url} defer />
        ))}
        {refreshWithoutScriptSeconds ? (
          <noscript>
            <meta http-equiv="refresh" content={String(refreshWithoutScriptSeconds)} />
          </noscript>
        ) : null}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to main content
        </a>
        <header class="site-header">
          <div class="wrap">
            <a class="site-name" href="/">
              Outpost
            </a>
            <nav class="site-nav" aria-label="Site">
              <ul>
                {NAV.filter((item) => item.shows(role)).map((item) => (
                  <li>
                    <a href={item.href} aria-current={item.href === current ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <form class="site-search" method="get" action="/search" role="search" aria-label="Site search">
              <label for="site-search-q" class="visually-hidden">
                Search Outpost
              </label>
              <input id="site-search-q" name="q" type="search" autocomplete="off" maxlength={200} />
              <button type="submit">Search</button>
            </form>
            <AccountBar />
          </div>
        </header>
        <main id="main" class="wrap" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>
              Outpost publishes travel advisories, security alerts and reports for people and organizations operating abroad. Public content is also available as{' '}
              {FEED_FORMAT_NAMES.map((format, i) => (
                <>
                  {i === 0 ? '' : i === FEED_FORMAT_NAMES.length - 1 ? ' and ' : ', '}
                  <a href={`/feeds/all.${format}`}>{FEED_FORMATS[format].label}</a>
                </>
              ))}{' '}
              feeds and through the <a href="/v1/publications">JSON API</a>.
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
