import { Layout } from '../components/layout';

/** The HTML 404 for pages, so a browser gets a page rather than problem JSON. */
export function NotFoundPage({ what }: { what: string }) {
  return (
    <Layout title="Page not found">
      <h1>Page not found</h1>
      <p>{`We could not find ${what}. It may have been removed, or it may not be shared with you.`}</p>
      <p>
        Go to the <a href="/">home page</a> or <a href="/countries">find a country</a>.
      </p>
    </Layout>
  );
}
