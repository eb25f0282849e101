/**
 * The XML decoder core: GoGrid's generic markup to trees. Entities, CDATA, comments, the XML
 * declaration, line ends, whitespace, typing by the grammars, the `object` attribute rule, each
 * XML_* error at its position, and hostile documents (entity expansion, external entities, deep
 * nesting). Each case is decoded whole, per character, per byte and split at several places.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { decode, type Document, encode, type GoObject } from '../../src/index.js';
import { treeDifference } from '../../src/tree/equal.js';
import { decodeChunks, feedings } from '../helpers/chunks.js';
import { expectations, type Failure, obj } from '../helpers/expect.js';

const { expectTree, expectFailure } = expectations('xml');





const IP_HEAD = 'method="/grid/ip/list" status="success"';
/** An ip-list envelope around the given objects. */
function env(objects: string, head = IP_HEAD): string {
  return `<gogrid><response ${head}><list>${objects}</list></response></gogrid>`;
}
/** The tree of {@link env}. */
function tree(list: GoObject[], head: Record<string, unknown> = { method: '/grid/ip/list', status: 'success' }): Document {
  return { ...head, list } as Document;
}
/** One ip object with one attribute, as markup. */
function ipWith(name: string, inner: string): string {
  return env(`<object name="ip"><attribute name="${name}">${inner}</attribute></object>`);
}

// ---------------------------------------------------------------------------------------------
// Text

test('entities and character references decode', () => {
  expectTree(ipWith('ip', 'a&amp;b&lt;c&#233;&#x1F600;&gt;&quot;&apos;'), tree([{ object: 'ip', ip: 'a&b<cé😀>"\'' }]));
});

test('CDATA is kept exactly, `]]` inside included', () => {
  expectTree(ipWith('ip', '<![CDATA[x]]y<&>  \n]]>'), tree([{ object: 'ip', ip: 'x]]y<&>  \n' }]));
  expectTree(ipWith('ip', 'a<![CDATA[<b>]]>c'), tree([{ object: 'ip', ip: 'a<b>c' }]));
});

test('comments and processing instructions are skipped, also inside a text value', () => {
  expectTree(ipWith('ip', 'a<!--x-->b'), tree([{ object: 'ip', ip: 'ab' }]));
  expectTree(ipWith('ip', 'a<!--x-->b<?pi z?>c'), tree([{ object: 'ip', ip: 'abc' }]));
  expectTree(`<!-- before --><?pi x?>\n${env('<!-- in list --><object name="ip"><!-- in object --><attribute name="id">1</attribute></object>')}<!-- after -->\n`, tree([{ object: 'ip', id: 1 }]));
});

test('the XML declaration: utf-8, UTF-8 or none are accepted', () => {
  for (const decl of ['<?xml version="1.0" encoding="utf-8" ?>\n', '<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?>\r\n', '']) {
    expectTree(`${decl}${env('')}`, tree([]));
  }
});

test('a declaration naming another encoding is refused with XML_ENCODING_UNSUPPORTED', () => {
  expectFailure(`<?xml version="1.0" encoding="ISO-8859-1"?>${env('')}`, { code: 'XML_ENCODING_UNSUPPORTED', line: 1, column: 44, offset: 43 });
});

test('CRLF and lone CR in text become LF (XML\'s rule); &#13; keeps a CR', () => {
  expectTree(ipWith('ip', 'a\r\nb\rc&#13;d'), tree([{ object: 'ip', ip: 'a\nb\nc\rd' }]));
});

test('text values are kept exactly, inner spaces and line breaks included', () => {
  expectTree(ipWith('ip', '  a  b \n c  '), tree([{ object: 'ip', ip: '  a  b \n c  ' }]));
  expectTree(ipWith('friendlyName', 'Line one\n  line two\n'), tree([{ object: 'ip', friendlyName: 'Line one\n  line two\n' }]));
});

