import { PUBLIC } from '../../functions/http/access';
import type { Router } from '../../functions/http/router';
import { NotFoundError } from '../../shared/errors';
import { erasePersonalData } from '../../shared/services/erase-personal-data';
import { exportPersonalData } from '../../shared/services/export-personal-data';
import { holdsAnything, loadPersonalData } from '../../shared/services/load-personal-data';
import { boundedToken, linkHeaders, linkProblem, postedToken } from './link-pages';
import { PersonalDataErasedPage, PersonalDataExportPage, PersonalDataPage } from './personal-data';
import { sendPage } from './respond';

/** The page a personal-data link opens (FIPPs: individual participation), and its two buttons' actions. */
export function personalDataRoutes(router: Router): void {
  router.on('GET', '/personal-data', PUBLIC, async (c) => {
    linkHeaders(c);
    const token = c.req.query('token') ?? '';
    try {
      // Checks the link without reading anything out or recording an export.
      const held = await loadPersonalData(c.var.deps, boundedToken(token));
      if (!held || !holdsAnything(held)) return await sendPage(c, <PersonalDataErasedPage />, { noStore: true });
      return await sendPage(c, <PersonalDataPage token={token} />, { noStore: true });
    } catch (error) {
      return linkProblem(c, error);
    }
  });

  router.on('POST', '/personal-data/export', PUBLIC, async (c) => {
    linkHeaders(c);
    const token = await postedToken(c);
    try {
      return await sendPage(c, <PersonalDataExportPage data={await exportPersonalData(c.var.deps, token)} token={token ?? ''} />, { noStore: true });
    } catch (error) {
      if (error instanceof NotFoundError) return sendPage(c, <PersonalDataErasedPage />, { noStore: true });
      return linkProblem(c, error);
    }
  });

  router.on('POST', '/personal-data/erase', PUBLIC, async (c) => {
    linkHeaders(c);
    try {
      const result = await erasePersonalData(c.var.deps, await postedToken(c));
      return await sendPage(c, <PersonalDataErasedPage result={result} />, { noStore: true });
    } catch (error) {
      return linkProblem(c, error);
    }
  });
}
