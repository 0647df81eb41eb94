import { beforeAll, describe, expect, it } from 'vitest';
import { PUBLICATION_LIST_QUERY } from '../../functions/api/routes/publications';
import { SESSION_COOKIE as RUNTIME_SESSION_COOKIE } from '../../functions/http/middleware/session';
import { ORIGIN_SECRET_HEADER } from '../../functions/http/origin-guard';
import { ORIGIN_SECRET_HEADER_NAME } from '../../infra/aws/constructs/edge';
import { SESSION_COOKIE } from '../../infra/aws/constructs/edge-behaviours';
import { routeTarget, samplePath } from '../support/api-gateway-routes';
import { makeHarness, type Harness } from '../support/harness';
import { functions, topology } from '../../shared/topology';
import { resources, synthOutpost } from './stack';

/**
 * CloudFront is the only way to the origin, and it caches what the routes
 * allow: the pages of people never, public reads keyed on the query
 * parameters they read (and the session cookie or Authorization).
 */
const { stack, template } = synthOutpost();
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';

interface CloudFrontBehaviour {
  PathPattern?: string;
  CachePolicyId: unknown;
  OriginRequestPolicyId: unknown;
  AllowedMethods: string[];
}

const distribution = () => Object.values(resources(template, 'AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
const policyOf = (type: string, ref: unknown) => (typeof ref === 'object' && ref && 'Ref' in ref ? resources(template, type)[(ref as { Ref: string }).Ref]!.Properties : undefined);
const cacheKey = (b: CloudFrontBehaviour) => policyOf('AWS::CloudFront::CachePolicy', b.CachePolicyId)?.CachePolicyConfig;
const forwarded = (b: CloudFrontBehaviour) => policyOf('AWS::CloudFront::OriginRequestPolicy', b.OriginRequestPolicyId)!.OriginRequestPolicyConfig;

/** The behaviour CloudFront applies to a path: the first pattern that matches (`*` any run of characters), else the default. */
function behaviourFor(path: string): CloudFrontBehaviour {
  const config = distribution();
  const match = (config.CacheBehaviors as CloudFrontBehaviour[]).find((b) => new RegExp(`^${b.PathPattern!.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(path));
  return match ?? (config.DefaultCacheBehavior as CloudFrontBehaviour);
}

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});

describe('the origin, only behind CloudFront', () => {
  it('sends the origin secret, resolved from Secrets Manager at deploy, with every request CloudFront forwards', () => {
    const secretId = Object.keys(resources(template, 'AWS::SecretsManager::Secret')).find((id) => id.startsWith('OriginSecret'))!;
    const [origin] = distribution().Origins as { CustomOriginConfig: unknown; OriginCustomHeaders: { HeaderName: string; HeaderValue: unknown }[] }[];
    expect(distribution().Origins).toHaveLength(1);
    expect(origin!.OriginCustomHeaders).toEqual([{ HeaderName: ORIGIN_SECRET_HEADER_NAME, HeaderValue: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']] } }]);
    expect(ORIGIN_SECRET_HEADER_NAME.toLowerCase()).toBe(ORIGIN_SECRET_HEADER);
  });

  it('leaves no route of the HTTP API to a function that does not check the secret', () => {
    const lambdas = resources(template, 'AWS::Lambda::Function');
    const integrations = Object.values(resources(template, 'AWS::ApiGatewayV2::Integration'));
    expect(integrations.length).toBe(3);
    for (const integration of integrations) {
      const fnId = JSON.stringify(integration.Properties.IntegrationUri).match(/"Fn::GetAtt":\["([A-Za-z0-9]+)","Arn"\]/)![1]!;
      expect(lambdas[fnId]!.Properties.Environment.Variables.ORIGIN_SECRET_ARN, fnId).toEqual({ Ref: expect.stringMatching(/^OriginSecret/) });
    }
  });

  it('publishes no address of the API but CloudFront', () => {
    const outputs = JSON.stringify(template.toJSON().Outputs);
    expect(outputs).not.toContain('execute-api');
    const apiId = Object.keys(resources(template, 'AWS::ApiGatewayV2::Api'))[0]!;
    expect(outputs).not.toContain(apiId);
  });

  it('rotates the secret every 30 days with its own function, never at deploy time', () => {
    const rotation = Object.values(resources(template, 'AWS::SecretsManager::RotationSchedule'))[0]!.Properties;
    expect(rotation).toMatchObject({ RotationRules: { ScheduleExpression: 'rate(30 days)' }, RotateImmediatelyOnUpdate: false });
    expect(rotation.RotationLambdaARN).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(stack.functions.RotateOriginSecret!.function.node.defaultChild as never), 'Arn'] });
    expect(stack.functions.RotateOriginSecret!.spec).toBe(functions.rotateOriginSecret);
  });

  it('reaches the API over TLS 1.2 only and logs access', () => {
    expect(distribution().Origins[0].CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(distribution().Logging.Bucket).toBeDefined();
  });
});

describe('cache behaviours', () => {
  const people = () => h.routes.filter((r) => routeTarget(topology.http, r.method, samplePath(r.path)) === functions.web && !r.path.startsWith('/v1/'));

  it('never caches sign-in, subscribe, manage, unsubscribe, personal data, search, the console or the portal, and lets them have every cookie and query parameter', () => {
    for (const path of ['/sign-in', '/sign-in/callback', '/sign-out', '/subscribe', '/subscribe/confirm', '/subscribe/manage', '/subscribe/unsubscribe', '/u/abc123', '/personal-data', '/personal-data/export', '/search', '/console', '/console/new', '/portal', '/portal/keys']) {
      const b = behaviourFor(path);
      expect(b.CachePolicyId, path).toBe(CACHING_DISABLED);
      expect(forwarded(b), path).toMatchObject({ CookiesConfig: { CookieBehavior: 'all' }, QueryStringsConfig: { QueryStringBehavior: 'all' } });
    }
    expect(people().length).toBeGreaterThan(10);
    for (const route of people()) expect(behaviourFor(samplePath(route.path)).CachePolicyId, `${route.method} ${route.path}`).toBe(CACHING_DISABLED);
  });

  it('keys public pages on the session cookie, so a signed-in reader never shares an entry with anyone', () => {
    expect(SESSION_COOKIE).toBe(`__Host-${RUNTIME_SESSION_COOKIE}`);
    for (const path of ['/', '/countries', '/countries/KE', '/publications/01JABCDEFGHJKMNPQRSTVWXYZ0']) {
      expect(cacheKey(behaviourFor(path))!.ParametersInCacheKeyAndForwardedToOrigin.CookiesConfig, path).toEqual({ CookieBehavior: 'whitelist', Cookies: [SESSION_COOKIE] });
    }
  });

  it('keys the JSON API, feeds and documents on Authorization, so a keyed view never serves an anonymous caller', () => {
    for (const path of ['/v1/publications', '/v1/countries/KE', '/v1/me', '/feeds/all.atom', '/cap/x.xml', '/openapi.json']) {
      expect(cacheKey(behaviourFor(path))!.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig, path).toEqual({ HeaderBehavior: 'whitelist', Headers: ['Authorization'] });
    }
  });

  it('puts only the query parameters each cached path reads in its cache key, so random ones cannot bypass the cache', () => {
    const queryKey = (path: string) => cacheKey(behaviourFor(path))!.ParametersInCacheKeyAndForwardedToOrigin.QueryStringsConfig;
    expect(queryKey('/v1/publications')).toEqual({ QueryStringBehavior: 'whitelist', QueryStrings: PUBLICATION_LIST_QUERY });
    expect(queryKey('/countries')).toEqual({ QueryStringBehavior: 'whitelist', QueryStrings: ['q'] });
    expect(queryKey('/assets/site.css')).toEqual({ QueryStringBehavior: 'whitelist', QueryStrings: ['v'] });
    for (const path of ['/', '/countries/KE', '/publications/x', '/v1/countries', '/feeds/all.rss', '/cap/x.xml', '/docs', '/openapi.json']) expect(queryKey(path), path).toEqual({ QueryStringBehavior: 'none' });
    for (const config of Object.values(resources(template, 'AWS::CloudFront::CachePolicy')).map((p) => p.Properties.CachePolicyConfig)) {
      if (config.MaxTTL > 1) expect(config.ParametersInCacheKeyAndForwardedToOrigin.QueryStringsConfig.QueryStringBehavior, config.Comment).not.toBe('all');
    }
  });

  it('passes the rest of the JSON API through, cached at most a second, with its keys and every query parameter', () => {
    for (const path of ['/v1/me', '/v1/keys', '/v1/audit', '/v1/subscriptions', '/v1/personal-data/requests']) {
      const b = behaviourFor(path);
      expect(cacheKey(b)).toMatchObject({ MaxTTL: 1, ParametersInCacheKeyAndForwardedToOrigin: { QueryStringsConfig: { QueryStringBehavior: 'all' } } });
      expect(b.AllowedMethods).toContain('POST');
    }
  });

  it('forwards CloudFront-Viewer-Address on every behaviour, the one client address the origin trusts', () => {
    for (const b of [distribution().DefaultCacheBehavior, ...distribution().CacheBehaviors] as CloudFrontBehaviour[]) {
      expect(forwarded(b).HeadersConfig.Headers, b.PathPattern ?? '*').toContain('CloudFront-Viewer-Address');
    }
  });

  it('takes writes only on the API and the pages of people', () => {
    for (const path of ['/', '/countries/KE', '/feeds/all.atom']) expect(behaviourFor(path).AllowedMethods, path).toEqual(['GET', 'HEAD']);
    for (const path of ['/v1/publications/x/publish', '/sign-in', '/console/new']) expect(behaviourFor(path).AllowedMethods, path).toContain('POST');
  });
});
