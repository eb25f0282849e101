/**
 * The event protocol: documentEvents turns a tree into events (envelope, object*, [envelope],
 * end, or fragment, end) and DocumentCollector builds the same tree back, member order kept.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { CodecError, type CodecEvent, type Document, DocumentCollector, documentEvents, type GoObject } from '../../src/index.js';
import { setAttribute } from '../../src/tree/checks.js';
import { treeDifference } from '../../src/tree/equal.js';

const a: GoObject = { object: 'ip', id: 1 };
const b: GoObject = { object: 'ip', id: 2, state: { object: 'option', id: 1, name: 'Assigned' } };
const summary = { total: 2, start: 0, returned: 2 };

/** The events in a compact form: type, and for envelopes the head's keys and finality. */
function shape(events: CodecEvent[]): string[] {
  return events.map((e) => {
    switch (e.type) {
      case 'envelope':
        return `envelope${e.final ? '!' : '?'}(${Object.keys(e.head).join(',')})`;
      case 'object':
        return `object(${String(e.object['id'])})`;
      case 'fragment':
        return 'fragment';
      case 'end':
        return 'end';
    }
  });
}

function collect(events: Iterable<CodecEvent>): Document {
  const c = new DocumentCollector();
  for (const e of events) c.push(e);
  return c.document();
}

function withHostile(): Document {
  const doc = {} as Document;
  setAttribute(doc, '__proto__', 'extra');
  setAttribute(doc, 'status', 'success');
  setAttribute(doc, 'list', [a]);
  setAttribute(doc, 'constructor', 'late');
  return doc;
}

const ROWS: { description: string; doc: Document; events: string[]; headFirst: string[] }[] = [
  {
    description: 'members before list',
    doc: { status: 'success', method: '/grid/ip/list', summary, list: [a, b] },
    events: ['envelope!(status,method,summary)', 'object(1)', 'object(2)', 'end'],
    headFirst: ['envelope!(status,method,summary)', 'object(1)', 'object(2)', 'end'],
  },
  {
    description: 'members after list (alphabetical order, GoGrid style)',
    doc: { list: [a, b], method: '/grid/ip/list', status: 'success', summary },
    events: ['envelope?()', 'object(1)', 'object(2)', 'envelope!(method,status,summary)', 'end'],
    headFirst: ['envelope!(method,status,summary)', 'object(1)', 'object(2)', 'end'],
  },
  {
    description: 'members around list',
    doc: { summary, status: 'success', list: [a], method: '/grid/ip/list', extra: 'x' },
    events: ['envelope?(summary,status)', 'object(1)', 'envelope!(summary,status,method,extra)', 'end'],
    headFirst: ['envelope!(summary,status,method,extra)', 'object(1)', 'end'],
  },
  {
    description: 'an empty list, members around it',
    doc: { status: 'success', list: [], method: '/grid/ip/list' },
    events: ['envelope?(status)', 'envelope!(status,method)', 'end'],
    headFirst: ['envelope!(status,method)', 'end'],
  },
  {
    description: 'a list and nothing else',
    doc: { list: [a] },
    events: ['envelope!()', 'object(1)', 'end'],
    headFirst: ['envelope!()', 'object(1)', 'end'],
  },
  {
    description: 'extras of every scalar kind and null',
    doc: { status: 'failure', n: 0, t: true, z: null, list: [a], after: 'x' },
    events: ['envelope?(status,n,t,z)', 'object(1)', 'envelope!(status,n,t,z,after)', 'end'],
    headFirst: ['envelope!(status,n,t,z,after)', 'object(1)', 'end'],
  },
  {
    description: 'hostile member names',
    doc: withHostile(),
    events: ['envelope?(__proto__,status)', 'object(1)', 'envelope!(__proto__,status,constructor)', 'end'],
    headFirst: ['envelope!(__proto__,status,constructor)', 'object(1)', 'end'],
  },
  {
    description: 'a fragment',
    doc: b,
    events: ['fragment', 'end'],
    headFirst: ['fragment', 'end'],
  },
  {
    description: 'a fragment whose list attribute is not a list',
    doc: { object: 'x', list: 'not a list' },
    events: ['fragment', 'end'],
    headFirst: ['fragment', 'end'],
  },
];

for (const row of ROWS) {
  test(`documentEvents: ${row.description}`, () => {
    assert.deepEqual(shape([...documentEvents(row.doc)]), row.events);
    assert.deepEqual(shape([...documentEvents(row.doc, true)]), row.headFirst);
  });

  test(`round trip through DocumentCollector keeps the order: ${row.description}`, () => {
    const back = collect(documentEvents(row.doc));
    assert.equal(treeDifference(back, row.doc), undefined);
    assert.deepEqual(Object.keys(back), Object.keys(row.doc));
  });
}

test('documentEvents: objects are passed as they are, in list order', () => {
  const events = [...documentEvents({ list: [a, b], status: 'success' })];
  const objects = events.filter((e) => e.type === 'object').map((e) => (e as { object: GoObject }).object);
  assert.equal(objects[0], a);
  assert.equal(objects[1], b);
  const fragment = [...documentEvents(b)][0];
  assert.ok(fragment?.type === 'fragment' && fragment.object === b);
});

