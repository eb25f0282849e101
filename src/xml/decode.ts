/**
 * The XML decoder core, on saxes: GoGrid's generic markup
 * (`<gogrid><response><summary/><list><object name><attribute name>…`, or a bare `<object>`)
 * to events, each list object emitted as its `</object>` closes.
 *
 * Every value is text; the grammar types it (a number or boolean only when it reads back to the
 * same text). An empty element is `null`. Whitespace-only text between elements is layout; the
 * text of a scalar attribute is kept exactly. A DOCTYPE is refused.
 */
import { saxesParser } from '#platform/saxes.js';
import type { SaxesParser, SaxesTagPlain, XMLDecl } from 'saxes';
import { CodecError, type CodecErrorCode, pointer, quote } from '../errors.js';
import { type AttributeInfo, type AttributeKind, grammars, listedType } from '../grammar/grammars.js';
import { typeText } from '../grammar/typing.js';
import { setAttribute, type TreeLimits } from '../tree/builder.js';
import { checkHead } from '../tree/check.js';
import { type CodecEvent, END } from '../tree/events.js';
import { type EnvelopeHead, type GoObject, isEnvelope, type Summary, type Value } from '../tree/types.js';
import type { DecoderCore, TextPosition } from '../text/feed.js';

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

/**
 * saxes with its handlers set in the constructor. saxes's `on()` adds each handler to the
 * parser object after construction, which leaves that object in a shape V8 reads slowly;
 * measured on a 40 MB document, the same parser took 6.0 s with ten handlers set by `on()` and
 * 1.8 s with them set here. (saxes calls some handlers without `this`, so they are closures.)
 */
type Tokenizer = SaxesParser<{ xmlns: false; position: true }>;
let TokenizerClass: (new (decoder: XmlDecoder) => Tokenizer) | undefined;

/** The grammar's attributes of a type, or `undefined` for an untyped object or an unknown type. */
function typeAttributes(type: string | undefined): ReadonlyMap<string, AttributeInfo> | undefined {
  return type === undefined ? undefined : grammars().types.get(type)?.attributes;
}

/** An attribute as saxes reads it. */
interface RawAttribute {
  name: string;
  value: string;
}

/** A tag with the attributes in source order (see the tokenizer's `processAttribs`). */
type Tag = SaxesTagPlain & { list: RawAttribute[] };

/** The part of a saxes parser that collects a tag's attributes. */
interface AttributeCollector {
  attribList: RawAttribute[];
  tag: Tag;
  fail(message: string): void;
}

/** The tokenizer class, made on first use: saxes is loaded only when XML is decoded. */
function tokenizer(decoder: XmlDecoder): Tokenizer {
  if (TokenizerClass === undefined) {
    const Saxes = saxesParser();
    TokenizerClass = class extends Saxes<{ xmlns: false; position: true }> {
      constructor(decoder: XmlDecoder) {
        super({ xmlns: false, position: true });
        const self = this as unknown as Record<string, unknown>;
        self['openTagStartHandler'] = (tag: { name: string }) => decoder.tagStart(tag.name);
        self['openTagHandler'] = (tag: Tag) => decoder.open(tag);
        self['closeTagHandler'] = () => decoder.close();
        self['textHandler'] = (text: string) => decoder.text(text);
        self['cdataHandler'] = (text: string) => decoder.text(text);
        self['commentHandler'] = () => decoder.markup();
        self['piHandler'] = () => decoder.markup();
        self['xmldeclHandler'] = (decl: XMLDecl) => decoder.declaration(decl);
        self['doctypeHandler'] = () => decoder.doctype();
        self['errorHandler'] = (error: Error) => decoder.malformed(error);
        // saxes stores each tag's attributes in an `Object.create(null)` map, a slow
        // dictionary to fill and to enumerate (a fifth of XML→JSON's time). The handlers read the
        // list saxes collected instead, in source order, after the same duplicate check, failing
        // with saxes's own message at the same point.
        // (saxes is pinned to 6.0.0 in package.json; a saxes without these internals is refused
        // here rather than misread.)
        if (!Array.isArray(self['attribList']) || typeof self['processAttribs'] !== 'function') {
          throw new Error('gogrid-codec: this version of saxes is not the one it was built for (6.0.0)');
        }
        self['processAttribs'] = function (this: AttributeCollector): void {
          const list = this.attribList;
          const n = list.length;
          if (n > 1) {
            const seen = new Set<string>();
            for (const { name } of list) {
              if (seen.has(name)) this.fail(`duplicate attribute: ${name}.`);
              seen.add(name);
            }
          }
          this.tag.list = list;
          this.attribList = [];
        };
      }
    };
  }
  return new TokenizerClass(decoder);
}