test('whitespace-only text between elements is layout, but a whitespace-only value is kept', () => {
  expectTree(env('\n  <object name="ip">\n   <attribute name="x">  </attribute>\n  </object>\n'), tree([{ object: 'ip', x: '  ' }]));
  expectTree(`\n<gogrid>\n  <response ${IP_HEAD}>\n    <list>\n      <object name="ip">\n        <attribute name="ip">\n</attribute>\n      </object>\n    </list>\n  </response>\n</gogrid>\n`, tree([{ object: 'ip', ip: '\n' }]));
});

test('a real GoGrid document: declaration, CRLF, `returned="5" />` spacing, multi-line text', () => {
  const text =
    '<?xml version="1.0" encoding="utf-8" ?>\r\n<gogrid>\r\n  <response method="/grid/ip/list" status="success">\r\n    <summary total="1" start="0" returned="1" />\r\n' +
    '    <list>\r\n      <object name="ip">\r\n        <attribute name="id">5</attribute>\r\n        <attribute name="ip">line1\r\nline2</attribute>\r\n      </object>\r\n    </list>\r\n  </response>\r\n</gogrid>\r\n';
  expectTree(text, { method: '/grid/ip/list', status: 'success', summary: { total: 1, start: 0, returned: 1 }, list: [{ object: 'ip', id: 5, ip: 'line1\nline2' }] });
});

// ---------------------------------------------------------------------------------------------
// The envelope

test('<summary> attributes in any order, unknown ones kept, no numpages; typed by the envelope grammar', () => {
  expectTree(`<gogrid><response ${IP_HEAD}><summary returned="5" start="0" foo="bar" total="7" /><list/></response></gogrid>`, {
    method: '/grid/ip/list',
    status: 'success',
    summary: { returned: 5, start: 0, foo: 'bar', total: 7 },
    list: [],
  });
  // A summary integer that does not read back stays text.
  expectTree('<gogrid><response method="/grid/ip/list"><summary total="x" start="007"/><list/></response></gogrid>', { method: '/grid/ip/list', summary: { total: 'x', start: '007' }, list: [] });
});

test('<response> attributes in source order; extras kept as text', () => {
  expectTree('<gogrid><response status="success" extra="5" method="/m"><list/></response></gogrid>', { status: 'success', extra: '5', method: '/m', list: [] });
});

test('a <response> without <list> is an envelope with an empty list; <list/> too', () => {
  expectTree(`<gogrid><response ${IP_HEAD}></response></gogrid>`, tree([]));
  expectTree(`<gogrid><response ${IP_HEAD}><summary total="1"/></response></gogrid>`, { method: '/grid/ip/list', status: 'success', summary: { total: 1 }, list: [] });
  expectTree(`<gogrid><response ${IP_HEAD}><list/></response></gogrid>`, tree([]));
  expectTree('<gogrid><response/></gogrid>', { list: [] });
});

// ---------------------------------------------------------------------------------------------
// Objects and values

test('self-closing <object name="x"/> is an empty object; <attribute name="x"/> and an empty one are null', () => {
  expectTree(env('<object name="x"/><object name="ip"><attribute name="ip"/><attribute name="id"></attribute></object>'), tree([{ object: 'x' }, { object: 'ip', ip: null, id: null }]));
});

test('a bare <object> root is a fragment', () => {
  expectTree('<object name="ip"><attribute name="id">1</attribute><attribute name="public">true</attribute></object>', { object: 'ip', id: 1, public: true });
  expectTree('<object name="ip"/>\n\n', { object: 'ip' });
});

test('an untyped <object>: typed by what the grammar expects there, else all text', () => {
  expectTree('<object><attribute name="id">1</attribute></object>', { id: '1' });
  expectTree(env('<object><attribute name="id">1</attribute></object>'), tree([{ id: 1 }]));
  expectTree(env('<object><attribute name="id">1</attribute></object>', 'method="/grid/unknown/list"'), { method: '/grid/unknown/list', list: [{ id: '1' }] });
});

