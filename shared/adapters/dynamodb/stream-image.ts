import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { StreamAttributeValue, StreamImage, StreamImageDecoder } from '../../ports/stream-event';

/**
 * Unmarshalls a stream image (Lambda's typed JSON, binaries as base64) into
 * a plain object, with `@aws-sdk/util-dynamodb`. Numbers become JS numbers,
 * as the document client reads them.
 */
export const unmarshallStreamImage: StreamImageDecoder = (image: StreamImage) =>
  unmarshall(Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toSdk(value)])));

function toSdk(value: StreamAttributeValue): AttributeValue {
  if ('B' in value) return { B: Buffer.from(value.B, 'base64') };
  if ('BS' in value) return { BS: value.BS.map((b) => Buffer.from(b, 'base64')) };
  if ('L' in value) return { L: value.L.map(toSdk) };
  if ('M' in value) return { M: Object.fromEntries(Object.entries(value.M).map(([k, v]) => [k, toSdk(v)])) };
  return value;
}
