/**
 * The one event protocol: every decoder emits these events and every encoder consumes them, so
 * a conversion streams events and never needs the whole tree.
 *
 * | event | carries | when |
 * |---|---|---|
 * | `envelope` | `head`: status, method, summary and unknown members seen so far; `final` | before the first `object` (always); if that one is not final, again with `final: true` after the last object |
 * | `object` | one object of the envelope's `list` | as soon as that object is complete, in list order |
 * | `fragment` | the document's only object | the document is a bare object, not an envelope |
 * | `end` | nothing | the document is complete and valid; always last |
 *
 * A document is either `fragment end`, or `envelope object* end` with a final envelope, or
 * `envelope object* envelope end` where only the second is final. Each `envelope` event carries
 * the whole head known so far, not a difference. XML and CSV put the head first, so their decoders emit one final `envelope`
 * before the first object; JSON may put members after the list, so its decoder emits a
 * non-final `envelope` when the list starts and a final one when the top-level object closes.
 */
import { CodecError } from '../errors.js';
import { setAttribute } from './checks.js';
import { type Document, type EnvelopeHead, type GoObject, isEnvelope, type Envelope } from './types.js';

/** The envelope members known so far; `final` means no other member will follow. */
export interface EnvelopeEvent {
  type: 'envelope';
  head: EnvelopeHead;
  final: boolean;
}
/** One object of the envelope's list. @typeParam T - the objects' interface, when the caller knows it. */
export interface ObjectEvent<T extends GoObject = GoObject> {
  type: 'object';
  object: T;
}
/** The document is this one object. @typeParam T - the object's interface, when the caller knows it. */
export interface FragmentEvent<T extends GoObject = GoObject> {
  type: 'fragment';
  object: T;
}
/** The document is complete. */
export interface EndEvent {
  type: 'end';
}
/** One event of the protocol; see the module documentation for the order. @typeParam T - the objects' interface. */
export type CodecEvent<T extends GoObject = GoObject> = EnvelopeEvent | ObjectEvent<T> | FragmentEvent<T> | EndEvent;

/** The `end` event (one shared instance: events are never mutated). */
export const END: EndEvent = Object.freeze({ type: 'end' });

/**
 * The events of a tree.
 *
 * @param doc - an envelope or a fragment.
 * @param headFirst - emit the final head before the objects even when the tree's `list` comes
 *   before some members (XML and CSV encoders want this; the JSON encoder keeps member order).
 * @returns the events, ending with `end`.
 * @example
 * ```ts
 * [...documentEvents({ status: 'success', list: [{ id: 1 }] })].map((e) => e.type);
 * // ['envelope', 'object', 'end']
 * ```
 */
export function* documentEvents(doc: Document, headFirst = false): Generator<CodecEvent, void, undefined> {
  if (!isEnvelope(doc)) {
    yield { type: 'fragment', object: doc };
    yield END;
    return;
  }
  const before: EnvelopeHead = {};
  const head: EnvelopeHead = {};
  let listSeen = false;
  for (const key in doc) {
    if (key === 'list') {
      listSeen = true;
      continue;
    }
    const value = doc[key];
    if (value === undefined) continue;
    setAttribute(head, key, value);
    if (!listSeen) setAttribute(before, key, value);
  }
  const complete = headFirst || Object.keys(before).length === Object.keys(head).length;
  yield { type: 'envelope', head: complete ? head : before, final: complete };
  for (const object of doc.list) yield { type: 'object', object };
  if (!complete) yield { type: 'envelope', head, final: true };
  yield END;
}

/**
 * Checks that events come in the protocol's order: the one place the order is checked, with one
 * code. Every consumer of events runs them through one — the collector, and every encoding
 * driver (`encode`, `encodeChunks`, `encodeEvents`) — so the encoders themselves trust it.
 *
 * @example
 * ```ts
 * const order = new EventOrder();
 * for (const event of events) order.check(event);
 * order.finish(); // throws TREE_INVALID_ENVELOPE if `end` never came
 * ```
 */
export class EventOrder {
  private state: 'start' | 'list' | 'closed' | 'fragment' | 'ended' = 'start';
  private final = false;

  /**
   * Checks the next event.
   * @param event - the event.
   * @throws CodecError `TREE_INVALID_ENVELOPE` for an event the protocol does not allow here.
   */
  check(event: CodecEvent): void {
    switch (event.type) {
      case 'envelope':
        if (this.state === 'start') {
          this.state = 'list';
          this.final = event.final;
        } else if (this.state === 'list' && !this.final && event.final) {
          this.final = true;
          this.state = 'closed';
        } else {
          throw protocolError('an envelope event out of place');
        }
        return;
      case 'object':
        if (this.state !== 'list') throw protocolError('an object outside the envelope list');
        return;
      case 'fragment':
        if (this.state !== 'start') throw protocolError('a fragment in a document that already began');
        this.state = 'fragment';
        return;
      case 'end':
        if (this.state === 'start' || this.state === 'ended' || !(this.state === 'fragment' || this.final)) {
          throw protocolError(this.state === 'ended' ? 'a second end' : 'the end before the document was complete');
        }
        this.state = 'ended';
        return;
    }
  }

  /**
   * Checks that the events are over: the `end` event has been seen.
   * @throws CodecError `TREE_INVALID_ENVELOPE` when it has not.
   */
  finish(): void {
    if (this.state !== 'ended') throw protocolError('the events ended before the `end` event');
  }

  /** Whether the `end` event has been seen. */
  get ended(): boolean {
    return this.state === 'ended';
  }
}

/**
 * Builds a tree from events, keeping the envelope's member order: members announced before the
 * list come before `list`, members that only the final head has come after it.
 *
 * @example
 * ```ts
 * const c = new DocumentCollector();
 * for (const e of documentEvents(doc)) c.push(e);
 * c.document(); // a tree equal to doc
 * ```
 */
export class DocumentCollector {
  private readonly order = new EventOrder();
  private head: EnvelopeHead | undefined;
  private final: EnvelopeHead | undefined;
  private readonly list: GoObject[] = [];
  private fragment: GoObject | undefined;

  /**
   * Takes the next event.
   * @param event - an event of the protocol, in order.
   * @throws CodecError `TREE_INVALID_ENVELOPE` for an event the protocol does not allow here.
   */
  push(event: CodecEvent): void {
    this.order.check(event);
    switch (event.type) {
      case 'envelope':
        this.head ??= event.head;
        if (event.final) this.final = event.head;
        break;
      case 'object':
        this.list.push(event.object);
        break;
      case 'fragment':
        this.fragment = event.object;
        break;
      case 'end':
        break;
    }
  }

  /**
   * The document the events described.
   * @returns the tree.
   * @throws CodecError `TREE_INVALID_ENVELOPE` when the events did not describe a complete document.
   */
  document(): Document {
    this.order.finish();
    if (this.fragment !== undefined) return this.fragment;
    const head = this.head as EnvelopeHead;
    const final = this.final as EnvelopeHead;
    const doc = {} as Envelope;
    for (const key in head) setAttribute(doc, key, Object.prototype.hasOwnProperty.call(final, key) ? final[key] : head[key]);
    doc.list = this.list;
    for (const key in final) {
      if (!Object.prototype.hasOwnProperty.call(head, key)) setAttribute(doc, key, final[key] ?? null);
    }
    return doc;
  }
}

function protocolError(detail: string): CodecError {
  return new CodecError({ code: 'TREE_INVALID_ENVELOPE', format: 'tree', detail });
}
