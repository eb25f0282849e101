/**
 * The XML decoder core, on saxes: GoGrid's generic markup
 * (`<gogrid><response><summary/><list><object name><attribute name>…`, or a bare `<object>`)
 * to events, each list object emitted as its `</object>` closes.
 *
 * Every value is text; the grammar types it (a number or boolean only when it reads back to the
 * same text). An empty element is `null`. Whitespace-only text between elements is layout; the
 * text of a scalar attribute is kept exactly. A DOCTYPE is refused.
 */
import type { XMLDecl } from 'saxes';
import { CodecError, type CodecErrorCode, codecError, pointer, quote } from '../errors.js';
import { type AttributeInfo, type AttributeKind, grammars, listedType } from '../grammar/grammars.js';
import { typeText } from '../grammar/typing.js';
import { setAttribute, type Position, type TreeLimits } from '../tree/checks.js';
import { type LimitName, limitError } from '../tree/limits.js';
import { checkHead } from '../tree/check.js';
import { type CodecEvent, END } from '../tree/events.js';
import { type EnvelopeHead, type GoObject, isEnvelope, type Summary, type Value } from '../tree/types.js';
import type { DecoderCore, TextPosition } from '../text/feed.js';
import { LineIndex } from '../text/line-index.js';
import { type RawAttribute, type Tag, type TokenHandlers, XmlTokenizer } from './tokenizer.js';

// What an open element is (| marks where the decoder stands).
const F_GOGRID = 0; //         `<gogrid>|`
const F_RESPONSE = 1; //       `<response method status>|`
const F_SUMMARY = 2; //        `<summary total …>|`
const F_ENVELOPE_LIST = 3; //  `<response><list>|`
const F_OBJECT = 4; //         `<object name="ip">|`
const F_ATTRIBUTE = 5; //      `<attribute name="id">|`
const F_LIST = 6; //           `<attribute name="realiplist"><list>|`
const ELEMENT = ['gogrid', 'response', 'summary', 'list', 'object', 'attribute', 'list'];

/** One open element. One shape for all kinds, so that the decoder's hot paths stay monomorphic. */
class Frame {
  kind = F_GOGRID;
  /** F_OBJECT: the object; F_ATTRIBUTE: the owner's. */
  object: GoObject = EMPTY;
  /** F_OBJECT: the type its attributes are typed by (its own name, else what the grammar expects). */
  typing: string | undefined = undefined;
  /** F_OBJECT: the grammar's attributes of `typing` (looked up once per object, not per attribute). */
  known: ReadonlyMap<string, AttributeInfo> | undefined = undefined;
  /** F_OBJECT: depth; F_ATTRIBUTE/F_LIST: attribute count of the owner so far (F_OBJECT too). */
  depth = 0;
  count = 0;
  /** F_ATTRIBUTE: the name; F_OBJECT in a list: '' (its index is `index`). */
  name = '';
  index = -1;
  /** F_ATTRIBUTE: accumulated text, where it started, and the nested object or list. */
  text = '';
  textOffset = -1;
  textLine = 0;
  textColumn = 0;
  child: Value | undefined = undefined;
  /** F_LIST: the items and their type. */
  items: GoObject[] = [];
  type: string | undefined = undefined;
  /** Where the element's tag starts. */
  line = 0;
  column = 0;
  offset = 0;
  /** F_GOGRID/F_RESPONSE: whether the expected children were seen. */
  seenA = false;
  seenB = false;
}

const EMPTY: GoObject = Object.freeze({}) as GoObject;
/** Whether text is only XML whitespace (layout between elements). A loop: a regular expression costs several times more per call. */
function isLayout(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}
const ENCODINGS = /^(utf-?8|us-ascii)$/i;

/** saxes is given the input at least at every multiple of this many characters (see `XmlDecoder.write`). */
const STRIDE = 64 * 1024;

/** The grammar's attributes of a type, or `undefined` for an untyped object or an unknown type. */
function typeAttributes(type: string | undefined): ReadonlyMap<string, AttributeInfo> | undefined {
  return type === undefined ? undefined : grammars().types.get(type)?.attributes;
}