test('documentEvents: the final head carries the whole head, not a difference', () => {
  const events = [...documentEvents({ status: 'success', list: [a], method: '/m' })];
  const last = events.filter((e) => e.type === 'envelope').at(-1);
  assert.ok(last?.type === 'envelope');
  assert.deepEqual(last.head, { status: 'success', method: '/m' });
});

test('documentEvents: undefined members are left out', () => {
  const doc = { status: 'success', list: [a], extra: undefined } as Document;
  assert.deepEqual(shape([...documentEvents(doc)]), ['envelope!(status)', 'object(1)', 'end']);
});

test('documentEvents: the last event is always end, the first envelope always precedes objects', () => {
  for (const row of ROWS) {
    for (const headFirst of [false, true]) {
      const events = [...documentEvents(row.doc, headFirst)];
      assert.equal(events.at(-1)?.type, 'end');
      assert.equal(events.filter((e) => e.type === 'end').length, 1);
      const firstObject = events.findIndex((e) => e.type === 'object');
      if (firstObject >= 0) assert.equal(events[0]?.type, 'envelope');
      const finals = events.filter((e) => e.type === 'envelope' && e.final);
      if (events[0]?.type === 'envelope') assert.equal(finals.length, 1, 'exactly one final envelope');
    }
  }
});

test('DocumentCollector: head-first events put every member before list', () => {
  const doc = { list: [a], method: '/grid/ip/list', status: 'success' };
  const back = collect(documentEvents(doc, true));
  assert.deepEqual(Object.keys(back), ['method', 'status', 'list']);
  assert.deepEqual(back, doc);
});

test('DocumentCollector: members known early keep their place and take the final value', () => {
  const events: CodecEvent[] = [
    { type: 'envelope', head: { status: 'success', method: '/early' }, final: false },
    { type: 'object', object: a },
    { type: 'envelope', head: { status: 'success', method: '/final', summary }, final: true },
    { type: 'end' },
  ];
  const back = collect(events);
  assert.equal(treeDifference(back, { status: 'success', method: '/final', list: [a], summary }), undefined);
});

test('DocumentCollector: hostile member names stay own data properties', () => {
  const back = collect(documentEvents(withHostile()));
  assert.deepEqual(Object.keys(back), ['__proto__', 'status', 'list', 'constructor']);
  assert.equal(Object.getPrototypeOf(back), Object.prototype);
  assert.equal(Object.getOwnPropertyDescriptor(back, '__proto__')?.value, 'extra');
});

test('DocumentCollector: refuses incomplete event streams with TREE_INVALID_ENVELOPE', () => {
  const rows: { description: string; events: CodecEvent[] }[] = [
    { description: 'no events', events: [] },
    { description: 'only end', events: [{ type: 'end' }] },
    { description: 'no end (envelope)', events: [{ type: 'envelope', head: { status: 'success' }, final: true }, { type: 'object', object: a }] },
    { description: 'no end (fragment)', events: [{ type: 'fragment', object: a }] },
    {
      description: 'no final envelope',
      events: [{ type: 'envelope', head: { status: 'success' }, final: false }, { type: 'object', object: a }, { type: 'end' }],
    },
    { description: 'objects without an envelope', events: [{ type: 'object', object: a }, { type: 'end' }] },
    {
      description: 'a stream cut before its late envelope',
      events: [...documentEvents({ list: [a], status: 'success' })].filter((e) => !(e.type === 'envelope' && e.final)),
    },
  ];
  for (const row of rows) {
    const c = new DocumentCollector();
    assert.throws(
      () => {
        // The collector may refuse as soon as an event is out of place, or when asked for the document.
        for (const e of row.events) c.push(e);
        c.document();
      },
      (e: unknown) => e instanceof CodecError && e.code === 'TREE_INVALID_ENVELOPE',
      row.description,
    );
  }
});


const BROKEN: { description: string; events: CodecEvent[] }[] = [
  {
    description: 'an envelope with objects, then a fragment (the envelope and its objects would be dropped)',
    events: [{ type: 'envelope', head: { status: 'success' }, final: true }, { type: 'object', object: a }, { type: 'fragment', object: b }, { type: 'end' }],
  },
  { description: 'two fragments', events: [{ type: 'fragment', object: a }, { type: 'fragment', object: b }, { type: 'end' }] },
  { description: 'an event after end', events: [{ type: 'fragment', object: a }, { type: 'end' }, { type: 'object', object: b }] },
  {
    description: 'an object before the first envelope',
    events: [{ type: 'object', object: a }, { type: 'envelope', head: { status: 'success' }, final: true }, { type: 'end' }],
  },
  {
    description: 'an envelope after the final one',
    events: [{ type: 'envelope', head: { status: 'success' }, final: true }, { type: 'envelope', head: { status: 'failure' }, final: true }, { type: 'end' }],
  },
];

for (const row of BROKEN) {
  test(`DocumentCollector: refuses events that break the protocol: ${row.description}`, () => {
    assert.throws(
      () => collect(row.events),
      (e: unknown) => e instanceof CodecError && e.code === 'TREE_INVALID_ENVELOPE',
    );
  });
}
