/**
 * The XML decoder core, on saxes: GoGrid's generic markup
 * (`<gogrid><response><summary/><list><object name><attribute name>…`, or a bare `<object>`)
 * to events, each list object emitted as its `</object>` closes.
 *
 * Every value is text; the grammar types it (a number or boolean only when it reads back to the
 * same text). An empty element is `null`. Whitespace-only text between elements is layout; the
 * text of a scalar attribute is kept exactly. A DOCTYPE is refused.
 */
import { SaxesParser, type SaxesTagPlain, type XMLDecl } from 'saxes';
import { CodecError, type CodecErrorCode, pointer, quote } from '../errors.js';
import { attributeInfo, grammars, methodType } from '../grammar/grammars.js';
import { typeText } from '../grammar/typing.js';
import { setAttribute, type TreeLimits, TreeBuilder } from '../tree/builder.js';
import { checkHead } from '../tree/check.js';
import { type CodecEvent, END } from '../tree/events.js';
import { type EnvelopeHead, type GoObject, isEnvelope, type Summary, type Value } from '../tree/types.js';
import type { DecoderCore, TextPosition } from '../text/feed.js';

/** What an open element is, in GoGrid's markup. */
type Frame =
  | { kind: 'gogrid'; response: boolean }
  | { kind: 'response'; summary: boolean; list: boolean }
  | { kind: 'summary' }
  | { kind: 'envelope-list' }
  | ObjectFrame
  | AttributeFrame
  | ListFrame;

interface ObjectFrame {
  kind: 'object';
  object: GoObject;
  /** The type its attributes are typed by: its own name, else what the grammar expects here. */
  typing: string | undefined;
  depth: number;
  count: number;
  path: (string | number)[];
}

interface AttributeFrame {
  kind: 'attribute';
  name: string;
  text: string;
  /** Where the text started (for an unexpected-text error). */
  textAt: TextPosition | undefined;
  child: Value | undefined;
  at: TextPosition;
}

interface ListFrame {
  kind: 'list';
  items: GoObject[];
  type: string | undefined;
  path: (string | number)[];
}

const WHITESPACE = /^[ \t\r\n]*$/;

/** Decodes GoGrid XML into events. */
export class XmlDecoder implements DecoderCore {
  readonly format = 'xml' as const;
  private readonly builder: TreeBuilder;
  private readonly sink: (event: CodecEvent) => void;
  private readonly parser: SaxesParser<{ xmlns: false; position: true }>;
  private readonly stack: Frame[] = [];
  private head: EnvelopeHead = {};
  private listed: string | undefined;
  private count = 0;
  private rooted = false;
  private done = false;
  /** Where the last markup event ended: where the text that follows it starts. */
  private last: TextPosition = { line: 1, column: 1, offset: 0 };
  /** Where the current tag's `<` is. */
  private tagAt: TextPosition = { line: 1, column: 1, offset: 0 };
  /** Where the list object being read started (for the object-size limit). */
  private objectAt: TextPosition | undefined;
  /** Text after the last `>` written, not yet given to saxes. */
  private pending = '';
  /** How much text saxes has been given. */
  private fed = 0;
  private writing = false;

