import type { PageErrors } from '../../http/compose-app';
import { pageErrorResponse, pageNotFoundResponse } from '../../../web/pages/error-pages';

/** HTML error and not-found pages, for every surface that serves pages. */
export const PAGE_ERRORS: PageErrors = { error: pageErrorResponse, notFound: pageNotFoundResponse };
