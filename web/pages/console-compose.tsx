import type { PublicationContent } from '../../shared/domain/publication-content';
import type { Kind } from '../../shared/domain/publication-kind';
import { Layout } from '../components/layout';
import { PublicationArticle } from './publication';

/** The compose or edit page around the form, with the preview when asked for; a refused form's title starts with "Error:". */
export function ComposePage({ heading, kind, failed, children }: { heading: string; kind: Kind; failed?: boolean; children?: unknown }) {
  return (
    <Layout title={failed ? `Error: ${heading}` : heading} current="/console" scripts={kind === 'travel-advisory' ? ['country-picker', 'place-picker', 'advisory-check'] : ['country-picker', 'place-picker']}>
      <p class="breadcrumb">
        <a href="/console">Console</a>
      </p>
      <h1>{heading}</h1>
      {children as never}
    </Layout>
  );
}

/** Content that passed every check saving makes, rendered with the public page's own template. */
export function ContentPreview({ content }: { content: PublicationContent }) {
  return (
    <section class="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">Preview: as it will be published</h2>
      <p class="meta">This passed every check that saving makes. Nothing is saved until you choose to save.</p>
      <div class="preview-frame">
        <PublicationArticle content={content} titleAs="p" />
      </div>
    </section>
  );
}