test('nested objects and lists', () => {
  expectTree(
    env(
      '<object name="loadbalancer"><attribute name="realiplist"><list><object name="ipportpair"><attribute name="port">80</attribute></object><object><attribute name="port">81</attribute></object></list></attribute><attribute name="empty"><list/></attribute><attribute name="none"><object/></attribute></object>',
      'method="/grid/loadbalancer/list"',
    ),
    { method: '/grid/loadbalancer/list', list: [{ object: 'loadbalancer', realiplist: [{ object: 'ipportpair', port: 80 }, { port: 81 }], empty: [], none: {} }] },
  );
});

test('typing: integers, doubles and booleans only where the grammar says so and the text reads back', () => {
  expectTree(
    env('<object name="ip"><attribute name="id">007</attribute><attribute name="public">True</attribute><attribute name="subnet">5</attribute><attribute name="foo">7</attribute></object><object name="ip"><attribute name="id">7</attribute><attribute name="public">true</attribute></object><object name="ip"><attribute name="id"> 7</attribute><attribute name="public">false</attribute></object>'),
    tree([
      { object: 'ip', id: '007', public: 'True', subnet: '5', foo: '7' },
      { object: 'ip', id: 7, public: true },
      { object: 'ip', id: ' 7', public: false },
    ]),
  );
  expectTree(
    env('<object name="serverimage"><attribute name="price">0.0</attribute></object><object name="serverimage"><attribute name="price">0</attribute></object><object name="serverimage"><attribute name="price">1.0E7</attribute><attribute name="createdTime">1248385571829</attribute><attribute name="updatedTime">Sat Jul 12 00:00:00 PDT 2008</attribute></object>', 'method="/grid/image/list"'),
    {
      method: '/grid/image/list',
      list: [
        { object: 'serverimage', price: 0 },
        { object: 'serverimage', price: '0' },
        { object: 'serverimage', price: 1e7, createdTime: 1248385571829, updatedTime: 'Sat Jul 12 00:00:00 PDT 2008' },
      ],
    },
  );
  // An integer beyond 2^53 stays text.
  expectTree(ipWith('id', '9007199254740993'), tree([{ object: 'ip', id: '9007199254740993' }]));
});

test('an untyped nested object is typed by its parent\'s grammar', () => {
  expectTree(
    env('<object name="server"><attribute name="ip"><object><attribute name="id">5</attribute><attribute name="public">false</attribute><attribute name="state"><object><attribute name="id">2</attribute></object></attribute></object></attribute></object>', 'method="/grid/server/list"'),
    { method: '/grid/server/list', list: [{ object: 'server', ip: { id: 5, public: false, state: { id: 2 } } }] },
  );
});

test('the object rule: a string <attribute name="object"> in an untyped object becomes its type and moves first', () => {
  expectTree(env('<object><attribute name="id">5</attribute><attribute name="object">ip</attribute><attribute name="public">true</attribute></object>'), tree([{ object: 'ip', id: 5, public: true }]));
  expectTree('<object><attribute name="x">1</attribute><attribute name="object">foo</attribute></object>', { object: 'foo', x: '1' });
});

test('the object rule: a type given by <attribute name="object"> types the attributes after it, as <object name> does', () => {
  expectTree('<object><attribute name="object">ip</attribute><attribute name="id">5</attribute><attribute name="public">true</attribute></object>', { object: 'ip', id: 5, public: true });
  expectTree(env('<object><attribute name="object">ip</attribute><attribute name="id">5</attribute></object>', 'method="/grid/unknown/list"'), { method: '/grid/unknown/list', list: [{ object: 'ip', id: 5 }] });
});

test('the object rule: <attribute name="object"> in a typed object is XML_DUPLICATE_ATTRIBUTE', () => {
  expectFailure(env('<object name="ip"><attribute name="id">5</attribute><attribute name="object">ip</attribute></object>'), { code: 'XML_DUPLICATE_ATTRIBUTE', line: 1, column: 117, offset: 116, path: '/list/0/object' });
});