/** Decodes GoGrid XML into events. */
export class XmlDecoder implements DecoderCore, TokenHandlers {
  readonly format = 'xml' as const;
  private readonly limits: Readonly<TreeLimits>;
  private readonly sink: (event: CodecEvent) => void;
  private readonly parser: XmlTokenizer;
  /** Open elements; `frames[0..top)` are in use, the rest are kept for reuse. */
  private readonly frames: Frame[] = [];
  private top = 0;
  private head: EnvelopeHead = {};
  private listed: string | undefined;
  private count = 0;
  private rooted = false;
  private done = false;
  /** Where the last markup ended: where the text that follows it starts. */
  private lastOffset = 0;
  private lastLine = 1;
  private lastColumn = 1;
  /** Where the current tag's `<` is. */
  private tagOffset = 0;
  private tagLine = 1;
  private tagColumn = 1;
  /** Where the list object being read started (for the object-size limit), or -1. */
  private objectOffset = -1;
  private objectLine = 0;
  private objectColumn = 0;
  /** Text written but not yet given to saxes (see `write`): pieces as they came, and their length. */
  private held: string[] = [];
  private heldLength = 0;
  /** The name of the start tag being read (between `tagStart` and `open`), or ''. */
  private tagName = '';
  /** After the root closed: how far the text after it is known to be whitespace (for the position of stray text). */
  private afterRoot: TextPosition | undefined;
  private feedingText = '';
  /** How much text saxes has been given, and whether it is reading now. */
  private fed = 0;
  private feeding = 0;
  private writing = false;

  /**
   * @param limits - the tree's limits.
   * @param sink - receives the events.
   */
  constructor(limits: Readonly<TreeLimits>, sink: (event: CodecEvent) => void) {
    this.limits = limits;
    this.sink = sink;
    this.parser = new XmlTokenizer(this);
  }

  /**
   * Takes the next piece of the document. saxes is given text at cut points that depend on the
   * text only, never on how it was split: after a `>` (inside the root, up to the last `>` at
   * hand; outside it, one piece per `>`, because there saxes reports stray text where its chunks
   * end), and at every multiple of {@link STRIDE} characters of input. At those multiples the
   * text, comment or attribute value saxes holds unreported is checked against maxValueLength:
   * so a decoder holds at most about the limit plus one stride of one value, and the outcome is
   * the same however the input arrives. A piece is searched for `>` once and held as it came
   * (never joined again), so time is linear in the input whatever the chunking.
   * @param text - the next piece of the document.
   */
  write(text: string): void {
    let rest = text;
    while (rest !== '') {
      const at = this.fed + this.heldLength;
      const room = STRIDE - (at % STRIDE);
      if (rest.length < room) {
        this.piece(rest);
        break;
      }
      this.piece(rest.slice(0, room));
      rest = rest.slice(room);
      if (this.heldLength > 0) this.feed(this.take(''));
      this.checkStride();
    }
    this.checkHeld(this.fed + this.heldLength);
  }

  /** Gives saxes what a piece completes (see `write`) and holds the rest. */
  private piece(text: string): void {
    let rest = text;
    while (rest !== '') {
      const gt = !this.rooted || this.done ? rest.indexOf('>') : rest.lastIndexOf('>');
      if (gt < 0) break;
      this.feed(this.take(rest.slice(0, gt + 1)));
      rest = rest.slice(gt + 1);
    }
    if (rest !== '') {
      this.held.push(rest);
      this.heldLength += rest.length;
    }
  }

  /** The held pieces and `text`, as one string; nothing is held after. */
  private take(text: string): string {
    if (this.held.length === 0) return text;
    const all = this.held.join('') + text;
    this.held = [];
    this.heldLength = 0;
    return all;
  }

