/**
 * `gogrid-codec/node`: the full Node entry, by name, for tools that do not set the `node`
 * condition (a bundler targeting Node with `platform: neutral`, a loader with custom
 * conditions). It is the same module as `gogrid-codec` on Node: everything of the web entry plus
 * the file spool (`FileSpool`, `removeSpillFiles`) and the Node `Duplex` adapters
 * (`decodeTransform`, `encodeTransform`).
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 * import { pipeline } from 'node:stream/promises';
 * import { decodeTransform, encodeTransform } from 'gogrid-codec/node';
 * await pipeline(createReadStream('servers.xml'), decodeTransform(), encodeTransform({ format: 'csv' }), process.stdout);
 * ```
 *
 * @packageDocumentation
 */
export * from './index.js';