  /**
   * @param limits - the tree's limits.
   * @param sink - receives the events.
   */
  constructor(limits: Readonly<TreeLimits>, sink: (event: CodecEvent) => void) {
    this.builder = new TreeBuilder(limits, 'xml');
    this.sink = sink;
    const parser = new SaxesParser({ xmlns: false, position: true });
    this.parser = parser;
    parser.on('error', (e) => this.fail('XML_MALFORMED', e.message.replace(/^\d+:\d+: /, ''), this.here()));
    parser.on('doctype', () => this.fail('XML_DOCTYPE_FORBIDDEN', 'a DOCTYPE is not allowed (no GoGrid response has one; it is how entity-expansion and external-entity attacks start)', this.here()));
    parser.on('xmldecl', (d: XMLDecl) => this.declaration(d));
    parser.on('opentagstart', (tag) => {
      // saxes has read `<`, the name and the character after it.
      const offset = this.parser.position - tag.name.length - 2;
      const lineStart = (this.parser as unknown as { positionAtNewLine: number }).positionAtNewLine;
      if (offset >= lineStart) this.tagAt = { line: this.parser.line, column: offset - lineStart + 1, offset };
      else this.tagAt = { line: this.parser.line - 1, column: this.last.column + (offset - this.last.offset), offset };
    });
    parser.on('opentag', (tag) => this.open(tag));
    parser.on('closetag', () => this.close());
    parser.on('text', (text) => this.text(text));
    parser.on('cdata', (text) => this.text(text));
    parser.on('comment', () => {
      this.last = this.here();
    });
    parser.on('processinginstruction', () => {
      this.last = this.here();
    });
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

  /**
   * One list object, or one stretch of markup between two events outside the list objects,
   * may take at most maxObjectText characters of input: checked at every event and on the text
   * held between writes, always against the same starting point.
   */
  private checkHeld(upTo: number): void {
    const from = this.objectAt ?? this.last;
    if (upTo - from.offset > this.builder.limits.maxObjectText) {
      this.fail('TREE_VALUE_TOO_LONG', `${this.objectAt === undefined ? 'markup' : 'one object'} takes more than maxObjectText (${this.builder.limits.maxObjectText}) characters of input`, from);
    }
  }

  private feed(text: string): void {
    this.writing = true;
    this.parser.write(text);
    this.writing = false;
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
    if (this.stack.length > 0) {
      const open = this.stack[this.stack.length - 1] as Frame;
      this.fail('XML_UNEXPECTED_END', `the input ends inside <${open.kind === 'envelope-list' ? 'list' : open.kind}>`, this.here());
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

  private declaration(d: XMLDecl): void {
    if (d.encoding !== undefined && !/^(utf-?8|us-ascii)$/i.test(d.encoding)) {
      this.fail('XML_ENCODING_UNSUPPORTED', `the declaration says encoding ${quote(d.encoding)}; gogrid-codec reads UTF-8`, this.here());
    }
    this.last = this.here();
  }

  private open(tag: SaxesTagPlain): void {
    this.checkHeld(this.parser.position);
    const name = tag.name;
    const parent = this.stack[this.stack.length - 1];
    if (parent === undefined) {
      if (this.rooted) this.unexpectedElement(name, 'one root element');
      this.rooted = true;
      if (name === 'gogrid') {
        this.noAttributes(tag);
        this.stack.push({ kind: 'gogrid', response: false });
      } else if (name === 'object') {
        this.openObject(tag, undefined, 1, []);
      } else {
        this.unexpectedElement(name, '<gogrid> or <object>');
      }
    } else {
      switch (parent.kind) {
        case 'gogrid':
          if (name !== 'response' || parent.response) this.unexpectedElement(name, parent.response ? 'nothing more in <gogrid>' : '<response>');
          parent.response = true;
          this.openResponse(tag);
          break;
        case 'response':
          if (name === 'summary' && !parent.summary && !parent.list) {
            parent.summary = true;
            this.openSummary(tag);
          } else if (name === 'list' && !parent.list) {
            parent.list = true;
            this.noAttributes(tag);
            this.startList();
            this.stack.push({ kind: 'envelope-list' });
          } else {
            this.unexpectedElement(name, parent.list ? 'nothing after <list>' : '<summary> then <list>');
          }
          break;
        case 'summary':
          this.unexpectedElement(name, 'no element inside <summary>');
          break;
        case 'envelope-list':
          if (name !== 'object') this.unexpectedElement(name, '<object>');
          this.objectAt = this.tagAt;
          this.openObject(tag, this.listed, 1, ['list', this.count]);
          break;
        case 'object':
          if (name !== 'attribute') this.unexpectedElement(name, '<attribute>');
          this.openAttribute(tag, parent);
          break;
        case 'attribute': {
          if (parent.child !== undefined) this.unexpectedElement(name, 'one <object> or <list> in an <attribute>');
          if (!WHITESPACE.test(parent.text)) this.fail('XML_UNEXPECTED_TEXT', 'an <attribute> holds either text or one element, not both', firstVisible(parent.text, parent.textAt ?? this.tagAt));
          const owner = this.stack[this.stack.length - 2] as ObjectFrame;
          const info = attributeInfo(owner.typing, parent.name);
          const path = [...owner.path, parent.name];
          if (name === 'object') this.openObject(tag, info?.type, owner.depth + 1, path);
          else if (name === 'list') {
            this.noAttributes(tag);
            this.stack.push({ kind: 'list', items: [], type: info?.type, path });
          } else this.unexpectedElement(name, '<object> or <list>');
          break;
        }
        case 'list':
          if (name !== 'object') this.unexpectedElement(name, '<object>');
          this.builder.listItems(parent.items.length + 1, () => ({ ...this.tagAt, path: pointer(parent.path) }));
          this.openObject(tag, parent.type, (this.nearestObject()?.depth ?? 0) + 1, [...parent.path, parent.items.length]);
          break;
      }
    }
    this.last = this.here();
  }

  private openResponse(tag: SaxesTagPlain): void {
    const head: EnvelopeHead = {};
    for (const [key, value] of Object.entries(tag.attributes)) {
      this.builder.length(value.length, () => this.tagAt);
      setAttribute(head, key, key === 'method' || key === 'status' ? value : typeText(value, undefined));
    }
    this.head = head;
    this.stack.push({ kind: 'response', summary: false, list: false });
  }

  private openSummary(tag: SaxesTagPlain): void {
    const summary: Summary = {};
    const kinds = grammars().summary;
    for (const [key, value] of Object.entries(tag.attributes)) {
      this.builder.length(value.length, () => this.tagAt);
      setAttribute(summary, key, typeText(value, kinds.get(key)?.kind));
    }
    this.head.summary = summary;
    this.stack.push({ kind: 'summary' });
  }

  private startList(): void {
    this.listed = methodType(this.head.method);
    this.sink({ type: 'envelope', head: this.head, final: true });
  }

  private openObject(tag: SaxesTagPlain, expected: string | undefined, depth: number, path: (string | number)[]): void {
    this.builder.depth(depth, () => ({ ...this.tagAt, path: pointer(path) }));
    const object = this.builder.object();
    let own: string | undefined;
    for (const [key, value] of Object.entries(tag.attributes)) {
      if (key !== 'name') this.fail('XML_UNEXPECTED_ATTRIBUTE', `<object> takes only a name attribute, not ${quote(key)}`, this.tagAt, pointer(path));
      this.builder.length(value.length, () => this.tagAt);
      own = value;
      object['object'] = value;
    }
    this.stack.push({ kind: 'object', object, typing: own ?? expected, depth, count: own === undefined ? 0 : 1, path });
  }

  private openAttribute(tag: SaxesTagPlain, owner: ObjectFrame): void {
    let name: string | undefined;
    for (const [key, value] of Object.entries(tag.attributes)) {
      if (key !== 'name') this.fail('XML_UNEXPECTED_ATTRIBUTE', `<attribute> takes only a name attribute, not ${quote(key)}`, this.tagAt, pointer(owner.path));
      name = value;
    }
    if (name === undefined) this.fail('XML_MISSING_ATTRIBUTE', '<attribute> needs a name', this.tagAt, pointer(owner.path));
    this.builder.length(name.length, () => this.tagAt);
    if (Object.prototype.hasOwnProperty.call(owner.object, name)) {
      const what = name === 'object' ? 'the attribute "object" collides with the object\'s type name' : `the attribute ${quote(name)} appears twice`;
      this.fail('XML_DUPLICATE_ATTRIBUTE', what, this.tagAt, pointer([...owner.path, name]));
    }
    this.builder.attributes(++owner.count, () => ({ ...this.tagAt, path: pointer(owner.path) }));
    this.stack.push({ kind: 'attribute', name, text: '', textAt: undefined, child: undefined, at: this.tagAt });
  }

  private text(text: string): void {
    this.checkHeld(this.parser.position);
    const frame = this.stack[this.stack.length - 1];
    if (frame?.kind === 'attribute') {
      if (frame.child !== undefined && !WHITESPACE.test(text)) this.fail('XML_UNEXPECTED_TEXT', 'an <attribute> holds either text or one element, not both', firstVisible(text, this.last));
      frame.textAt ??= this.last;
      frame.text += text;
      this.builder.length(frame.text.length, () => ({ ...frame.at }));
    } else if (!WHITESPACE.test(text)) {
      // saxes reports text outside the root itself; this is text inside an element that holds only elements.
      if (frame !== undefined) this.fail('XML_UNEXPECTED_TEXT', `<${frame.kind === 'envelope-list' ? 'list' : frame.kind}> holds elements, not text`, firstVisible(text, this.last));
    }
    this.last = this.here();
  }

  private close(): void {
    this.checkHeld(this.parser.position);
    const frame = this.stack.pop() as Frame;
    switch (frame.kind) {
      case 'object':
        this.closeObject(frame);
        break;
      case 'attribute': {
        const owner = this.stack[this.stack.length - 1] as ObjectFrame;
        this.setValue(owner, frame);
        break;
      }
      case 'list': {
        const attribute = this.stack[this.stack.length - 1] as AttributeFrame;
        attribute.child = frame.items;
        break;
      }
      case 'response':
        // A response without a <list> is an envelope with an empty list.
        if (!frame.list) this.startList();
        break;
      case 'gogrid':
        if (!frame.response) this.fail('XML_UNEXPECTED_ELEMENT', '</gogrid> before any <response>', this.tagAt);
        this.done = true;
        break;
      default:
        break;
    }
    if (this.stack.length === 0 && frame.kind === 'object') this.done = true;
    this.last = this.here();
  }

  private closeObject(frame: ObjectFrame): void {
    const parent = this.stack[this.stack.length - 1];
    const object = frame.object;
    if (parent === undefined) {
      this.fragment(object);
    } else if (parent.kind === 'envelope-list') {
      this.count++;
      this.objectAt = undefined;
      this.sink({ type: 'object', object });
    } else if (parent.kind === 'attribute') {
      parent.child = object;
    } else if (parent.kind === 'list') {
      parent.items.push(object);
    }
  }

  private setValue(owner: ObjectFrame, frame: AttributeFrame): void {
    const name = frame.name;
    let value: Value;
    if (frame.child !== undefined) {
      value = frame.child;
    } else {
      const kind = name === 'object' ? 'string' : attributeInfo(owner.typing, name)?.kind;
      value = typeText(frame.text, kind);
    }
    if (name === 'object' && typeof value === 'string') {
      // A type name given as an attribute: like `<object name>`, it comes first.
      const object: GoObject = { object: value };
      for (const key in owner.object) setAttribute(object, key, owner.object[key]);
      owner.object = object;
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
      if (e instanceof CodecError) this.fail(e.code, e.detail, this.last, e.path);
      throw e;
    }
    this.sink({ type: 'envelope', head, final: true });
    for (const item of object['list'] as GoObject[]) this.sink({ type: 'object', object: item });
  }

  private nearestObject(): ObjectFrame | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const f = this.stack[i] as Frame;
      if (f.kind === 'object') return f;
    }
    return undefined;
  }

  private noAttributes(tag: SaxesTagPlain): void {
    const key = Object.keys(tag.attributes)[0];
    if (key !== undefined) this.fail('XML_UNEXPECTED_ATTRIBUTE', `<${tag.name}> takes no attributes, not ${quote(key)}`, this.tagAt);
  }

  private unexpectedElement(name: string, expected: string): never {
    this.fail('XML_UNEXPECTED_ELEMENT', `unexpected <${name}>; expected ${expected}`, this.tagAt);
  }

  /**
   * Where saxes is. Inside a saxes handler its `position` is exact; between writes it is not
   * (it counts the last chunk twice), so the position is then the end of what it was given.
   */
  private here(): TextPosition {
    const p = this.parser;
    if (this.writing) return { line: p.line, column: p.columnIndex + 1, offset: p.position };
    const lineStart = (p as unknown as { positionAtNewLine: number }).positionAtNewLine;
    return { line: p.line, column: this.fed - lineStart + 1, offset: this.fed };
  }

  private fail(code: CodecErrorCode, detail: string, at: TextPosition, path?: string): never {
    throw new CodecError({ code, format: 'xml', detail, ...at, ...(path === undefined ? {} : { path }) });
  }
}

/**
 * The position of the first non-whitespace character of a text that starts at `at`. (saxes
 * gives text with line ends normalised, so after a CRLF the offset may be short by the CRs; the
 * line and column are exact.)
 */
function firstVisible(text: string, at: TextPosition): TextPosition {
  let { line, column, offset } = at;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
      column = 1;
    } else if (c === 0x20 || c === 0x09 || c === 0x0d) {
      column++;
    } else {
      return { line, column, offset: offset + i };
    }
  }
  return { line, column, offset: offset + text.length };
}
