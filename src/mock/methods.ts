/**
 * The API methods the mock answers, as a table from method path to handler. A handler reads
 * the query parameters, works on the store and returns the objects of the response's list, or
 * throws a {@link MockFailure} (HTTP 400 `IllegalArgumentException` for bad or missing
 * parameters and unknown ids or names, as GoGrid does).
 */
import { attributeInfo } from '../grammar/grammars.js';
import { type GoObject, isObject, typeName } from '../tree/types.js';
import { MockFailure } from './failure.js';
import type { MockKind, MockStore } from './store.js';

/** The query parameters of a call, each name with all its values in order. */
export type MockParams = ReadonlyMap<string, readonly string[]>;

/** One method: its handler and whether its list pages with `num_items`/`page`. */
export interface MockMethod {
  /** Whether `num_items` and `page` apply. */
  readonly pages: boolean;
  /** The list of the response. */
  readonly handle: (store: MockStore, params: MockParams) => GoObject[];
  /** The type of the listed objects, when it differs from what is stored (`/grid/image/list` lists `serverimage`). */
  readonly listType?: string;
}

function bad(message: string): MockFailure {
  return new MockFailure(400, 'IllegalArgumentException', message);
}

function first(params: MockParams, name: string): string | undefined {
  return params.get(name)?.[0];
}

function required(params: MockParams, name: string): string {
  const value = first(params, name);
  if (value === undefined || value === '') throw bad(`Missing required parameter: ${name}`);
  return value;
}

// Parameters every call carries, and the selectors of get/edit/delete: never attributes to set.
const CALL_PARAMS = new Set(['api_key', 'sig', 'v', 'format', 'num_items', 'page']);

/** The objects named by `id`, else `name`, else the type parameter (id or name), in that precedence. */
function select(store: MockStore, kind: MockKind, params: MockParams): GoObject[] {
  const ids = params.get('id') ?? [];
  if (ids.length > 0) return ids.flatMap((id) => found(store.find(kind, 'id', id), `No ${kind} with id ${id}`));
  const names = params.get('name') ?? [];
  if (names.length > 0) return names.flatMap((name) => found(store.find(kind, 'name', name), `No ${kind} with name ${name}`));
  const either = params.get(kind) ?? [];
  if (either.length > 0) {
    return either.flatMap((v) => {
      const byId = store.find(kind, 'id', v);
      return found(byId.length > 0 ? byId : store.find(kind, 'name', v), `No ${kind} with id or name ${v}`);
    });
  }
  throw bad(`One of the parameters id, name or ${kind} is required`);
}

function found(objects: GoObject[], message: string): GoObject[] {
  if (objects.length === 0) throw bad(message);
  return objects;
}

function selectOne(store: MockStore, kind: MockKind, params: MockParams): GoObject {
  const objects = select(store, kind, params);
  if (objects.length !== 1) throw bad(`The call names ${objects.length} objects of type ${kind}; it edits exactly one`);
  return objects[0] as GoObject;
}

/**
 * Sets the attributes the parameters name (`description=…`, `ram=2GB` or `server.ram=2GB`), each
 * coerced as the grammar says; an option attribute is looked up by name or id.
 */
function assign(store: MockStore, kind: MockKind, object: GoObject, params: MockParams, skip: ReadonlySet<string>): void {
  const type = typeName(object) ?? kind;
  for (const [given, values] of params) {
    if (CALL_PARAMS.has(given) || skip.has(given)) continue;
    const name = given.startsWith(`${kind}.`) ? given.slice(kind.length + 1) : given;
    const value = values[0] ?? '';
    const info = attributeInfo(type, name);
    if (info === undefined || name === 'id' || name === 'object') throw bad(`${given} is not a parameter of ${kind}`);
    switch (info.kind) {
      case 'integer':
        if (!/^-?\d+$/.test(value)) throw bad(`${given} must be an integer (got ${value})`);
        object[name] = Number(value);
        break;
      case 'double':
        if (!Number.isFinite(Number(value)) || value.trim() === '') throw bad(`${given} must be a number (got ${value})`);
        object[name] = Number(value);
        break;
      case 'boolean':
        if (value !== 'true' && value !== 'false') throw bad(`${given} must be true or false (got ${value})`);
        object[name] = value === 'true';
        break;
      case 'object':
        object[name] = reference(store, kind, name, info.type, value, given);
        break;
      case 'list':
      case 'map':
        throw bad(`${given} cannot be set by this mock`);
      default:
        object[name] = value;
    }
  }
}

/** The object an attribute refers to: an IP, an image, or an option of a lookup, by name or id. */
function reference(store: MockStore, kind: MockKind, name: string, type: string | undefined, value: string, given: string): GoObject {
  if (type === 'ip') {
    const ip = store.view('ip').find((o) => String(o['id']) === value || o['ip'] === value);
    if (ip === undefined) throw bad(`No ip ${value}`);
    return structuredClone(ip);
  }
  if (kind === 'server' && name === 'image') {
    // An image of the account, or one of the images the servers of the data were made from.
    const image = store.view('image').find((o) => String(o['id']) === value || o['name'] === value);
    if (image !== undefined) return { object: store.nestedType('server', 'image') ?? 'option', id: image['id'] ?? null, name: image['name'] ?? null, description: image['description'] ?? '' };
  }
  const table = store.lookups.get(`${kind}.${name}`);
  const match = table?.find((o) => String(o['id']) === value || o['name'] === value);
  if (match === undefined) throw bad(`${given}: no ${kind}.${name} option ${value}`);
  return structuredClone(match);
}

