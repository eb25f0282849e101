// Each line marked `// error TSnnnn` must fail to compile with exactly that code, and no other
// line may fail: test/types/types.test.ts checks both, so this file can fail the test.
import { decode, decodeObjects, isEnvelope, isType, type GoObject, type Server } from 'gogrid-codec';
declare const text: string;
declare const o: GoObject;
declare const server: Server;
const n: number = server.name; // error TS2322
decode<string>(text); // error TS2344
isType(o, 'servr'); // error TS2345
const doc = decode<Server>(text);
if (isEnvelope(doc)) console.log(doc.list[0].name); // error TS2532
const s: Server = { id: undefined }; // error TS2375
decodeObjects(42); // error TS2345
const id: number = server.id; // error TS2322
void [n, s, id];
export {};
