// A browser-side consumer (lib DOM, no Node types): a fetch body is a DOM ReadableStream, which
// lib.dom does not declare async-iterable; Source must accept it (TS2345 before).
import { decodeAll, decodeEvents, decodeObjects, type Server } from 'gogrid-codec';
declare const url: string;
for await (const s of decodeObjects((await fetch(url)).body!)) console.log(s['name']);
for await (const s of decodeObjects<Server>((await fetch(url)).body!, { failures: 'throw' })) console.log(s.name);
for await (const e of decodeEvents(new Response('{"list":[]}').body!)) console.log(e.type);
const body: ReadableStream<Uint8Array> = new Blob(['#']).stream();
await decodeAll(body);
export {};
