/**
 * The mock's in-memory store: the objects of each kind (servers, IPs, load balancers, images,
 * jobs, passwords, lookups, the billing summary), seeded from a folder of GoGrid responses
 * (the package's `corpus/` by default) and topped up with generated objects so that every list
 * is long enough to page.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode } from '../decode.js';
import { type Document, type GoObject, isEnvelope, isObject, typeName, type Value } from '../tree/types.js';

/** The kinds of object the mock keeps. */
export type MockKind = 'server' | 'ip' | 'loadbalancer' | 'image' | 'job' | 'password';

/**
 * The kinds, in the order they are seeded.
 * @example
 * ```ts
 * for (const kind of MOCK_KINDS) console.log(kind, store.list(kind).length);
 * ```
 */
export const MOCK_KINDS: readonly MockKind[] = ['ip', 'server', 'loadbalancer', 'image', 'job', 'password'];

/**
 * The package's own corpus of documented responses, the default seed.
 * @example
 * ```ts
 * MockStore.seeded({ data: CORPUS_DIRECTORY }); // the same as MockStore.seeded()
 * ```
 */
export const CORPUS_DIRECTORY = fileURLToPath(new URL('../../../corpus/', import.meta.url));

/** Options of {@link MockStore.seeded}. */
export interface MockStoreOptions {
  /** A folder of GoGrid responses (`.json`, `.xml`, `.csv`, searched recursively; a folder named `invalid` is skipped). Default the package's `corpus/`. */
  data?: string;
  /** Each kind is topped up with generated objects to at least this many. Default 12. */
  minimumPerKind?: number;
}

const TYPE_KIND: Readonly<Record<string, MockKind>> = {
  server: 'server',
  ip: 'ip',
  loadbalancer: 'loadbalancer',
  image: 'image',
  serverimage: 'image',
  job: 'job',
  password: 'password',
};

function option(id: number, name: string, description: string): GoObject {
  return { object: 'option', id, name, description };
}

/**
 * Objects kept per kind, in insertion order, plus lookups and the billing summary. Every
 * method but `view` returns copies, so a caller cannot change the store by changing a result.
 * @example
 * ```ts
 * const store = MockStore.seeded();
 * store.find('server', 'name', 'API Server').map((s) => s.id); // [40, …]
 * ```
 */
export class MockStore {
  private readonly kinds = new Map<MockKind, GoObject[]>(MOCK_KINDS.map((k) => [k, []]));
  /** Lookup tables for `common/lookup/list`, by name (`server.ram`, `ip.state`, …). */
  readonly lookups = new Map<string, GoObject[]>();
  /** The billing summary `myaccount/billing/get` answers with. */
  billing: GoObject = {
    object: 'billingsummary',
    startDate: 1230768000000,
    endDate: 1233446400000,
    memoryAllotment: 744,
    memoryInUse: 512.5,
    memoryAccrued: 300,
    memoryOverage: 0,
    memoryOverageCharge: 0,
    transferAllotment: 0,
    transferAccrued: 12,
    transferOverage: 12,
    transferOverageCharge: 3.5,
  };
  private nextId = 1000;

  /**
   * A store seeded from a folder of responses and topped up with generated objects.
   * @param options - see {@link MockStoreOptions}.
   * @returns the store.
   * @throws CodecError when a file of the folder does not decode.
   * @example
   * ```ts
   * const store = MockStore.seeded({ minimumPerKind: 20 });
   * store.list('server').length; // 20
   * ```
   */
  static seeded(options: MockStoreOptions = {}): MockStore {
    const store = new MockStore();
    const data = options.data ?? CORPUS_DIRECTORY;
    const top: GoObject[][] = [];
    for (const objects of responseObjects(data)) {
      const options: GoObject[] = [];
      for (const object of objects) {
        if (typeName(object) === 'option') options.push(object);
        else store.seed(object);
      }
      if (options.length > 0) top.push(options);
    }
    store.topUp(options.minimumPerKind ?? 12);
    store.collectLookups(top);
    return store;
  }

  /**
   * Every object of a kind, copied.
   * @param kind - the kind.
   * @returns the objects in insertion order.
   */
  list(kind: MockKind): GoObject[] {
    return (this.kinds.get(kind) ?? []).map(copy);
  }