test('hostile attribute names are data', () => {
  expectTree('<gogrid><response><list><object><attribute name="__proto__"><object><attribute name="polluted">1</attribute></object></attribute><attribute name="constructor">c</attribute></object></list></response></gogrid>', {
    list: [obj(['__proto__', { polluted: '1' }], ['constructor', 'c'])],
  });
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});

test('a bare <object> whose `list` attribute is a list reads as an envelope', () => {
  expectTree('<object name="ip"><attribute name="list"><list><object name="ip"/></list></attribute><attribute name="status">ok</attribute></object>', { object: 'ip', status: 'ok', list: [{ object: 'ip' }] } as Document);
});

// ---------------------------------------------------------------------------------------------
// Errors

const ERRORS: { description: string; text: string; error: Failure }[] = [
  { description: 'a DOCTYPE', text: '<!DOCTYPE gogrid><gogrid/>', error: { code: 'XML_DOCTYPE_FORBIDDEN', line: 1, column: 18, offset: 17 } },
  { description: 'an unexpected element in <gogrid>', text: '<gogrid><foo/></gogrid>', error: { code: 'XML_UNEXPECTED_ELEMENT', line: 1, column: 9, offset: 8 } },
  { description: 'an unexpected element in an <object>', text: env('<object name="ip"><foo/></object>'), error: { code: 'XML_UNEXPECTED_ELEMENT', line: 1, column: 83, offset: 82 } },
  { description: 'an unexpected root', text: '<response/>', error: { code: 'XML_UNEXPECTED_ELEMENT', line: 1, column: 1, offset: 0 } },
  { description: '<summary> after <list>', text: '<gogrid><response><list/><summary/></response></gogrid>', error: { code: 'XML_UNEXPECTED_ELEMENT', line: 1, column: 26, offset: 25 } },
  { description: 'a second <response>', text: '<gogrid><response><list/></response><response/></gogrid>', error: { code: 'XML_UNEXPECTED_ELEMENT', line: 1, column: 37, offset: 36 } },
  { description: 'an element in <summary>', text: '<gogrid><response><summary><x/></summary></response></gogrid>', error: { code: 'XML_UNEXPECTED_ELEMENT', line: 1, column: 28, offset: 27 } },
  { description: 'two objects in one <attribute>', text: env('<object name="ip"><attribute name="a"><object/><object/></attribute></object>'), error: { code: 'XML_UNEXPECTED_ELEMENT', line: 1, column: 112, offset: 111 } },
  { description: 'a foreign element in a nested <list>', text: env('<object name="ip"><attribute name="a"><list><foo/></list></attribute></object>'), error: { code: 'XML_UNEXPECTED_ELEMENT', line: 1, column: 109, offset: 108 } },
  { description: 'an element after a lone CR (XML counts it as a line end)', text: '<gogrid>\r<response>\r<foo/></response></gogrid>', error: { code: 'XML_UNEXPECTED_ELEMENT', line: 3, column: 1, offset: 20 } },
  { description: 'an element after CRLF', text: '<gogrid>\r\n<response>\r\n<foo/></response></gogrid>', error: { code: 'XML_UNEXPECTED_ELEMENT', line: 3, column: 1, offset: 22 } },
  { description: 'text in an <object>', text: env('<object name="ip">text</object>'), error: { code: 'XML_UNEXPECTED_TEXT', line: 1, column: 83, offset: 82 } },
  { description: 'text in <response> (where the text starts)', text: '<gogrid><response>text<list/></response></gogrid>', error: { code: 'XML_UNEXPECTED_TEXT', line: 1, column: 19, offset: 18 } },
  { description: 'text after an element in an <object> (where the text starts, its leading space included)', text: env('<object name="ip">\n  <attribute name="x">a</attribute> junk</object>'), error: { code: 'XML_UNEXPECTED_TEXT', line: 2, column: 36, offset: 118 } },
  { description: 'text and an element in one <attribute>', text: env('<object name="ip"><attribute name="a">x<object/></attribute></object>'), error: { code: 'XML_UNEXPECTED_TEXT', line: 1, column: 103, offset: 102 } },
  { description: 'an element then text in one <attribute>', text: env('<object name="ip"><attribute name="a"><object/>x</attribute></object>'), error: { code: 'XML_UNEXPECTED_TEXT', line: 1, column: 112, offset: 111 } },
  { description: 'an unexpected XML attribute on <object>', text: env('<object name="ip" id="5"></object>'), error: { code: 'XML_UNEXPECTED_ATTRIBUTE', line: 1, column: 65, offset: 64, path: '/list/0' } },
  { description: 'an unexpected XML attribute on <attribute>', text: env('<object name="ip"><attribute name="a" b="c">1</attribute></object>'), error: { code: 'XML_UNEXPECTED_ATTRIBUTE', line: 1, column: 83, offset: 82, path: '/list/0' } },
  { description: 'an XML attribute on <gogrid>', text: '<gogrid a="1"><response/></gogrid>', error: { code: 'XML_UNEXPECTED_ATTRIBUTE', line: 1, column: 1, offset: 0 } },
  { description: 'an XML attribute on <list>', text: '<gogrid><response><list a="1"/></response></gogrid>', error: { code: 'XML_UNEXPECTED_ATTRIBUTE', line: 1, column: 19, offset: 18 } },
  { description: 'an <attribute> without name', text: env('<object name="ip"><attribute>1</attribute></object>'), error: { code: 'XML_MISSING_ATTRIBUTE', line: 1, column: 83, offset: 82, path: '/list/0' } },
  { description: 'the same attribute twice', text: env('<object name="ip"><attribute name="a">1</attribute><attribute name="a">2</attribute></object>'), error: { code: 'XML_DUPLICATE_ATTRIBUTE', line: 1, column: 116, offset: 115, path: '/list/0/a' } },
  { description: 'an unclosed element', text: env('<object name="ip"><attribute name="a">1</attribute>'), error: { code: 'XML_MALFORMED', line: 1, column: 123, offset: 122 } },
  { description: 'a mismatched closing tag', text: env('<object name="ip"><attribute name="a">1</attr></object>'), error: { code: 'XML_MALFORMED', line: 1, column: 111, offset: 110 } },
  { description: 'an undefined entity', text: ipWith('a', '&foo;'), error: { code: 'XML_MALFORMED', line: 1, column: 108, offset: 107 } },
  { description: 'a reference to a character XML forbids', text: ipWith('a', '&#1;'), error: { code: 'XML_MALFORMED', line: 1, column: 107, offset: 106 } },
  { description: 'two roots', text: '<object/><object/>', error: { code: 'XML_MALFORMED', line: 1, column: 18, offset: 17 } },
  { description: 'two roots on two lines', text: '<object/>\n<object/>', error: { code: 'XML_MALFORMED', line: 2, column: 9, offset: 18 } },
  { description: 'an element after the root', text: '<gogrid><response/></gogrid><x/>', error: { code: 'XML_MALFORMED', line: 1, column: 32, offset: 31 } },
  { description: 'empty input', text: '', error: { code: 'XML_UNEXPECTED_END', line: 1, column: 1, offset: 0 } },
  { description: 'only whitespace', text: '   ', error: { code: 'XML_UNEXPECTED_END', line: 1, column: 4, offset: 3 } },
  { description: 'the input ends inside the root', text: '<gogrid>', error: { code: 'XML_UNEXPECTED_END', line: 1, column: 9, offset: 8 } },
];

