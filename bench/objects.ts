/**
 * Realistic GoGrid list objects, one kind per document (a CSV document holds one type), with
 * attributes in the grammar's order (`grammars/<type>.schema.json`, `x-gogrid.order`) and
 * values typed as the grammar says. Every object is built from the {@link Random} it is given,
 * so a seed fixes the whole document.
 */
import type { GoObject } from '../src/index.js';
import { address, awkward, epochMs, name, price, type Random, sentence } from './random.js';

/** The document kinds the generator writes. */
export type Kind = 'server' | 'loadbalancer' | 'image' | 'job';

/** Every kind, in the order the runner uses. */
export const KINDS: readonly Kind[] = ['loadbalancer', 'server', 'image', 'job'];

/** The API method of each kind's list call (the envelope's `method`). */
export const METHODS: Readonly<Record<Kind, string>> = {
  server: '/grid/server/list',
  loadbalancer: '/grid/loadbalancer/list',
  // grammars/methods.json maps /grid/image/list to `serverimage`, so the objects are typed so.
  image: '/grid/image/list',
  job: '/grid/job/list',
};

/** One value of a GoGrid enumeration (`option`): id, name, description. */
type Choice = readonly [id: number, name: string, description: string];

const IP_STATE: readonly Choice[] = [
  [1, 'Unassigned', 'IP is available to use'],
  [2, 'Assigned', 'IP is reserved or in use'],
];
const RAM: readonly Choice[] = [
  [1, '512MB', 'Server with 512MB RAM'],
  [2, '1GB', 'Server with 1GB RAM'],
  [3, '2GB', 'Server with 2GB RAM'],
  [4, '4GB', 'Server with 4GB RAM'],
  [5, '8GB', 'Server with 8GB RAM'],
  [7, '2GB', 'SandBox Server with 2GB RAM'],
];
const SERVER_STATE: readonly Choice[] = [
  [1, 'On', 'Server is in active state.'],
  [3, 'Off', 'Server is in inactive state.'],
];
const SERVER_TYPE: readonly Choice[] = [
  [1, 'Web Server', 'Web or Application Server'],
  [2, 'Database Server', 'This server does not have a public connection to the Internet.'],
];
const OS: readonly Choice[] = [
  [10, 'CentOS 5.1 (64-bit)', 'CentOS Linux 5.1 (64-bit)'],
  [11, 'Windows 2008 Server (32-bit)', 'Windows 2008 Server (32-bit)'],
  [12, 'Windows 2003 Server (32-bit)', 'Windows 2003 Server (32-bit)'],
  [13, 'RHEL 5.1 (32-bit)', 'Red Hat Enterprise Linux 5.1 (32-bit)'],
  [14, 'CentOS 5.1 (32-bit)', 'CentOS Linux 5.1 (32-bit)'],
];
const ARCHITECTURE: readonly Choice[] = [
  [1, '32-bit', '32 bit OS'],
  [2, '64-bit', '64 bit OS'],
];
const IMAGE_STATE: readonly Choice[] = [
  [1, 'Saving', 'Image is being saved'],
  [2, 'Available', 'Image is available for adds'],
  [3, 'Deleted', 'Image has been deleted'],
];
const LB_TYPE: readonly Choice[] = [
  [1, 'Round Robin', ''],
  [2, 'Least Connect', ''],
  [3, 'Source Address', ''],
];
const LB_PERSISTENCE: readonly Choice[] = [
  [1, 'None', ''],
  [2, 'SSL Sticky', ''],
  [3, 'Source Address', ''],
];
const LB_OS: readonly Choice[] = [[1, 'F5', 'The F5 Load Balancer.']];
const LB_STATE: readonly Choice[] = [
  [1, 'On', 'Loadbalancer is enabled and on.'],
  [2, 'Off', 'Loadbalancer is disabled and off.'],
  [3, 'Unavailable', 'Loadbalancer is enabled but unavailable.'],
];
const JOB_COMMAND: readonly Choice[] = [
  [1, 'CreateVirtualServer', 'Create a virtual server'],
  [2, 'DeleteVirtualServer', 'Delete a virtual server'],
  [3, 'StartVirtualServer', 'Start a virtual server'],
  [4, 'StopVirtualServer', 'Stop a virtual server'],
  [7, 'CreateLoadBalancer', 'Create a load balancer'],
  [9, 'SaveServerImage', 'Save a server image'],
];
const JOB_OBJECT_TYPE: readonly Choice[] = [
  [1, 'VirtualServer', 'A virtual server'],
  [2, 'LoadBalancer', 'A load balancer'],
  [3, 'ServerImage', 'A server image'],
];
const JOB_STATE: readonly Choice[] = [
  [1, 'Queued', 'Change request is new to the system.'],
  [2, 'Processing', 'Change request is is transient state...Processing.'],
  [3, 'Succeeded', 'Change request has succeeded.'],
  [4, 'Failed', 'Change request has failed.'],
  [7, 'Created', 'Change request is created but not queued yet'],
];

/**
 * Makes list objects of one kind: ids grow with the index, everything else comes from the
 * generator.
 */
export class ObjectFactory {
  private readonly r: Random;
  private nextId = 1000;

  /** @param r - the seeded generator (its state advances with every object). */
  constructor(r: Random) {
    this.r = r;
  }