  /**
   * At a multiple of STRIDE: what saxes holds unreported may not exceed maxValueLength. It is
   * positioned where the handler that would report it positions the same error, so the error
   * is the same whether the value ends before a multiple of STRIDE or after.
   */
  private checkStride(): void {
    const held = this.parser.held();
    if (held <= this.limits.maxValueLength) return;
    const state = this.parser.state();
    if (state === 'tag') this.limit('maxValueLength', this.tagAt(), this.path());
    const frame = this.top === 0 ? undefined : this.frame(this.top - 1);
    if (state === 'text' && frame !== undefined) {
      if (frame.kind === F_ATTRIBUTE) {
        if (frame.text.length + held > this.limits.maxValueLength) this.limit('maxValueLength', frame.textOffset < 0 ? this.lastPosition() : this.textStart(frame), this.path());
        return;
      }
      if (!isLayout(this.parser.heldText())) this.fail('XML_UNEXPECTED_TEXT', `<${ELEMENT[frame.kind] ?? ''}> holds elements, not text (the text starts here)`, this.lastPosition());
    }
    this.limit('maxValueLength', this.lastPosition(), this.path());
  }

  private limit(limit: LimitName, at: Position, path?: string): never {
    throw limitError(limit, this.limits, 'xml', { ...at, ...(path === undefined || path === '' ? {} : { path }) });
  }

  private feed(text: string): void {
    this.writing = true;
    this.feeding = text.length;
    this.feedingText = text;
    this.parser.write(text);
    this.writing = false;
    this.feeding = 0;
    this.feedingText = '';
    if (this.done) this.afterRoot = this.stray(this.afterRoot ?? this.lastPosition(), text, this.fed, false);
    this.fed += text.length;
  }

  /**
   * Walks the whitespace after the root in `text` (which starts at offset `base`) from `from`
   * (at or after `base`). saxes reports stray text after the root where its chunk ends, not where
   * the text starts, so the lines from `from` on are counted here, by a {@link LineIndex}.
   * @returns the position of the first other character when `stop`, else where the text ends.
   */
  private stray(from: TextPosition, text: string, base: number, stop: boolean): TextPosition {
    const begin = Math.max(0, from.offset - base);
    let k = begin;
    if (!stop) k = Math.max(k, text.length);
    else {
      for (; k < text.length; k++) {
        const c = text.charCodeAt(k);
        if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      }
    }
    const lines = new LineIndex();
    lines.set(from.line, from.offset - from.column + 1);
    return lines.at(text, base, k, begin);
  }

  /** The input is complete. */
  end(): void {
    if (this.heldLength > 0) this.feed(this.take(''));
    if (!this.rooted) this.fail('XML_UNEXPECTED_END', 'the input has no root element', this.here());
    if (this.top > 0) {
      this.fail('XML_UNEXPECTED_END', `the input ends inside <${ELEMENT[this.frame(this.top - 1).kind] ?? ''}>`, this.here());
    }
    // saxes's close() reports its own errors from inside: its position is exact then.
    this.writing = true;
    this.parser.close();
    this.writing = false;
    if (!this.done) this.fail('XML_UNEXPECTED_END', 'the input ends before the document does', this.here());
    this.sink(END);
  }

  /** @returns the position after all text written. */
  position(): TextPosition {
    return this.here();
  }

  /** @param error - the error to throw. */
  abort(error: CodecError): never {
    throw error;
  }

  // -------------------------------------------------------------------------------------------
  // saxes handlers

  /** @internal */
  tagStart(name: string): void {
    // saxes has read `<`, the name and the character after it.
    this.tagName = name;
    const p = this.parser.where();
    const offset = p.position - name.length - 2;
    const lineStart = p.positionAtNewLine;
    this.tagOffset = offset;
    if (offset >= lineStart) {
      this.tagLine = p.line;
      this.tagColumn = offset - lineStart + 1;
    } else {
      this.tagLine = p.line - 1;
      this.tagColumn = this.lastColumn + (offset - this.lastOffset);
    }
  }

  /** @internal */
  comment(text: string): void {
    this.markup(text);
  }

  /** @internal */
  pi(body: string): void {
    this.markup(body);
  }

  /** @internal */
  cdata(text: string): void {
    this.text(text);
  }

  /** @internal */
  attribute(count: number): void {
    // The attribute past maxAttributes, while the tag is read (not once it is whole).
    if (count > this.limits.maxAttributes) this.limit('maxAttributes', this.tagAt(), this.tagName === 'summary' ? '/summary' : this.path());
  }

