// The acceptance snippet, as a consumer writes it: it must compile under strict +
// noUncheckedIndexedAccess (+ exactOptionalPropertyTypes in tsconfig.node.json).
import { decode, decodeObjects, isEnvelope, type Server } from 'gogrid-codec';
declare const text: string; declare const response: Response;
const doc = decode<Server>(text);
if (isEnvelope(doc)) { const n: string | null | undefined = doc.list[0]?.ip?.state?.name; void n; }
for await (const s of decodeObjects<Server>(response.body!)) console.log(s.name, s.ram?.name);
export {};