  /**
   * Every object of a kind, not copied: for reading only (the store never changes an object in
   * place; `replace` swaps in a new one), so a long list is answered without copying it.
   * @param kind - the kind.
   * @returns the stored objects in insertion order.
   */
  view(kind: MockKind): readonly Readonly<GoObject>[] {
    return this.kinds.get(kind) ?? [];
  }

  /**
   * The objects of a kind whose `id` (compared as text) or `name` is the one given.
   * @param kind - the kind.
   * @param by - which attribute to compare.
   * @param value - the value asked for.
   * @returns the matching objects, copied.
   */
  find(kind: MockKind, by: 'id' | 'name', value: string): GoObject[] {
    return (this.kinds.get(kind) ?? []).filter((o) => o[by] !== undefined && o[by] !== null && String(o[by]) === value).map(copy);
  }

  /**
   * Adds an object with a fresh `id`.
   * @param kind - the kind.
   * @param object - the object (its `id` is replaced).
   * @returns the stored object, copied.
   */
  add(kind: MockKind, object: GoObject): GoObject {
    const stored = withId(object, this.nextId++);
    this.kinds.get(kind)?.push(stored);
    return copy(stored);
  }

  /**
   * Replaces the object with the same `id`.
   * @param kind - the kind.
   * @param object - the new version.
   * @returns whether an object was replaced.
   */
  replace(kind: MockKind, object: GoObject): boolean {
    const all = this.kinds.get(kind) ?? [];
    const at = all.findIndex((o) => o['id'] === object['id']);
    if (at < 0) return false;
    all[at] = copy(object);
    return true;
  }

  /**
   * Removes the object with this `id`.
   * @param kind - the kind.
   * @param id - its id.
   * @returns whether one was removed.
   */
  remove(kind: MockKind, id: Value | undefined): boolean {
    const all = this.kinds.get(kind) ?? [];
    const at = all.findIndex((o) => o['id'] === id);
    if (at < 0) return false;
    all.splice(at, 1);
    return true;
  }

  private seed(object: GoObject): void {
    const type = typeName(object);
    const kind = type === undefined ? undefined : TYPE_KIND[type];
    if (kind === undefined) return;
    const stored: GoObject = type === 'serverimage' ? { ...copy(object), object: 'image' } : copy(object);
    const all = this.kinds.get(kind) ?? [];
    if (typeof stored['id'] !== 'number') {
      // The same sample in three formats: an object without an id is known by its name.
      if (all.some((o) => o['name'] === stored['name'])) return;
      stored['id'] = this.nextId++;
    }
    else if (all.some((o) => o['id'] === stored['id'])) return;
    else this.nextId = Math.max(this.nextId, stored['id'] + 1);
    this.unifyNestedTypes(kind, stored);
    all.push(stored);
    // A server's IP is an IP of the account too.
    const ip = stored['ip'];
    if (kind === 'server' && isObject(ip) && typeof ip['id'] === 'number') this.seed(ip);
  }

  // The documentation's samples disagree (a server's `image` is a `serverimage` in one, an
  // `option` in another); one list must use one type per attribute, or CSV cannot carry it.
  private readonly nestedTypes = new Map<string, string>();

  /**
   * The type the objects of a nested attribute have in this store (`server.image` → `option`).
   * @param kind - the kind.
   * @param attribute - the attribute.
   * @returns the type, when the data had one.
   */
  nestedType(kind: MockKind, attribute: string): string | undefined {
    return this.nestedTypes.get(`${kind}.${attribute}`);
  }

  private unifyNestedTypes(kind: MockKind, object: GoObject): void {
    for (const [attr, value] of Object.entries(object)) {
      if (!isObject(value)) continue;
      const type = typeName(value);
      if (type === undefined) continue;
      const key = `${kind}.${attr}`;
      const first = this.nestedTypes.get(key);
      if (first === undefined) this.nestedTypes.set(key, type);
      else if (first !== type) object[attr] = { ...value, object: first };
    }
  }