  /** A comment or processing instruction: its text is held while it is read, so it is bounded like a value. */
  private markup(text: string): void {
    if (text.length > this.limits.maxValueLength) this.limit('maxValueLength', this.lastPosition(), this.path());
    this.mark();
    if (this.done) this.afterRoot = this.lastPosition();
  }

  /** @internal */
  declaration(d: XMLDecl): void {
    if (d.encoding !== undefined && !ENCODINGS.test(d.encoding)) {
      this.fail('XML_ENCODING_UNSUPPORTED', `the declaration says encoding ${quote(d.encoding)}; gogrid-codec reads UTF-8`, this.here());
    }
    this.mark();
  }

  /** @internal */
  doctype(): void {
    this.fail('XML_DOCTYPE_FORBIDDEN', 'a DOCTYPE is not allowed (no GoGrid response has one; it is how entity-expansion and external-entity attacks start)', this.here());
  }

  /** @internal */
  malformed(error: Error): void {
    // Stray text after the root is reported where it starts: saxes reports it where its chunk ends.
    const at = this.done && this.afterRoot !== undefined && error.message.includes('outside of root') ? this.stray(this.afterRoot, this.feedingText, this.fed, true) : this.here();
    this.fail('XML_MALFORMED', error.message.replace(/^\d+:\d+: /, ''), at);
  }

  /** @internal */
  open(tag: Tag): void {
    this.tagName = '';
    this.checkHeld(this.parser.where().position);
    const name = tag.name;
    if (this.top === 0) {
      if (this.rooted) this.unexpectedElement(name, 'one root element');
      this.rooted = true;
      if (name === 'gogrid') {
        this.noAttributes(tag);
        this.push(F_GOGRID);
      } else if (name === 'object') {
        this.setObjectStart();
        this.openObject(tag, undefined, 1, -1);
      } else {
        this.unexpectedElement(name, '<gogrid> or <object>');
      }
      this.mark();
      return;
    }
    const parent = this.frame(this.top - 1);
    switch (parent.kind) {
      case F_OBJECT:
        if (name !== 'attribute') this.unexpectedElement(name, '<attribute>');
        this.openAttribute(tag, parent);
        break;
      case F_ENVELOPE_LIST:
        if (name !== 'object') this.unexpectedElement(name, '<object>');
        this.setObjectStart();
        this.openObject(tag, this.listed, 1, this.count);
        break;
      case F_ATTRIBUTE: {
        if (parent.child !== undefined) this.unexpectedElement(name, 'one <object> or <list> in an <attribute>');
        if (parent.text !== '' && !isLayout(parent.text)) {
          this.fail('XML_UNEXPECTED_TEXT', 'an <attribute> holds either text or one element, not both (the text starts here)', this.textStart(parent));
        }
        const owner = this.frame(this.top - 2);
        const type = owner.known?.get(parent.name)?.type;
        if (name === 'object') {
          this.openObject(tag, type, owner.depth + 1, -1);
        } else if (name === 'list') {
          this.noAttributes(tag);
          const list = this.push(F_LIST);
          list.items = [];
          list.type = type;
          list.depth = owner.depth;
        } else {
          this.unexpectedElement(name, '<object> or <list>');
        }
        break;
      }
      case F_LIST:
        if (name !== 'object') this.unexpectedElement(name, '<object>');
        if (parent.items.length + 1 > this.limits.maxListItems) this.limit('maxListItems', this.tagAt(), this.path());
        this.openObject(tag, parent.type, parent.depth + 1, parent.items.length);
        break;
      case F_GOGRID:
        if (name !== 'response' || parent.seenA) this.unexpectedElement(name, parent.seenA ? 'nothing more in <gogrid>' : '<response>');
        parent.seenA = true;
        this.openResponse(tag);
        break;
      case F_RESPONSE:
        if (name === 'summary' && !parent.seenA && !parent.seenB) {
          parent.seenA = true;
          this.openSummary(tag);
        } else if (name === 'list' && !parent.seenB) {
          parent.seenB = true;
          this.noAttributes(tag);
          this.startList();
          this.push(F_ENVELOPE_LIST);
        } else {
          this.unexpectedElement(name, parent.seenB ? 'nothing after <list>' : '<summary> then <list>');
        }
        break;
      default:
        this.unexpectedElement(name, 'no element inside <summary>');
    }
    this.mark();
  }

