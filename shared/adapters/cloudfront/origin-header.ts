import { GetDistributionConfigCommand, UpdateDistributionCommand, type CloudFrontClient, type DistributionConfig } from '@aws-sdk/client-cloudfront';
import type { OriginHeaderTarget } from '../../ports/secret-rotation';

/** The custom headers of every origin of a distribution that sends `headerName`. */
function headersNamed(config: DistributionConfig | undefined, headerName: string) {
  const name = headerName.toLowerCase();
  return (config?.Origins?.Items ?? []).flatMap((origin) => origin.CustomHeaders?.Items ?? []).filter((header) => header.HeaderName?.toLowerCase() === name);
}

/**
 * The origin custom header of one CloudFront distribution: read from its
 * configuration, and changed with UpdateDistribution on the configuration
 * just read (its ETag guards against a concurrent change).
 */
export function cloudFrontOriginHeader(client: CloudFrontClient, distributionId: string, headerName: string): OriginHeaderTarget {
  return {
    async headerValue() {
      const { DistributionConfig: config } = await client.send(new GetDistributionConfigCommand({ Id: distributionId }));
      return headersNamed(config, headerName)[0]?.HeaderValue;
    },
    async setHeaderValue(value) {
      const { DistributionConfig: config, ETag } = await client.send(new GetDistributionConfigCommand({ Id: distributionId }));
      const headers = headersNamed(config, headerName);
      if (!config || headers.length === 0) throw new Error(`No origin of distribution ${distributionId} sends ${headerName}.`);
      for (const header of headers) header.HeaderValue = value;
      await client.send(new UpdateDistributionCommand({ Id: distributionId, IfMatch: ETag, DistributionConfig: config }));
    },
  };
}