for (const row of ERRORS) {
  test(`error: ${row.description} → ${row.error.code} at ${row.error.line}:${row.error.column}`, () => {
    expectFailure(row.text, row.error);
  });
}

test('text after CRLF line ends: the offset counts the CRs (where the text starts)', () => {
  expectFailure('<gogrid>\r\n<response>\r\n  \r\n  junk<list/></response></gogrid>', { code: 'XML_UNEXPECTED_TEXT', line: 2, column: 11, offset: 20 });
  expectFailure('<gogrid>\r\n<response><list>\r\n<object name="ip">\r\n<attribute name="a"><object/>\r\nx</attribute></object></list></response></gogrid>', { code: 'XML_UNEXPECTED_TEXT', line: 4, column: 30, offset: 77 });
});

test('text with no root is positioned within the input', () => {
  expectFailure('abc', { code: 'XML_MALFORMED', line: 1, column: 4, offset: 3 });
  expectFailure('abc\n', { code: 'XML_MALFORMED', line: 2, column: 1, offset: 4 });
});

test('limits, with their positions and paths', () => {
  const long = 'x'.repeat(20);
  expectFailure(`<gogrid><response><list><object name="ip"><attribute name="a">${long}</attribute></object></list></response></gogrid>`, { code: 'TREE_VALUE_TOO_LONG', line: 1, column: 63, offset: 62, path: '/list/0/a' }, { limits: { maxValueLength: 10 } });
  expectFailure(`<gogrid><response><list><object name="ip"><attribute name="${long}">x</attribute></object></list></response></gogrid>`, { code: 'TREE_VALUE_TOO_LONG', line: 1, column: 43, offset: 42, path: '/list/0' }, { limits: { maxValueLength: 10 } });
  expectFailure(`<gogrid><response method="${long}"><list/></response></gogrid>`, { code: 'TREE_VALUE_TOO_LONG', line: 1, column: 9, offset: 8 }, { limits: { maxValueLength: 10 } });
  expectFailure('<gogrid><response><list><object name="ip"><attribute name="a">1</attribute><attribute name="b">1</attribute><attribute name="c">1</attribute></object></list></response></gogrid>', { code: 'TREE_TOO_MANY_ATTRIBUTES', line: 1, column: 76, offset: 75, path: '/list/0' }, { limits: { maxAttributes: 2 } });
  expectFailure('<gogrid><response><list><object name="ip"><attribute name="a"><list><object/><object/><object/></list></attribute></object></list></response></gogrid>', { code: 'TREE_TOO_MANY_ITEMS', line: 1, column: 87, offset: 86, path: '/list/0/a' }, { limits: { maxListItems: 2 } });
  expectFailure(`<gogrid><response><list><object name="ip"><attribute name="a">${'x'.repeat(200)}</attribute></object></list></response></gogrid>`, { code: 'TREE_OBJECT_TOO_LARGE', line: 1, column: 25, offset: 24 }, { limits: { maxObjectText: 100 } });
});

