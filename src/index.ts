/**
 * gogrid-codec: streaming decoders and encoders for GoGrid cloud API responses (JSON, XML and
 * CSV) around one canonical object tree. This is the Node entry: everything of the web entry
 * (`src/web.ts`, which runs wherever `fetch` does) plus the parts that need Node.
 *
 * @packageDocumentation
 */
export * from './web.js';
// Node only (node:fs, node:stream): not in the web entry.
export { decodeTransform, encodeTransform } from './streams-node.js';
export { FileSpool, removeSpillFiles } from './spool-file.js';