function listOf(kind: MockKind): MockMethod {
  return { pages: true, handle: (store) => [...store.view(kind)] };
}

function getOf(kind: MockKind): MockMethod {
  return { pages: false, handle: (store, params) => select(store, kind, params) };
}

// Required parameters of `add` beyond `name`, as GoGrid documents them.
const ADD_REQUIRED: Readonly<Partial<Record<MockKind, readonly string[]>>> = {
  server: ['name', 'image', 'ram', 'ip'],
  loadbalancer: ['name'],
  password: ['username', 'password'],
};

// GoGrid's warning: these objects come back from `add` without an `id` (it is set once provisioned).
const ADD_WITHOUT_ID: ReadonlySet<MockKind> = new Set(['server', 'loadbalancer']);

function addOf(kind: MockKind): MockMethod {
  return {
    pages: false,
    handle: (store, params) => {
      for (const name of ADD_REQUIRED[kind] ?? ['name']) {
        if (first(params, name) === undefined && first(params, `${kind}.${name}`) === undefined) throw bad(`Missing required parameter: ${name}`);
      }
      const template = store.view(kind)[0] ?? { object: kind };
      const object: GoObject = { object: template['object'] ?? kind };
      for (const [k, v] of Object.entries(template)) {
        if (k === 'object' || k === 'id') continue;
        // Attributes the add does not set start empty, not copied from another object.
        object[k] = isObject(v) || Array.isArray(v) ? v : typeof v === 'string' ? '' : v;
      }
      object['description'] = '';
      if (kind === 'server') object['state'] = { object: 'option', id: 1, name: 'On', description: 'Server is in active state.' };
      assign(store, kind, object, params, new Set());
      const stored = store.add(kind, object);
      if (!ADD_WITHOUT_ID.has(kind)) return [stored];
      const { id: _id, ...withoutId } = stored;
      return [withoutId];
    },
  };
}

function editOf(kind: MockKind): MockMethod {
  return {
    pages: false,
    handle: (store, params) => {
      const object = selectOne(store, kind, params);
      assign(store, kind, object, params, new Set(['id', 'name', kind]));
      store.replace(kind, object);
      return [object];
    },
  };
}

function deleteOf(kind: MockKind): MockMethod {
  return {
    pages: false,
    handle: (store, params) => {
      const objects = select(store, kind, params);
      for (const o of objects) store.remove(kind, o['id']);
      return objects;
    },
  };
}

const POWER: Readonly<Record<string, GoObject>> = {
  start: { object: 'option', id: 1, name: 'On', description: 'Server is in active state.' },
  restart: { object: 'option', id: 1, name: 'On', description: 'Server is in active state.' },
  stop: { object: 'option', id: 2, name: 'Off', description: 'Server is in inactive state.' },
};

const power: MockMethod = {
  pages: false,
  handle: (store, params) => {
    const action = required(params, 'power').toLowerCase();
    const state = POWER[action === 'on' ? 'start' : action === 'off' ? 'stop' : action === 'cycle' ? 'restart' : action];
    if (state === undefined) throw bad(`power must be one of start, stop, restart (got ${action})`);
    const server = selectOne(store, 'server', params);
    server['state'] = structuredClone(state);
    store.replace('server', server);
    return [server];
  },
};

const lookup: MockMethod = {
  pages: true,
  handle: (store, params) => {
    const name = required(params, 'lookup');
    if (name === 'lookups') return [...store.lookups.keys()].map((n, i) => ({ object: 'option', id: i + 1, name: n, description: '' }));
    const table = store.lookups.get(name);
    if (table === undefined) throw bad(`No lookup named ${name} (lookup=lookups lists them)`);
    return structuredClone(table);
  },
};

/**
 * Every method the mock answers, by path.
 * @example
 * ```ts
 * [...MOCK_METHODS.keys()].filter((m) => m.startsWith('/grid/server/')); // list, get, add, edit, delete, power
 * ```
 */
export const MOCK_METHODS: ReadonlyMap<string, MockMethod> = new Map<string, MockMethod>([
  ['/grid/server/list', listOf('server')],
  ['/grid/server/get', getOf('server')],
  ['/grid/server/add', addOf('server')],
  ['/grid/server/edit', editOf('server')],
  ['/grid/server/delete', deleteOf('server')],
  ['/grid/server/power', power],
  ['/grid/ip/list', listOf('ip')],
  ['/grid/image/list', { ...listOf('image'), listType: 'serverimage' }],
  ['/grid/image/get', getOf('image')],
  ['/grid/image/edit', editOf('image')],
  ['/grid/image/delete', deleteOf('image')],
  ['/grid/loadbalancer/list', listOf('loadbalancer')],
  ['/grid/loadbalancer/get', getOf('loadbalancer')],
  ['/grid/loadbalancer/add', addOf('loadbalancer')],
  ['/grid/loadbalancer/edit', editOf('loadbalancer')],
  ['/grid/loadbalancer/delete', deleteOf('loadbalancer')],
  ['/grid/job/list', listOf('job')],
  ['/grid/job/get', getOf('job')],
  ['/support/password/list', listOf('password')],
  ['/support/password/get', getOf('password')],
  ['/support/password/add', addOf('password')],
  ['/support/password/edit', editOf('password')],
  ['/support/password/delete', deleteOf('password')],
  ['/grid/password/list', listOf('password')],
  ['/grid/password/get', getOf('password')],
  ['/common/lookup/list', lookup],
  ['/myaccount/billing/get', { pages: false, handle: (store) => [structuredClone(store.billing)] }],
]);