test('a <response> attribute name longer than maxValueLength is TREE_VALUE_TOO_LONG', () => {
  expectFailure(`<gogrid><response ${'k'.repeat(20)}="1"><list/></response></gogrid>`, { code: 'TREE_VALUE_TOO_LONG', line: 1, column: 9, offset: 8 }, { limits: { maxValueLength: 10 } });
});

test('`]]>` in text is not well-formed', () => {
  expectFailure('<gogrid><response><list><object name="ip"><attribute name="a">a]]>b</attribute></object></list></response></gogrid>', { code: 'XML_MALFORMED', line: 1, column: 67, offset: 66 });
});

// ---------------------------------------------------------------------------------------------
// Hostile input

test('billion laughs is refused with XML_DOCTYPE_FORBIDDEN, quickly', () => {
  const lol = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<gogrid><response><list><object name="ip"><attribute name="ip">&lol9;</attribute></object></list></response></gogrid>`;
  const started = Date.now();
  expectFailure(lol, { code: 'XML_DOCTYPE_FORBIDDEN', line: 7, column: 3, offset: 289 });
  assert.ok(Date.now() - started < 2000, 'well under a second per decode');
});

test('an external entity is refused with XML_DOCTYPE_FORBIDDEN, quickly', () => {
  const xxe = '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><object name="ip"><attribute name="ip">&xxe;</attribute></object>';
  const started = Date.now();
  expectFailure(xxe, { code: 'XML_DOCTYPE_FORBIDDEN', line: 1, column: 80, offset: 79 });
  assert.ok(Date.now() - started < 2000);
});

test('10,000-deep nesting is refused with TREE_DEPTH_EXCEEDED, without a stack overflow', () => {
  const depth = 10_000;
  const nested = `<object name="a">${'<attribute name="x"><object>'.repeat(depth)}${'</object></attribute>'.repeat(depth)}</object>`;
  const listed = `<gogrid><response><list><object name="a">${'<attribute name="x"><list><object>'.repeat(depth)}${'</object></list></attribute>'.repeat(depth)}</object></list></response></gogrid>`;
  const started = Date.now();
  const a = decodeChunks('xml', [nested]);
  assert.deepEqual({ ...a, path: undefined }, { ok: false, code: 'TREE_DEPTH_EXCEEDED', line: 1, column: 1802, offset: 1801, path: undefined });
  assert.equal((a as { path?: string }).path, `/${Array(64).fill('x').join('/')}`);
  const b = decodeChunks('xml', [listed]);
  assert.equal(b.ok, false);
  if (!b.ok) {
    assert.equal(b.code, 'TREE_DEPTH_EXCEEDED');
    assert.deepEqual([b.line, b.column, b.offset], [1, 2210, 2209]);
    assert.ok(b.path?.startsWith('/list/0/x/0/x/0/'));
  }
  assert.ok(Date.now() - started < 2000);
  // The same position whatever the chunking (a shorter document that is still too deep).
  const short = `<object name="a">${'<attribute name="x"><object>'.repeat(70)}${'</object></attribute>'.repeat(70)}</object>`;
  const whole = decodeChunks('xml', [short]);
  for (const { label, chunks } of feedings(short, 3)) assert.deepEqual(decodeChunks('xml', chunks), whole, label);
});

test('`]]>`, `<` and `&` in values round trip', () => {
  const doc: Document = { method: '/grid/ip/list', list: [{ object: 'ip', ip: 'a]]>b<c&d&amp;', subnet: '<![CDATA[x]]>' }] };
  const text = encode(doc, { format: 'xml' });
  expectTree(text, doc);
  assert.equal(treeDifference(decode(text), doc), undefined);
});

test('XML attributes of a tag: a duplicate is XML_MALFORMED at the end of the tag, as saxes reports it', () => {
  expectFailure(env('<object name="ip" name="x"></object>'), { code: 'XML_MALFORMED', line: 1, column: 92, offset: 91 });
  expectFailure(env('<object name="ip"><attribute a="1" name="x" a="2">1</attribute></object>'), { code: 'XML_MALFORMED', line: 1, column: 115, offset: 114 });
});

test('the envelope and summary XML attributes count against maxAttributes; a tag with 50,000 attributes fails at once', () => {
  const summary = '<gogrid><response method="/grid/ip/list"><summary total="1" start="0" returned="1"/><list/></response></gogrid>';
  expectFailure(summary, { code: 'TREE_TOO_MANY_ATTRIBUTES', line: 1, column: 42, offset: 41, path: '/summary' }, { limits: { maxAttributes: 2 } });
  expectFailure(summary.replace('method="/grid/ip/list"', 'method="/grid/ip/list" status="success" x="1"'), { code: 'TREE_TOO_MANY_ATTRIBUTES', line: 1, column: 9, offset: 8 }, { limits: { maxAttributes: 2 } });
  const many = Array.from({ length: 50000 }, (_, i) => `a${i}="${i}"`).join(' ');
  assert.equal(decodeChunks('xml', [`<gogrid><response><summary ${many}/><list/></response></gogrid>`]).ok, false);
  assert.equal(decodeChunks('xml', [`<gogrid><response><list><object ${many}/></list></response></gogrid>`]).ok, false);
});
