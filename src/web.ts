/**
 * gogrid-codec for browsers and edge workers: the entry that bundlers pick (`browser` and
 * `default` conditions of the package's `exports`). It uses web-standard APIs only
 * (`TextDecoder`, `ReadableStream`, async iterables); nothing here imports `node:`.
 *
 * It is the Node entry (`src/index.ts`) less what needs Node: the file spool (`FileSpool`,
 * `removeSpillFiles`) and the `Duplex` adapters (`decodeTransform`, `encodeTransform`).
 * Conversions that must hold objects keep them in a {@link MemorySpool} of
 * {@link MEMORY_SPOOL_LIMIT} objects (`SPILL_LIMIT_EXCEEDED` past it). `validate` is here too;
 * a bundle that does not call it leaves ajv out.
 *
 * `src/index.ts` (the Node entry) is this entry plus the Node-only names, so the two cannot drift.
 *
 * @example
 * ```ts
 * import { decodeObjects } from 'gogrid-codec';
 * const response = await fetch('/api/grid/server/list?format=xml');
 * for await (const server of decodeObjects(response.body!)) console.log(server['name']);
 * ```
 *
 * @packageDocumentation
 */
export { type CodecErrorCode, type CodecErrorInit, type CodecFormat, CodecError } from './errors.js';
export { type DecodeOptions, type EncodeOptions, type InputFormat, type OutputFormat, normalizeDecodeOptions, normalizeEncodeOptions } from './options.js';
export { createDecoder, decode, decodeAll, decodeEvents, decodeObjects, type ReadableStreamLike, sniff, type Source } from './decode.js';
export { encode, encodeChunks, encodeEvents } from './encode.js';
export { convert, type ConvertOptions } from './convert.js';
export { decodeStream, encodeStream } from './streams.js';
export { MEMORY_SPOOL_LIMIT, type ObjectSpool, MemorySpool } from './spool.js';
export {
  type Document,
  type Envelope,
  type EnvelopeHead,
  type GoObject,
  type Scalar,
  type Summary,
  type Value,
  isEnvelope,
  isObject,
  isType,
  typeName,
} from './tree/types.js';
export type {
  ApiError,
  BillingSummary,
  BillingToken,
  Customer,
  Image,
  Ip,
  IpPortPair,
  Job,
  JobHistory,
  LoadBalancer,
  MethodTypes,
  ObjectTypes,
  Option,
  Password,
  Server,
  ServerImage,
} from './objects.js';
export { type CodecEvent, type EndEvent, type EnvelopeEvent, type FragmentEvent, type ObjectEvent, DocumentCollector, documentEvents, EventOrder } from './tree/events.js';
export { DEFAULT_LIMITS, type TreeLimits } from './tree/checks.js';
export type { Format } from './format.js';
export { type NormalizeOptions, normalize } from './normalize.js';
export { treesEqual } from './tree/equal.js';
export { type AttributeInfo, type AttributeKind, type Grammars, type TypeInfo, attributeInfo, grammars, listedType, methodType } from './grammar/grammars.js';
export { StreamValidator, type StreamValidatorOptions, validate, validateCount, validateHead, validateObject } from './grammar/validate.js';
export { javaDouble } from './text/java-double.js';
export type { TextFeed, TextPosition } from './text/feed.js';
export { type ApiFailureInit, ApiFailure, failureFrom, isFailure, isFailureStatus } from './failure.js';
export { type CallOptions, type GoGridClient, type PageOptions, createClient } from './client/client.js';
export { type ClientOptions, normalizeClientOptions } from './options.js';
export { signature } from './client/signature.js';
export { md5Hex } from './client/md5.js';
export { type CallParams, type RequestUrlInit, DEFAULT_ENDPOINT, DEFAULT_VERSION, methodPath, requestUrl } from './client/url.js';
export { redactText, redactUrl } from './client/redact.js';
export { isRetryable, retryDelay } from './client/retry.js';