  /**
   * The next object of a kind.
   * @param kind - which kind.
   * @returns a fresh object.
   */
  make(kind: Kind): GoObject {
    this.nextId += this.r.int(1, 3);
    switch (kind) {
      case 'server':
        return this.server();
      case 'loadbalancer':
        return this.loadbalancer();
      case 'image':
        return this.image();
      case 'job':
        return this.job();
    }
  }

  private server(): GoObject {
    const r = this.r;
    return {
      object: 'server',
      id: this.nextId,
      name: name(r),
      description: sentence(r),
      ip: this.ip(),
      ram: option(r, RAM),
      image: {
        object: 'serverimage',
        id: r.int(1, 500),
        name: `centos51_64_${r.pick(['mysql', 'php', 'base', 'lamp'])}`,
        friendlyName: name(r),
        ownerCustomerId: r.chance(0.01) ? null : r.int(1, 30000),
        ownerName: r.pick(['GoGrid', 'Servepath', 'ACME Hosting', 'Ünïcode Ltd']),
        description: sentence(r),
        location: `gogrid/GSI-${r.int(100000, 999999)}.img`,
        price: price(r),
        isActive: r.chance(0.9),
        isPublic: r.chance(0.5),
        createdTime: epochMs(r),
        updatedTime: epochMs(r),
      },
      state: option(r, SERVER_STATE),
      type: option(r, SERVER_TYPE),
      os: option(r, OS),
      isSandbox: r.chance(0.1),
    };
  }

  private loadbalancer(): GoObject {
    const r = this.r;
    const realips: GoObject[] = [];
    const n = r.int(1, 8);
    for (let i = 0; i < n; i++) realips.push(this.ipPort());
    return {
      object: 'loadbalancer',
      id: this.nextId,
      name: name(r),
      description: sentence(r),
      virtualip: this.ipPort(),
      type: option(r, LB_TYPE),
      persistence: option(r, LB_PERSISTENCE),
      realiplist: realips,
      os: option(r, LB_OS),
      state: option(r, LB_STATE),
    };
  }

  private image(): GoObject {
    const r = this.r;
    const tokens: GoObject[] = [];
    const n = r.int(1, 4);
    for (let i = 0; i < n; i++) {
      tokens.push({ object: 'billingtoken', id: r.int(1, 60), name: awkward(r, r.pick(['Windows 2008 32bit', 'CentOS 5.1 64bit', 'SQL Server Web', 'RHEL 5.1 32bit'])), price: price(r) });
    }
    const created = epochMs(r);
    return {
      object: 'serverimage',
      id: this.nextId,
      name: `GSI-${hex(r, 8)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 12)}`,
      friendlyName: name(r),
      os: option(r, OS),
      architecture: option(r, ARCHITECTURE),
      owner: { object: 'customer', id: r.int(1, 30000), name: awkward(r, r.pick(['Servepath', 'GoGrid', 'ACME Hosting'])) },
      type: option(r, SERVER_TYPE),
      state: option(r, IMAGE_STATE),
      description: sentence(r),
      location: `${r.int(1, 30000)}/GSI-${hex(r, 8)}.img`,
      price: price(r),
      isActive: r.chance(0.9),
      isPublic: r.chance(0.3),
      createdTime: created,
      updatedTime: created + r.int(0, 86400000),
      billingtokens: tokens,
    };
  }

  private job(): GoObject {
    const r = this.r;
    const created = epochMs(r);
    const history: GoObject[] = [];
    const n = r.int(1, 6);
    let at = created;
    for (let i = 0; i < n; i++) {
      at += r.int(1000, 600000);
      history.push({ object: 'job_history', id: r.int(1, 9999999), state: option(r, JOB_STATE), updatedon: at, note: awkward(r, r.pick(['', 'queued by API', 'retrying after timeout', 'done'])) });
    }
    return {
      object: 'job',
      id: this.nextId,
      owner: awkward(r, r.pick(['alice@example.com', 'bob@example.com', 'ops@acme.test'])),
      createdon: created,
      lastupdatedon: at,
      attempts: r.int(1, 3),
      history,
      command: option(r, JOB_COMMAND),
      objecttype: option(r, JOB_OBJECT_TYPE),
      currentstate: option(r, JOB_STATE),
      // An untyped map (no `object` key), as GoGrid's JSON gives it.
      detail: { type: r.pick(['virtual_server', 'load_balancer', 'server_image']), description: sentence(r) },
    };
  }

  private ip(): GoObject {
    const r = this.r;
    const a = address(r);
    return { object: 'ip', id: r.int(1, 99999), ip: a.ip, state: option(r, IP_STATE), subnet: a.subnet, public: r.chance(0.8) };
  }

  private ipPort(): GoObject {
    return { object: 'ipportpair', ip: this.ip(), port: this.r.pick([80, 443, 8080, 8443, 3306]) };
  }
}

function option(r: Random, choices: readonly Choice[]): GoObject {
  const [id, name, description] = r.pick(choices);
  return { object: 'option', id, name, description };
}

function hex(r: Random, digits: number): string {
  let s = '';
  for (let i = 0; i < digits; i++) s += '0123456789abcdef'[r.int(0, 15)];
  return s;
}