  /** @internal */
  text(text: string): void {
    this.checkHeld(this.parser.where().position);
    const frame = this.top === 0 ? undefined : this.frame(this.top - 1);
    if (frame !== undefined && frame.kind === F_ATTRIBUTE) {
      if (frame.child !== undefined && !isLayout(text)) {
        this.fail('XML_UNEXPECTED_TEXT', 'an <attribute> holds either text or one element, not both (the text starts here)', this.lastPosition());
      }
      if (frame.textOffset < 0) {
        frame.textOffset = this.lastOffset;
        frame.textLine = this.lastLine;
        frame.textColumn = this.lastColumn;
      }
      frame.text = frame.text === '' ? text : frame.text + text;
      // At the start of the attribute's text (its first run, before any comment or CDATA in it).
      if (frame.text.length > this.limits.maxValueLength) this.limit('maxValueLength', this.textStart(frame), this.path());
    } else if (frame !== undefined && !isLayout(text)) {
      // saxes reports text outside the root itself; this is text inside an element that holds only elements.
      this.fail('XML_UNEXPECTED_TEXT', `<${ELEMENT[frame.kind] ?? ''}> holds elements, not text (the text starts here)`, this.lastPosition());
    } else if (text.length > this.limits.maxValueLength) {
      // Layout is bounded like a value: a decoder holds it while it is read.
      this.limit('maxValueLength', this.lastPosition(), this.path());
    }
    this.mark();
  }

  /** @internal */
  close(): void {
    this.checkHeld(this.parser.where().position);
    const frame = this.frame(--this.top);
    switch (frame.kind) {
      case F_OBJECT:
        this.closeObject(frame);
        break;
      case F_ATTRIBUTE:
        this.setValue(this.frame(this.top - 1), frame);
        break;
      case F_LIST:
        this.frame(this.top - 1).child = frame.items;
        break;
      case F_RESPONSE:
        // A response without a <list> is an envelope with an empty list.
        if (!frame.seenB) this.startList();
        break;
      case F_GOGRID:
        if (!frame.seenA) this.fail('XML_UNEXPECTED_ELEMENT', '</gogrid> before any <response>', this.tagAt());
        this.done = true;
        break;
      default:
        break;
    }
    frame.object = EMPTY;
    frame.child = undefined;
    frame.text = '';
    this.mark();
    if (this.done) this.afterRoot ??= this.lastPosition();
  }

  // -------------------------------------------------------------------------------------------
  // Building

  private openResponse(tag: Tag): void {
    const head: EnvelopeHead = {};
    this.checkCount(tag.list.length);
    for (const { name: key, value } of tag.list) {
      this.checkLength(Math.max(key.length, value.length));
      setAttribute(head, key, key === 'method' || key === 'status' ? value : typeText(value, undefined));
    }
    this.head = head;
    this.push(F_RESPONSE);
  }

  /** The envelope's and the summary's XML attributes are tree attributes: maxAttributes applies. */
  private checkCount(count: number, path?: string): void {
    if (count > this.limits.maxAttributes) this.limit('maxAttributes', this.tagAt(), path);
  }

  private openSummary(tag: Tag): void {
    const summary: Summary = {};
    const kinds = grammars().summary;
    this.checkCount(tag.list.length, '/summary');
    for (const { name: key, value } of tag.list) {
      this.checkLength(Math.max(key.length, value.length));
      setAttribute(summary, key, typeText(value, kinds.get(key)?.kind));
    }
    this.head.summary = summary;
    this.push(F_SUMMARY);
  }

  private startList(): void {
    this.listed = listedType(this.head);
    this.sink({ type: 'envelope', head: this.head, final: true });
  }

