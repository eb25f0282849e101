// What an API-client author does beyond the snippet: extends the tree's object type, uses the
// type maps, the type guard, failures and the other generic entry points.
import {
  ApiFailure,
  type ApiError,
  convert,
  decode,
  decodeAll,
  decodeEvents,
  type Document,
  type Envelope,
  type GoObject,
  type Ip,
  isEnvelope,
  isFailure,
  isType,
  type MethodTypes,
  type ObjectTypes,
  type Value,
} from 'gogrid-codec';
import { createReadStream } from 'node:fs';

// A caller's own interface extends GoObject with optional attributes (TS2411 before).
interface MyServer extends GoObject {
  id?: number;
  name?: string | null;
  tags?: GoObject[];
}
const mine = decode<MyServer>('{"list":[]}');
if (isEnvelope(mine)) { const id: number | undefined = mine.list[0]?.id; void id; }

// Unknown attributes stay reachable, typed as a tree value.
declare const server: ObjectTypes['server'];
const extra: Value | undefined = server['addedInApi2'];
const name: string | null | undefined = server.name;
const ipState: string | null | undefined = server.ip?.state?.name;
void [extra, name, ipState];

// A server just added has no id: every attribute is optional.
const added: ObjectTypes['server'] = { object: 'server', name: 'web1', ip: { ip: '10.0.0.1' } };
void added;

// The method map.
const ips: Document<MethodTypes['/grid/ip/list']> = decode<MethodTypes['/grid/ip/list']>('{"list":[]}');
const envelope: Envelope<Ip> | Ip = ips;
void envelope;

// The type guard narrows a plain tree object.
declare const o: GoObject;
if (isType(o, 'loadbalancer')) { const port: number | null | undefined = o.virtualip?.port; void port; }
if (isType(o, 'error')) { const e: ApiError = o; void e.errorcode; }

// Failures.
try {
  const d = decode('{"list":[]}', { failures: 'throw' });
  if (isEnvelope(d) && isFailure(d)) console.log('unreachable with failures: throw');
} catch (e) {
  if (e instanceof ApiFailure) console.log(e.errorcode, e.apiMessage, e.method);
}

// The streaming entry points take the type parameter too.
for await (const e of decodeEvents<Ip>(createReadStream('ips.xml'))) if (e.type === 'object') console.log(e.object.ip);
const all = await decodeAll<Ip>(createReadStream('ips.csv'));
if (isEnvelope(all)) console.log(all.list.length);
for await (const chunk of convert<Ip>(createReadStream('ips.json'), { to: 'csv', tap: (e) => { if (e.type === 'object') void e.object.subnet; } })) process.stdout.write(chunk);
export {};
