/**
 * gogrid-codec: streaming decoders and encoders for GoGrid cloud API responses (JSON, XML and
 * CSV) around one canonical object tree.
 *
 * @packageDocumentation
 */
export { type CodecErrorCode, type CodecErrorInit, type CodecFormat, CodecError } from './errors.js';
export { type DecodeOptions, type EncodeOptions, type InputFormat, type OutputFormat, normalizeDecodeOptions, normalizeEncodeOptions } from './options.js';
export { createDecoder, decode, decodeAll, decodeEvents, decodeObjects, sniff, type Source } from './decode.js';
export { encode, encodeChunks, encodeEvents } from './encode.js';
export { convert, type ConvertOptions } from './convert.js';
export { decodeTransform, encodeTransform, decodeStream, encodeStream } from './streams.js';
export { type ObjectSpool, FileSpool, MemorySpool, removeSpillFiles } from './spool.js';
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
  typeName,
} from './tree/types.js';
export { type CodecEvent, type EndEvent, type EnvelopeEvent, type FragmentEvent, type ObjectEvent, DocumentCollector, documentEvents, EventOrder } from './tree/events.js';
export { DEFAULT_LIMITS, type TreeLimits } from './tree/builder.js';
export { type Format, type NormalizeOptions, normalize } from './tree/normalize.js';
export { treesEqual } from './tree/equal.js';
export { type AttributeInfo, type AttributeKind, type Grammars, type TypeInfo, attributeInfo, grammars, methodType } from './grammar/grammars.js';
export { StreamValidator, type StreamValidatorOptions, validate, validateHead, validateObject } from './grammar/validate.js';
export { javaDouble } from './text/java-double.js';
export type { TextFeed, TextPosition } from './text/feed.js';
export { type ApiFailureInit, ApiFailure, failureFrom, isFailure, isFailureStatus } from './failure.js';