  private openObject(tag: Tag, expected: string | undefined, depth: number, index: number): void {
    const frame = this.push(F_OBJECT);
    frame.index = index;
    if (depth > this.limits.maxDepth) this.limit('maxDepth', this.tagAt(), this.path());
    const object: GoObject = {};
    let own: string | undefined;
    const list = tag.list;
    for (let i = 0; i < list.length; i++) {
      const { name: key, value } = list[i] as RawAttribute;
      if (key !== 'name') this.fail('XML_UNEXPECTED_ATTRIBUTE', `<object> takes only a name attribute, not ${quote(key)}`, this.tagAt(), this.path());
      own = value;
      this.checkLength(own.length);
      object['object'] = own;
    }
    frame.object = object;
    frame.typing = own ?? expected;
    frame.known = typeAttributes(frame.typing);
    frame.depth = depth;
    frame.count = own === undefined ? 0 : 1;
  }

  private openAttribute(tag: Tag, owner: Frame): void {
    let name: string | undefined;
    const list = tag.list;
    for (let i = 0; i < list.length; i++) {
      const { name: key, value } = list[i] as RawAttribute;
      if (key !== 'name') this.fail('XML_UNEXPECTED_ATTRIBUTE', `<attribute> takes only a name attribute, not ${quote(key)}`, this.tagAt(), this.path());
      name = value;
    }
    if (name === undefined) this.fail('XML_MISSING_ATTRIBUTE', '<attribute> needs a name', this.tagAt(), this.path());
    this.checkLength(name.length);
    if (Object.prototype.hasOwnProperty.call(owner.object, name)) {
      const what = name === 'object' ? 'the attribute "object" collides with the object\'s type name' : `the attribute ${quote(name)} appears twice`;
      this.fail('XML_DUPLICATE_ATTRIBUTE', what, this.tagAt(), pointer([...this.tokens(), name]));
    }
    if (++owner.count > this.limits.maxAttributes) this.limit('maxAttributes', this.tagAt(), this.path());
    const frame = this.push(F_ATTRIBUTE);
    frame.name = name;
    frame.text = '';
    frame.textOffset = -1;
    frame.child = undefined;
  }

  private closeObject(frame: Frame): void {
    const object = frame.object;
    if (this.top === 0) {
      this.done = true;
      this.objectOffset = -1;
      this.fragment(object);
      return;
    }
    const parent = this.frame(this.top - 1);
    if (parent.kind === F_ENVELOPE_LIST) {
      this.count++;
      this.objectOffset = -1;
      this.sink({ type: 'object', object });
    } else if (parent.kind === F_ATTRIBUTE) {
      parent.child = object;
    } else {
      parent.items.push(object);
    }
  }

  private setValue(owner: Frame, frame: Frame): void {
    const name = frame.name;
    let value: Value;
    if (frame.child !== undefined) {
      value = frame.child;
    } else {
      const kind: AttributeKind | undefined = name === 'object' ? 'string' : owner.known?.get(name)?.kind;
      value = typeText(frame.text, kind);
    }
    if (name === 'object' && typeof value === 'string') {
      // A type name given as an attribute: like `<object name>`, it comes first, and types the
      // attributes that follow.
      const object: GoObject = { object: value };
      for (const key in owner.object) setAttribute(object, key, owner.object[key]);
      owner.object = object;
      owner.typing = value;
      owner.known = typeAttributes(value);
      return;
    }
    setAttribute(owner.object, name, value);
  }

  /** A bare `<object>` document; one whose `list` attribute is a list is an envelope (see `isEnvelope`). */
  private fragment(object: GoObject): void {
    if (!isEnvelope(object)) {
      this.sink({ type: 'fragment', object });
      return;
    }
    const head: EnvelopeHead = {};
    for (const key in object) if (key !== 'list') setAttribute(head, key, object[key]);
    try {
      checkHead(head);
    } catch (e) {
      if (e instanceof CodecError) this.fail(e.code, e.detail, this.lastPosition(), e.path);
      throw e;
    }
    this.sink({ type: 'envelope', head, final: true });
    for (const item of object['list'] as GoObject[]) this.sink({ type: 'object', object: item });
  }

  // -------------------------------------------------------------------------------------------
  // Frames, positions, limits, errors

  private frame(i: number): Frame {
    return this.frames[i] as Frame;
  }

  private push(kind: number): Frame {
    let frame = this.frames[this.top];
    if (frame === undefined) {
      frame = new Frame();
      this.frames.push(frame);
    }
    this.top++;
    frame.kind = kind;
    frame.line = this.tagLine;
    frame.column = this.tagColumn;
    frame.offset = this.tagOffset;
    frame.seenA = false;
    frame.seenB = false;
    return frame;
  }

