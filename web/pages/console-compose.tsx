import type { Kind } from '../../shared/domain/publication-kind';
import { Layout } from '../components/layout';

/** The compose or edit page around the form, with the preview when asked for. */
export function ComposePage({ heading, children }: { heading: string; kind: Kind; children?: unknown }) {
  return (
    <Layout title={heading} current="/console" scripts={['country-picker']}>
      <p class="breadcrumb">
        <a href="/console">Console</a>
      </p>
      <h1>{heading}</h1>
      {children as never}
    </Layout>
  );
}
