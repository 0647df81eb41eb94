import { PUBLIC } from '../../functions/http/access';
import type { Router } from '../../functions/http/router';
import { answerByLink, previewResponse } from '../../shared/services/answer-safety-check';
import { previewStopAlerts, stopTravelerAlerts } from '../../shared/services/stop-traveler-alerts';
import { boundedToken, linkHeaders, linkProblem } from './link-pages';
import { sendPage } from './respond';
import { SafetyResponsePage, StopAlertsPage } from './safety-response';

/**
 * The pages a traveler opens from messages, with no sign-in (the token or
 * code in the link is the credential): the safety-check answer page
 * (`/r/<token>`) and the stop page of traveler alerts (`/t/<code>`). As
 * every link page, a GET shows and only a button's POST acts, so a mail
 * scanner following the link answers nothing.
 */
export function safetyResponseRoutes(router: Router): void {
  router.on('GET', '/r/:token', PUBLIC, async (c) => {
    linkHeaders(c);
    const token = boundedToken(c.req.param('token')) ?? '';
    try {
      return await sendPage(c, <SafetyResponsePage view={await previewResponse(c.var.deps, token)} token={token} />, { noStore: true });
    } catch (error) {
      return linkProblem(c, error);
    }
  });

  router.on('POST', '/r/:token', PUBLIC, async (c) => {
    linkHeaders(c);
    const token = boundedToken(c.req.param('token')) ?? '';
    const body = await c.req.parseBody();
    const answer = body.answer === 'need-help' ? 'need-help' : body.answer === 'safe' ? 'safe' : undefined;
    try {
      if (!answer) return await sendPage(c, <SafetyResponsePage view={await previewResponse(c.var.deps, token)} token={token} />, { status: 400, noStore: true });
      return await sendPage(c, <SafetyResponsePage view={await answerByLink(c.var.deps, token, answer)} token={token} answered />, { noStore: true });
    } catch (error) {
      return linkProblem(c, error);
    }
  });

  router.on('GET', '/t/:code', PUBLIC, async (c) => {
    linkHeaders(c);
    const code = c.req.param('code') ?? '';
    try {
      const { orgName, stopped } = await previewStopAlerts(c.var.deps, code);
      return await sendPage(c, <StopAlertsPage code={code} orgName={orgName} stopped={stopped} />, { noStore: true });
    } catch (error) {
      return linkProblem(c, error);
    }
  });

  // RFC 8058: a mailbox provider posts the List-Unsubscribe one-click here from its own servers.
  router.on('POST', '/t/:code', PUBLIC, async (c) => {
    linkHeaders(c);
    const code = c.req.param('code') ?? '';
    try {
      const { orgName } = await stopTravelerAlerts(c.var.deps, code);
      return await sendPage(c, <StopAlertsPage code={code} orgName={orgName} stopped />, { noStore: true });
    } catch (error) {
      return linkProblem(c, error);
    }
  });
}
