import { KIND_LABELS, KindSchema, needsApproval } from '../../shared/domain/publication-kind';
import { Layout } from '../components/layout';

/** The first step of composing: choose a kind. A plain GET form, so it works without JavaScript. */
export function ChooseKindPage() {
  return (
    <Layout title="Compose: choose a kind" current="/console">
      <h1>Compose a publication</h1>
      <form method="get" action="/console/new" class="stack">
        <fieldset class="field choices">
          <legend>What are you publishing?</legend>
          <div class="choice-list">
            {KindSchema.options.map((kind, i) => (
              <div class="choice">
                <input type="radio" id={`kind-${kind}`} name="kind" value={kind} checked={i === 1} />
                <label for={`kind-${kind}`}>
                  {KIND_LABELS[kind]}
                  {needsApproval(kind) ? ' (needs a second publisher’s approval)' : ''}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <button type="submit" class="button">
          Continue
        </button>
      </form>
    </Layout>
  );
}
