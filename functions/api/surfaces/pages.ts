import type { PageSupport } from '../../http/compose-app';
import { sessionCookies } from '../../http/middleware/session';
import { pageErrorResponse, pageNotFoundResponse } from '../../../web/pages/error-pages';

/** HTML error and not-found pages and browser sessions, for every surface that serves pages. */
export const PAGE_SUPPORT: PageSupport = { error: pageErrorResponse, notFound: pageNotFoundResponse, sessionCookies };