/** Decodes GoGrid XML into events. */
export class XmlDecoder implements DecoderCore {
  readonly format = 'xml' as const;
  private readonly limits: Readonly<TreeLimits>;
  private readonly sink: (event: CodecEvent) => void;
  private readonly parser: Tokenizer;
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
  /** Text after the last `>` written, not yet given to saxes. */
  private pending = '';
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
    this.parser = tokenizer(this);
  }

  /**
   * Takes the next piece of the document. saxes is given text only up to the last `>`, so that
   * it always sees the input cut at the same kind of place: where and whether it reports an
   * error then does not depend on how the input was split.
   * @param text - the next piece of the document.
   */
  write(text: string): void {
    let all = this.pending + text;
    // Before the root element opens and after it closes, saxes reports stray text where its
    // chunks end, so there it is given one piece per `>`; inside the root, everything up to the
    // last `>` at once.
    while (!this.rooted || this.done) {
      const cut = all.indexOf('>') + 1;
      if (cut === 0) break;
      this.feed(all.slice(0, cut));
      all = all.slice(cut);
    }
    const cut = all.lastIndexOf('>') + 1;
    this.pending = all.slice(cut);
    if (cut > 0) this.feed(all.slice(0, cut));
    this.checkHeld(this.fed + this.pending.length);
  }

  private feed(text: string): void {
    this.writing = true;
    this.feeding = text.length;
    this.parser.write(text);
    this.writing = false;
    this.feeding = 0;
    this.fed += text.length;
  }

  /** The input is complete. */
  end(): void {
    if (this.pending !== '') {
      const rest = this.pending;
      this.pending = '';
      this.feed(rest);
    }
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
    const p = this.parser as unknown as { position: number; line: number; positionAtNewLine: number };
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
  markup(): void {
    this.mark();
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
    this.fail('XML_MALFORMED', error.message.replace(/^\d+:\d+: /, ''), this.here());
  }

  /** @internal */
  open(tag: Tag): void {
    this.checkHeld(this.parser.position);
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
        if (parent.items.length + 1 > this.limits.maxListItems) {
          this.fail('TREE_TOO_MANY_ATTRIBUTES', `a nested list has more than maxListItems (${this.limits.maxListItems}) objects`, this.tagAt(), this.path());
        }
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
    this.checkHeld(this.parser.position);
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
      if (frame.text.length > this.limits.maxValueLength) {
        this.fail('TREE_VALUE_TOO_LONG', `a value is longer than maxValueLength (${this.limits.maxValueLength})`, { line: frame.line, column: frame.column, offset: frame.offset }, this.path());
      }
    } else if (frame !== undefined && !isLayout(text)) {
      // saxes reports text outside the root itself; this is text inside an element that holds only elements.
      this.fail('XML_UNEXPECTED_TEXT', `<${ELEMENT[frame.kind] ?? ''}> holds elements, not text (the text starts here)`, this.lastPosition());
    }
    this.mark();
  }

  /** @internal */
  close(): void {
    this.checkHeld(this.parser.position);
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
    if (count > this.limits.maxAttributes) {
      this.fail('TREE_TOO_MANY_ATTRIBUTES', `an element has more than maxAttributes (${this.limits.maxAttributes}) attributes`, this.tagAt(), path);
    }
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
    if (depth > this.limits.maxDepth) this.fail('TREE_DEPTH_EXCEEDED', `objects nest deeper than maxDepth (${this.limits.maxDepth})`, this.tagAt(), this.path());
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
    if (++owner.count > this.limits.maxAttributes) {
      this.fail('TREE_TOO_MANY_ATTRIBUTES', `an object has more than maxAttributes (${this.limits.maxAttributes}) attributes`, this.tagAt(), this.path());
    }
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
      this.fail('TREE_VALUE_TOO_LONG', `${inObject ? 'one object' : 'markup'} takes more than maxObjectText (${this.limits.maxObjectText}) characters of input`, at);
    }
  }

  private checkLength(length: number): void {
    if (length > this.limits.maxValueLength) {
      this.fail('TREE_VALUE_TOO_LONG', `a value or name is longer than maxValueLength (${this.limits.maxValueLength})`, this.tagAt(), this.path());
    }
  }

  /** Remembers where the markup just read ends. */
  private mark(): void {
    const p = this.parser as unknown as { position: number; line: number; positionAtNewLine: number };
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
    const p = this.parser as unknown as { position: number; line: number; positionAtNewLine: number };
    // At close() saxes may stand one past the end of the input; never report beyond it.
    const offset = this.writing ? Math.min(p.position, this.fed + this.feeding) : this.fed;
    return { line: p.line, column: offset - Math.min(p.positionAtNewLine, offset) + 1, offset };
  }

  private fail(code: CodecErrorCode, detail: string, at: TextPosition, path?: string): never {
    throw new CodecError({ code, format: 'xml', detail, ...at, ...(path === undefined || path === '' ? {} : { path }) });
  }
}