  private topUp(minimum: number): void {
    for (const kind of MOCK_KINDS) {
      const all = this.kinds.get(kind) ?? [];
      const template = all[0] ?? TEMPLATES[kind];
      for (let n = all.length; n < minimum; n++) {
        // Nested values are shared with the template: stored objects are never changed in place.
        const made: GoObject = { ...template, id: this.nextId++ };
        if (typeof made['name'] === 'string' || kind === 'server' || kind === 'loadbalancer' || kind === 'image') made['name'] = `${kind}-${n + 1}`;
        if (kind === 'ip') made['ip'] = `10.0.${Math.floor(n / 250)}.${(n % 250) + 1}`;
        all.push(made);
      }
    }
  }

  private collectLookups(top: readonly GoObject[][]): void {
    const add = (name: string, o: GoObject): void => {
      const table = this.lookups.get(name) ?? [];
      if (!table.some((t) => t['id'] === o['id'] && t['name'] === o['name'])) table.push(copy(o));
      this.lookups.set(name, table);
    };
    for (const kind of MOCK_KINDS) {
      for (const object of this.kinds.get(kind) ?? []) {
        for (const [attr, value] of Object.entries(object)) {
          if (isObject(value) && typeName(value) !== 'ip' && typeof value['id'] === 'number' && typeof value['name'] === 'string') add(`${kind}.${attr}`, value);
        }
      }
    }
    // A lookup list of the data (the documentation's is server RAM) joins the table that already has one of its names.
    for (const group of top) {
      const names = new Set(group.map((o) => o['name']));
      const home = [...this.lookups].find(([, table]) => table.some((t) => names.has(t['name'] ?? null)))?.[0] ?? 'misc';
      for (const o of group) add(home, o);
    }
    add('ip.state', option(1, 'Unassigned', 'IP is available to use'));
    add('ip.state', option(2, 'Assigned', 'IP is reserved or in use'));
    add('server.power', option(1, 'start', 'Start the server'));
    add('server.power', option(2, 'stop', 'Stop the server'));
    add('server.power', option(3, 'restart', 'Restart the server'));
  }
}

const TEMPLATES: Readonly<Record<MockKind, GoObject>> = {
  ip: { object: 'ip', id: 0, ip: '10.0.0.1', state: option(1, 'Unassigned', 'IP is available to use'), subnet: '10.0.0.0/255.255.255.0', public: true },
  server: { object: 'server', id: 0, name: 'server', description: '', state: option(1, 'On', 'Server is in active state.') },
  loadbalancer: { object: 'loadbalancer', id: 0, name: 'loadbalancer', description: '' },
  image: { object: 'image', id: 0, name: 'image', friendlyName: 'image', isActive: true, isPublic: false },
  job: {
    object: 'job',
    id: 0,
    owner: 'mock@example.com',
    createdon: 1233000000000,
    lastupdatedon: 1233000060000,
    attempts: 1,
    command: option(1, 'CreateVirtualServer', 'Add a virtual server'),
    objecttype: option(1, 'VirtualServer', ''),
    currentstate: option(3, 'Succeeded', 'Job completed successfully'),
  },
  password: { object: 'password', id: 0, applicationtype: 'os', username: 'root', password: 'mock-password' },
};

function withId(object: GoObject, id: number): GoObject {
  const out: GoObject = { object: object['object'] ?? 'object', id };
  for (const [k, v] of Object.entries(object)) if (k !== 'id' && k !== 'object') out[k] = structuredClone(v);
  return out;
}

function copy(object: GoObject): GoObject {
  return structuredClone(object);
}

// The package's corpus never changes, so it is decoded once per process (tests start many mocks).
let corpusObjects: GoObject[][] | undefined;

/** The objects of each response file of a folder, one array per file. */
function responseObjects(directory: string): GoObject[][] {
  if (directory === CORPUS_DIRECTORY && corpusObjects !== undefined) return corpusObjects;
  const out = responseFiles(directory).map((file) => {
    const doc: Document = decode(readFileSync(file));
    return isEnvelope(doc) ? doc.list : [doc];
  });
  if (directory === CORPUS_DIRECTORY) corpusObjects = out;
  return out;
}

function responseFiles(directory: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(directory).sort()) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'invalid') out.push(...responseFiles(path));
    } else if (/\.(json|xml|csv)$/.test(name) && name !== 'manifest.json') {
      out.push(path);
    }
  }
  return out;
}