  /** The path tokens of the innermost open object, from the frames. */
  private tokens(): (string | number)[] {
    const out: (string | number)[] = [];
    for (let i = 0; i < this.top; i++) {
      const f = this.frame(i);
      if (f.kind === F_ENVELOPE_LIST) out.push('list');
      else if (f.kind === F_ATTRIBUTE) out.push(f.name);
      else if (f.kind === F_OBJECT && f.index >= 0) out.push(f.index);
    }
    return out;
  }

  private path(): string {
    return pointer(this.tokens());
  }

  private setObjectStart(): void {
    this.objectOffset = this.tagOffset;
    this.objectLine = this.tagLine;
    this.objectColumn = this.tagColumn;
  }

  /**
   * One list object, or one stretch of markup between two events outside the list objects,
   * may take at most maxObjectText characters of input: checked at every event and on the text
   * held between writes, always against the same starting point.
   */
  private checkHeld(upTo: number): void {
    const inObject = this.objectOffset >= 0;
    const from = inObject ? this.objectOffset : this.lastOffset;
    if (upTo - from > this.limits.maxObjectText) {
      const at = inObject ? { line: this.objectLine, column: this.objectColumn, offset: this.objectOffset } : this.lastPosition();
      this.limit('maxObjectText', at, undefined);
    }
  }

  private checkLength(length: number): void {
    if (length > this.limits.maxValueLength) this.limit('maxValueLength', this.tagAt(), this.path());
  }

  // Positions inside the document come from saxes's own line count (`line`, `positionAtNewLine`,
  // `position`: see `tagStart`, `mark`, `here`), not from a LineIndex. saxes already reads every
  // character once and counts lines as it goes; a LineIndex would have to search the same text for
  // line breaks a second time (each piece given to saxes, on the hot path of every document), only
  // to arrive at the same numbers. It could not even arrive at them: XML's end-of-line rule makes a
  // lone CR a line break too (saxes counts it; a LineIndex counts LF only), so XML's lines and
  // columns after a lone CR would change. Only the whitespace after the root, where saxes does not
  // report the position we need (it reports stray text where its chunk ends), is counted with a
  // LineIndex (`stray`), as it was counted by hand before: LF only.

  /** Remembers where the markup just read ends. */
  private mark(): void {
    const p = this.parser.where();
    this.lastOffset = p.position;
    this.lastLine = p.line;
    this.lastColumn = p.position - p.positionAtNewLine + 1;
  }

  private lastPosition(): TextPosition {
    return { line: this.lastLine, column: this.lastColumn, offset: this.lastOffset };
  }

  private tagAt(): TextPosition {
    return { line: this.tagLine, column: this.tagColumn, offset: this.tagOffset };
  }

  private textStart(frame: Frame): TextPosition {
    return frame.textOffset < 0 ? this.tagAt() : { line: frame.textLine, column: frame.textColumn, offset: frame.textOffset };
  }

  private noAttributes(tag: Tag): void {
    for (const { name: key } of tag.list) this.fail('XML_UNEXPECTED_ATTRIBUTE', `<${tag.name}> takes no attributes, not ${quote(key)}`, this.tagAt());
  }

  private unexpectedElement(name: string, expected: string): never {
    this.fail('XML_UNEXPECTED_ELEMENT', `unexpected <${name}>; expected ${expected}`, this.tagAt());
  }

  /**
   * Where saxes is. Inside a saxes handler its `position` is exact; between writes it is not
   * (it counts the last chunk twice), so the position is then the end of what it was given.
   */
  private here(): TextPosition {
    const p = this.parser.where();
    // At close() saxes may stand one past the end of the input; never report beyond it.
    const offset = this.writing ? Math.min(p.position, this.fed + this.feeding) : this.fed;
    return { line: p.line, column: offset - Math.min(p.positionAtNewLine, offset) + 1, offset };
  }

  private fail(code: CodecErrorCode, detail: string, at: TextPosition, path?: string): never {
    throw codecError('xml', code, detail, at, path);
  }
}
