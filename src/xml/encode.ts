/**
 * The XML encoder: events in (head first), GoGrid's generic markup out.
 *
 * ```xml
 * <gogrid>
 *   <response method="/grid/ip/list" status="success">
 *     <summary total="1" start="0" returned="1"/>
 *     <list>
 *       <object name="ip">
 *         <attribute name="id">5</attribute>
 *       </object>
 *     </list>
 *   </response>
 * </gogrid>
 * ```
 */
import { CodecError, pointer, quote } from '../errors.js';
import { type AttributeInfo, grammars, listedType } from '../grammar/grammars.js';
import { scalarText } from '../grammar/typing.js';
import { DEFAULT_LIMITS } from '../tree/checks.js';
import { checkHead } from '../tree/check.js';
import type { CodecEvent } from '../tree/events.js';
import { type EnvelopeHead, type GoObject, isObject, typeName, type Value } from '../tree/types.js';
import { attributeName, escapeAttribute, escapeText } from './escape.js';
import { xmlExtraMembers } from './model.js';

/** Options of the XML encoder. */
export interface XmlEncodeOptions {
  /** Spaces per level (GoGrid uses 2, the default); `0` writes everything on one line. */
  indent: number;
  /** Start with `<?xml version="1.0" encoding="UTF-8"?>`. Default `false` (GoGrid's samples have none). */
  declaration: boolean;
  /** `tree` (default) writes attributes in the tree's order; `grammar` in the grammar's XML order, unknown ones after. */
  order: 'tree' | 'grammar';
}

/**
 * Turns events into GoGrid XML. It needs the final envelope head before the first object;
 * the encoding drivers arrange that (spilling objects when a JSON source puts members last).
 */
export class XmlEncoder {
  /** XML writes the envelope before the list. */
  readonly requires = 'head-first' as const;
  private readonly options: XmlEncodeOptions;
  private listed: string | undefined;
  private state: 'start' | 'list' | 'done' = 'start';
  private count = 0;
  private path: (string | number)[] = [];
  /** The pieces of the current event's text. */
  private out: string[] = [];
  /** Line breaks and indentation, per level. */
  private readonly lines: string[] = [];
  /** Opening attribute tags, per name. */
  private readonly opens = new Map<string, string>();

  /** @param options - see {@link XmlEncodeOptions}. */
  constructor(options: XmlEncodeOptions) {
    this.options = options;
  }

  /**
   * The text for one event.
   * @param event - the next event, head first (the drivers check the protocol order, with `EventOrder`, and hold objects until the final envelope).
   * @returns the text to append.
   * @throws CodecError `XML_INVALID_CHARACTER`, `XML_UNREPRESENTABLE`, `TREE_*`.
   */
  push(event: CodecEvent): string {
    switch (event.type) {
      case 'fragment': {
        this.state = 'done';
        if (!isObject(event.object)) throw unsupported([], event.object);
        const text = this.write(event.object, undefined, 0);
        return this.prolog() + (text.startsWith('\n') ? text.slice(1) : text) + this.newline();
      }
      case 'envelope':
        this.state = 'list';
        return this.head(event.head);
      case 'object': {
        this.path = ['list', this.count++];
        if (!isObject(event.object)) throw unsupported(this.path, event.object);
        return this.write(event.object, this.listed, 3);
      }
      case 'end':
        if (this.state === 'list') {
          this.state = 'done';
          return `${this.line(2)}</list>${this.line(1)}</response>${this.line(0)}</gogrid>${this.newline()}`;
        }
        return '';
    }
  }

  /** The markup of one object, as one flat string. */
  private write(object: GoObject, expected: string | undefined, level: number): string {
    this.out = [];
    this.object(object, expected, level);
    const text = this.out.join('');
    this.out = [];
    return text;
  }

  private head(head: EnvelopeHead): string {
    checkHead(head);
    this.listed = listedType(head);
    let attributes = '';
    if (head.method !== undefined) attributes += ` method="${escapeAttribute(head.method, '/method')}"`;
    if (head.status !== undefined) attributes += ` status="${escapeAttribute(head.status, '/status')}"`;
    for (const [key, value] of xmlExtraMembers(head)) attributes += ` ${key}="${escapeAttribute(scalarText(value, undefined), pointer([key]))}"`;
    let out = `${this.prolog()}<gogrid>${this.line(1)}<response${attributes}>`;
    if (head.summary !== undefined) {
      const kinds = grammars().summary;
      let fields = '';
      for (const field in head.summary) {
        const value = head.summary[field] ?? null;
        fields += ` ${attributeName(field, ['summary', field])}="${escapeAttribute(scalarText(value, kinds.get(field)?.kind), pointer(['summary', field]))}"`;
      }
      out += `${this.line(2)}<summary${fields}/>`;
    }
    return `${out}${this.line(2)}<list>`;
  }

