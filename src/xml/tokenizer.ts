/**
 * The XML tokenizer: saxes, with the few internals the decoder relies on kept in this one file.
 *
 * saxes is pinned to 6.0.0 (package.json); a saxes without these internals is refused at
 * construction rather than misread. What is used beyond its public API: handlers set as fields
 * in the constructor (not by `on()`), its attribute list read in source order instead of its
 * `Object.create(null)` map, and its position and buffered-text fields.
 */
import type { SaxesParser, SaxesTagPlain, XMLDecl } from 'saxes';
import { saxesParser } from '#platform/saxes.js';

/** An attribute as saxes reads it. */
export interface RawAttribute {
  name: string;
  value: string;
}

/** A tag with the attributes in source order. */
export type Tag = SaxesTagPlain & { list: RawAttribute[] };

/** What the tokenizer reports; every handler may throw to stop it. */
export interface TokenHandlers {
  /** `<name` and one more character have been read. */
  tagStart(name: string): void;
  /** A start tag is complete (`>` or `/>`). */
  open(tag: Tag): void;
  /** An end tag, or the end of an empty element. */
  close(): void;
  /** Character data (entities decoded), up to the next markup. */
  text(text: string): void;
  /** The content of a CDATA section. */
  cdata(text: string): void;
  /** A comment, with its text. */
  comment(text: string): void;
  /** A processing instruction, with its body. */
  pi(body: string): void;
  declaration(decl: XMLDecl): void;
  doctype(): void;
  /** saxes found the text not well-formed. */
  malformed(error: Error): void;
  /** A start tag being read has `count` attributes so far (called after each one). */
  attribute(count: number): void;
}

/** Where the tokenizer stands: valid inside a handler; between writes see {@link XmlTokenizer.position}. */
export interface TokenizerPosition {
  /** Characters read. */
  position: number;
  /** 1-based line. */
  line: number;
  /** Offset where the current line starts. */
  positionAtNewLine: number;
}

/**
 * saxes with its handlers set in the constructor. saxes's `on()` adds each handler to the
 * parser object after construction, which leaves that object in a shape V8 reads slowly;
 * measured on a 40 MB document, the same parser took 6.0 s with ten handlers set by `on()` and
 * 1.8 s with them set here. (saxes calls some handlers without `this`, so they are closures.)
 *
 * @example
 * ```ts
 * const t = new XmlTokenizer(handlers);
 * t.write('<gogrid>');
 * t.held(); // characters of text, comment or attribute value read but not yet reported
 * ```
 */
export class XmlTokenizer {
  private readonly parser: SaxesParser<{ xmlns: false; position: true }>;
  private readonly raw: Record<string, unknown> & TokenizerPosition;

  /** @param handlers - receive the tokens. */
  constructor(handlers: TokenHandlers) {
    this.parser = new (saxesClass())(handlers);
    this.raw = this.parser as unknown as Record<string, unknown> & TokenizerPosition;
  }

  /** @param text - the next piece of the document. */
  write(text: string): void {
    this.parser.write(text);
  }

  /** The input is complete (saxes reports what is unfinished). */
  close(): void {
    this.parser.close();
  }

  /** @returns saxes's position fields (exact inside a handler). */
  where(): TokenizerPosition {
    return this.raw;
  }

  /** @returns how many characters of text, comment, CDATA, processing instruction or attribute value saxes holds, read but not yet reported. */
  held(): number {
    return (this.raw['text'] as string).length;
  }

  /**
   * What saxes is reading: `text` (character data, an entity in it, or CDATA), `tag` (a start
   * tag's attributes), or `other` (a comment, a processing instruction, markup between).
   * @returns the kind of state, from saxes 6.0.0's state numbers.
   */
  state(): 'text' | 'tag' | 'other' {
    const state = this.raw['state'] as number;
    // S_TEXT 13, S_ENTITY 14, S_CDATA 20 … S_CDATA_ENDING_2 22; S_OPEN_TAG 34 … S_ATTRIB_VALUE_UNQUOTED 42.
    if (state === 13 || state === 14 || (state >= 20 && state <= 22)) return 'text';
    if (state >= 34 && state <= 42) return 'tag';
    return 'other';
  }

  /** @returns the text saxes holds (see {@link XmlTokenizer.held}). */
  heldText(): string {
    return this.raw['text'] as string;
  }
}

type Parser = SaxesParser<{ xmlns: false; position: true }>;
let SaxesClass: (new (handlers: TokenHandlers) => Parser) | undefined;

/** The saxes subclass, made on first use: saxes is loaded only when XML is decoded. */
function saxesClass(): new (handlers: TokenHandlers) => Parser {
  if (SaxesClass !== undefined) return SaxesClass;
  const Saxes = saxesParser();
  SaxesClass = class extends Saxes<{ xmlns: false; position: true }> {
    constructor(handlers: TokenHandlers) {
      super({ xmlns: false, position: true });
      const self = this as unknown as Record<string, unknown>;
      if (!Array.isArray(self['attribList']) || typeof self['processAttribs'] !== 'function' || typeof self['text'] !== 'string') {
        throw new Error('gogrid-codec: this version of saxes is not the one it was built for (6.0.0)');
      }
      self['openTagStartHandler'] = (tag: { name: string }) => handlers.tagStart(tag.name);
      self['openTagHandler'] = (tag: Tag) => handlers.open(tag);
      self['closeTagHandler'] = () => handlers.close();
      self['textHandler'] = (text: string) => handlers.text(text);
      self['cdataHandler'] = (text: string) => handlers.cdata(text);
      self['commentHandler'] = (text: string) => handlers.comment(text);
      self['piHandler'] = (pi: { body: string }) => handlers.pi(pi.body);
      self['xmldeclHandler'] = (decl: XMLDecl) => handlers.declaration(decl);
      self['doctypeHandler'] = () => handlers.doctype();
      self['errorHandler'] = (error: Error) => handlers.malformed(error);
      self['attributeHandler'] = () => handlers.attribute((self['attribList'] as RawAttribute[]).length);
      // saxes stores each tag's attributes in an `Object.create(null)` map, a slow dictionary to
      // fill and to enumerate (a fifth of XML→JSON's time). The handlers read the list saxes
      // collected instead, in source order, after the same duplicate check, failing with
      // saxes's own message at the same point.
      self['processAttribs'] = function (this: { attribList: RawAttribute[]; tag: Tag; fail(message: string): void }): void {
        const attributes = this.attribList;
        if (attributes.length > 1) {
          const seen = new Set<string>();
          for (const { name } of attributes) {
            if (seen.has(name)) this.fail(`duplicate attribute: ${name}.`);
            seen.add(name);
          }
        }
        this.tag.list = attributes;
        this.attribList = [];
      };
    }
  };
  return SaxesClass;
}