  /**
   * Writes an object's markup into {@link out}. Pieces are gathered in one array per event and
   * joined once (see {@link push}), not concatenated: `+=` would leave a rope of every piece.
   */
  private object(object: GoObject, expected: string | undefined, level: number): void {
    if (level > DEFAULT_LIMITS.maxDepth * 2 + 4) {
      throw new CodecError({ code: 'TREE_DEPTH_EXCEEDED', format: 'tree', detail: 'objects nest too deep (or the structure is cyclic)', path: pointer(this.path) });
    }
    const out = this.out;
    const own = typeName(object);
    const typing = own ?? expected;
    const attributes = typing === undefined ? undefined : grammars().types.get(typing)?.attributes;
    out.push(this.line(level), own === undefined ? '<object' : `<object name="${this.escape(own, true, 'object')}"`, '>');
    const close = out.length - 1;
    let written = 0;
    for (const name of this.names(object, typing)) {
      if (name === 'object' && own !== undefined) continue;
      this.path.push(name);
      this.attribute(name, object[name] as Value, attributes?.get(name), level + 1);
      this.path.pop();
      written++;
    }
    if (written === 0) out[close] = '/>';
    else out.push(this.line(level), '</object>');
  }

  private attribute(name: string, value: Value, info: AttributeInfo | undefined, level: number): void {
    const out = this.out;
    out.push(this.line(level), this.openAttribute(name));
    if (Array.isArray(value)) {
      if (value.length === 0) {
        out.push(this.line(level + 1), '<list/>', this.line(level), '</attribute>');
        return;
      }
      out.push(this.line(level + 1), '<list>');
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        this.path.push(i);
        if (!isObject(item)) throw unsupported(this.path, item);
        this.object(item, info?.type, level + 2);
        this.path.pop();
      }
      out.push(this.line(level + 1), '</list>', this.line(level), '</attribute>');
      return;
    }
    if (isObject(value)) {
      this.object(value, info?.type, level + 1);
      out.push(this.line(level), '</attribute>');
      return;
    }
    switch (typeof value) {
      case 'string':
        out.push(this.escape(value, false), '</attribute>');
        return;
      case 'number':
        if (!Number.isFinite(value)) throw unsupported(this.path, value);
        out.push(scalarText(value, name === 'object' ? 'string' : info?.kind), '</attribute>');
        return;
      case 'boolean':
        out.push(value ? 'true' : 'false', '</attribute>');
        return;
      default:
        if (value === null) {
          out.push('</attribute>');
          return;
        }
        throw unsupported(this.path, value);
    }
  }

  /** `<attribute name="…">` for a name, escaped once per name. */
  private openAttribute(name: string): string {
    let open = this.opens.get(name);
    if (open === undefined) {
      open = `<attribute name="${this.escape(name, true)}">`;
      if (this.opens.size < 4096) this.opens.set(name, open);
    }
    return open;
  }

  /** Escapes a value; a character XML cannot carry is reported with the value's path. */
  private escape(value: string, attribute: boolean, last?: string): string {
    try {
      return attribute ? escapeAttribute(value) : escapeText(value);
    } catch (e) {
      const path = last === undefined ? this.path : [...this.path, last];
      throw e instanceof CodecError ? e.withPath(pointer(path)) : e;
    }
  }

  private names(object: GoObject, typing: string | undefined): Iterable<string> {
    const type = this.options.order === 'grammar' && typing !== undefined ? grammars().types.get(typing) : undefined;
    if (type === undefined) return Object.keys(object);
    const out: string[] = [];
    for (const name of type.order) if (Object.prototype.hasOwnProperty.call(object, name)) out.push(name);
    for (const name of Object.keys(object)) if (!type.attributes.has(name)) out.push(name);
    return out;
  }

  private prolog(): string {
    return this.options.declaration ? `<?xml version="1.0" encoding="UTF-8"?>${this.options.indent > 0 ? '\n' : ''}` : '';
  }

  private line(level: number): string {
    if (this.options.indent === 0) return '';
    let line = this.lines[level];
    if (line === undefined) {
      line = level === 0 ? '\n' : `\n${' '.repeat(level * this.options.indent)}`;
      this.lines[level] = line;
    }
    return line;
  }

  private newline(): string {
    return this.options.indent > 0 ? '\n' : '';
  }
}

function unsupported(path: (string | number)[], value: unknown): CodecError {
  return new CodecError({ code: 'TREE_UNSUPPORTED_VALUE', format: 'tree', detail: `${quote(value)} is not a tree value here`, path: pointer(path) });
}
