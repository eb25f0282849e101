/**
 * The XML encoder: GoGrid's layout exactly, compact output, the declaration, grammar order,
 * Java-style doubles, escaping, and refusals (characters XML cannot carry, envelope members it
 * cannot represent, values outside the tree model) with their paths.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { decode, type Document, encode, encodeChunks, type EncodeOptions, type GoObject } from '../../src/index.js';
import { setAttribute } from '../../src/tree/checks.js';
import { treeDifference } from '../../src/tree/equal.js';
import { expectThrowsCodecError } from '../helpers/codec-error.js';

function expectRefusal(doc: unknown, code: string, path: string, options: Partial<EncodeOptions> = {}): void {
  expectThrowsCodecError(() => encode(doc as Document, { format: 'xml', ...options }), { code, path });
}

const SMALL: Document = {
  method: '/grid/ip/list',
  status: 'success',
  summary: { total: 1, start: 0, returned: 1 },
  list: [{ object: 'ip', id: 5, ip: '10.0.0.1', state: { object: 'option', id: 1, name: 'Assigned' }, public: true, subnet: null }],
};

const SMALL_XML = `<gogrid>
  <response method="/grid/ip/list" status="success">
    <summary total="1" start="0" returned="1"/>
    <list>
      <object name="ip">
        <attribute name="id">5</attribute>
        <attribute name="ip">10.0.0.1</attribute>
        <attribute name="state">
          <object name="option">
            <attribute name="id">1</attribute>
            <attribute name="name">Assigned</attribute>
          </object>
        </attribute>
        <attribute name="public">true</attribute>
        <attribute name="subnet"></attribute>
      </object>
    </list>
  </response>
</gogrid>
`;

test('GoGrid layout exactly: two-space indent, method and status on <response>, <summary/>, <attribute name>', () => {
  assert.equal(encode(SMALL, { format: 'xml' }), SMALL_XML);
  assert.equal(encode(SMALL, { format: 'xml', indent: 2 }), SMALL_XML);
  assert.equal(treeDifference(decode(SMALL_XML), SMALL), undefined);
  // Status before method in the tree: still method first in the markup.
  assert.equal(encode({ status: 'success', method: '/grid/ip/list', summary: SMALL['summary'], list: (SMALL as { list: GoObject[] }).list } as Document, { format: 'xml' }), SMALL_XML);
});

test('indent: 0 writes everything on one line', () => {
  assert.equal(
    encode(SMALL, { format: 'xml', indent: 0 }),
    '<gogrid><response method="/grid/ip/list" status="success"><summary total="1" start="0" returned="1"/><list><object name="ip"><attribute name="id">5</attribute><attribute name="ip">10.0.0.1</attribute><attribute name="state"><object name="option"><attribute name="id">1</attribute><attribute name="name">Assigned</attribute></object></attribute><attribute name="public">true</attribute><attribute name="subnet"></attribute></object></list></response></gogrid>',
  );
  assert.equal(encode(SMALL, { format: 'xml', indent: 4 }), SMALL_XML.replace(/^( +)/gm, (s) => s + s));
});

test('declaration: an XML declaration first', () => {
  assert.equal(encode(SMALL, { format: 'xml', declaration: true }), `<?xml version="1.0" encoding="UTF-8"?>\n${SMALL_XML}`);
  assert.ok(encode(SMALL, { format: 'xml', declaration: true, indent: 0 }).startsWith('<?xml version="1.0" encoding="UTF-8"?><gogrid><response '));
  assert.equal(encode({ object: 'ip', id: 1 }, { format: 'xml', declaration: true, indent: 0 }), '<?xml version="1.0" encoding="UTF-8"?><object name="ip"><attribute name="id">1</attribute></object>');
  assert.ok(!encode(SMALL, { format: 'xml' }).startsWith('<?xml'));
});

test('envelope members: method, status, extras (as text), summary, list — whatever the tree order', () => {
  const doc: Document = { list: [], summary: { returned: 0, total: 0 }, extra: 5, status: 'success', flag: true, none: null, method: '/m' };
  assert.equal(encode(doc, { format: 'xml', indent: 0 }), '<gogrid><response method="/m" status="success" extra="5" flag="true" none=""><summary returned="0" total="0"/><list></list></response></gogrid>');
  assert.equal(treeDifference(decode(encode(doc, { format: 'xml' })), { method: '/m', status: 'success', extra: '5', flag: 'true', none: null, summary: { returned: 0, total: 0 }, list: [] }), undefined);
  // Summary integers beyond 2^53 are written with all their digits.
  assert.equal(encode({ summary: { total: 2 ** 60, x: 'y' }, list: [] }, { format: 'xml', indent: 0 }), '<gogrid><response><summary total="1152921504606846976" x="y"/><list></list></response></gogrid>');
});

test('a string type name comes first as <object name>, wherever the tree has it', () => {
  assert.equal(encode({ list: [{ id: 1, object: 'ip' }] }, { format: 'xml', indent: 0 }), '<gogrid><response><list><object name="ip"><attribute name="id">1</attribute></object></list></response></gogrid>');
});

test('order: grammar writes a loadbalancer\'s attributes in the grammar\'s order, unknown ones last', () => {
  const doc: Document = {
    method: '/grid/loadbalancer/list',
    list: [{ object: 'loadbalancer', zz: 'u', state: { name: 'On', id: 1 }, name: 'n', realiplist: [{ port: 80, ip: { ip: '1.2.3.4', id: 2 } }], id: 7, aa: 1 }],
  };
  assert.equal(
    encode(doc, { format: 'xml', order: 'grammar', indent: 0 }),
    '<gogrid><response method="/grid/loadbalancer/list"><list><object name="loadbalancer">' +
      '<attribute name="id">7</attribute><attribute name="name">n</attribute>' +
      '<attribute name="realiplist"><list><object><attribute name="ip"><object><attribute name="id">2</attribute><attribute name="ip">1.2.3.4</attribute></object></attribute><attribute name="port">80</attribute></object></list></attribute>' +
      '<attribute name="state"><object><attribute name="id">1</attribute><attribute name="name">On</attribute></object></attribute>' +
      '<attribute name="zz">u</attribute><attribute name="aa">1</attribute>' +
      '</object></list></response></gogrid>',
  );
  // The default keeps the tree's order.
  const tree = encode(doc, { format: 'xml', indent: 0 });
  assert.ok(tree.indexOf('name="zz"') < tree.indexOf('name="state"'));
});

test('doubles Java-style where the grammar says double; integers and unknown numbers as JavaScript prints them', () => {
  const doc: Document = { method: '/grid/image/list', list: [{ object: 'serverimage', price: 0, id: 3 }, { price: 1e7 }, { object: 'serverimage', price: -0 }, { object: 'serverimage', price: 0.5, foo: 0.5 }] };
  assert.equal(
    encode(doc, { format: 'xml', indent: 0 }),
    '<gogrid><response method="/grid/image/list"><list>' +
      '<object name="serverimage"><attribute name="price">0.0</attribute><attribute name="id">3</attribute></object>' +
      '<object><attribute name="price">1.0E7</attribute></object>' +
      '<object name="serverimage"><attribute name="price">-0.0</attribute></object>' +
      '<object name="serverimage"><attribute name="price">0.5</attribute><attribute name="foo">0.5</attribute></object>' +
      '</list></response></gogrid>',
  );
  assert.equal(encode({ list: [{ id: 2 ** 60, object: 'ip' }] }, { format: 'xml', indent: 0 }), '<gogrid><response><list><object name="ip"><attribute name="id">1152921504606846976</attribute></object></list></response></gogrid>');
});

test('escaping: & < > in text, & < > " and CR/TAB/LF in attribute values; ]]> is harmless', () => {
  assert.equal(
    encode({ object: 'ip', ip: 'a&b<c>d"e\r\tf\n', x: ']]>' }, { format: 'xml', indent: 0 }),
    '<object name="ip"><attribute name="ip">a&amp;b&lt;c&gt;d"e&#13;\tf\n</attribute><attribute name="x">]]&gt;</attribute></object>',
  );
  assert.equal(encode({ list: [], status: 'a"&<>\r\t\nb' }, { format: 'xml', indent: 0 }), '<gogrid><response status="a&quot;&amp;&lt;&gt;&#13;&#9;&#10;b"><list></list></response></gogrid>');
  const names = { list: [{ object: 'a"<&>\tb', 'n"&<\n': 'v' }] };
  const text = encode(names, { format: 'xml', indent: 0 });
  assert.equal(text, '<gogrid><response><list><object name="a&quot;&lt;&amp;&gt;&#9;b"><attribute name="n&quot;&amp;&lt;&#10;">v</attribute></object></list></response></gogrid>');
  assert.equal(treeDifference(decode(text), names), undefined);
});

test('hostile names are written as data', () => {
  const o: GoObject = {};
  setAttribute(o, '__proto__', { a: 'x' });
  setAttribute(o, 'constructor', 'c');
  const text = encode({ list: [o] }, { format: 'xml', indent: 0 });
  assert.equal(text, '<gogrid><response><list><object><attribute name="__proto__"><object><attribute name="a">x</attribute></object></attribute><attribute name="constructor">c</attribute></object></list></response></gogrid>');
  assert.equal(treeDifference(decode(text), { list: [o] }), undefined);
});

test('characters XML cannot carry are refused with XML_INVALID_CHARACTER and the value\'s path', () => {
  expectRefusal({ list: [{ a: 'x\u0001y' }] }, 'XML_INVALID_CHARACTER', '/list/0/a');
  expectRefusal({ list: [{ a: [{ b: '\uFFFE' }] }] }, 'XML_INVALID_CHARACTER', '/list/0/a/0/b');
  expectRefusal({ list: [{ a: { b: '\uFFFF' } }] }, 'XML_INVALID_CHARACTER', '/list/0/a/b');
  expectRefusal({ list: [{ a: '\uD800' }] }, 'XML_INVALID_CHARACTER', '/list/0/a');
  expectRefusal({ list: [{ a: 'x\uDC00' }] }, 'XML_INVALID_CHARACTER', '/list/0/a');
  expectRefusal({ list: [{ 'na\u0001me': 'x' }] }, 'XML_INVALID_CHARACTER', '/list/0/na\u0001me');
  expectRefusal({ list: [{ object: 'a\u0000' }] }, 'XML_INVALID_CHARACTER', '/list/0/object');
  expectRefusal({ object: 'ip', a: '\u0008' }, 'XML_INVALID_CHARACTER', '/a');
  expectRefusal({ list: [], status: '\u0002' }, 'XML_INVALID_CHARACTER', '/status');
  expectRefusal({ list: [], summary: { total: '\u0003' } }, 'XML_INVALID_CHARACTER', '/summary/total');
  // A surrogate pair is fine, and so are TAB, LF and CR.
  assert.ok(encode({ list: [{ a: '😀\t\n\r' }] }, { format: 'xml' }).includes('😀\t\n&#13;'));
});

test('envelope members XML cannot carry are refused with XML_UNREPRESENTABLE', () => {
  expectRefusal({ list: [], extra: { a: 1 } }, 'XML_UNREPRESENTABLE', '/extra');
  expectRefusal({ list: [], extra: [{ a: 1 }] }, 'XML_UNREPRESENTABLE', '/extra');
  expectRefusal({ list: [], 'bad name': 1 }, 'XML_UNREPRESENTABLE', '/bad name');
  expectRefusal({ list: [], '1x': 1 }, 'XML_UNREPRESENTABLE', '/1x');
  expectRefusal({ list: [], xmlns: 'x' }, 'XML_UNREPRESENTABLE', '/xmlns');
  expectRefusal({ list: [], summary: { 'a b': 1 } }, 'XML_UNREPRESENTABLE', '/summary/a b');
});

test('values outside the tree model are refused with TREE_UNSUPPORTED_VALUE and their path', () => {
  expectRefusal({ list: [{ a: Number.NaN }] }, 'TREE_UNSUPPORTED_VALUE', '/list/0/a');
  expectRefusal({ list: [{ a: Infinity }] }, 'TREE_UNSUPPORTED_VALUE', '/list/0/a');
  expectRefusal({ list: [{ a: undefined }] }, 'TREE_UNSUPPORTED_VALUE', '/list/0/a');
  expectRefusal({ list: [{ a: () => 1 }] }, 'TREE_UNSUPPORTED_VALUE', '/list/0/a');
  expectRefusal({ list: [{ a: [1] }] }, 'TREE_UNSUPPORTED_VALUE', '/list/0/a/0');
  expectRefusal({ list: [{ a: [{}, 'x'] }] }, 'TREE_UNSUPPORTED_VALUE', '/list/0/a/1');
  expectRefusal({ list: [5] }, 'TREE_UNSUPPORTED_VALUE', '/list/0');
  expectRefusal({ list: [], status: 5 }, 'TREE_INVALID_ENVELOPE', '/status');
});

test('a Date is refused with TREE_UNSUPPORTED_VALUE', () => {
  expectRefusal({ list: [{ a: new Date(0) }] }, 'TREE_UNSUPPORTED_VALUE', '/list/0/a');
  expectRefusal({ object: 'ip', a: { b: new Date(0) } }, 'TREE_UNSUPPORTED_VALUE', '/a/b');
});

test('empty lists, empty objects and empty documents', () => {
  assert.equal(encode({ list: [] }, { format: 'xml', indent: 0 }), '<gogrid><response><list></list></response></gogrid>');
  assert.equal(encode({ list: [{}] }, { format: 'xml', indent: 0 }), '<gogrid><response><list><object/></list></response></gogrid>');
  assert.equal(encode({}, { format: 'xml' }), '<object/>\n');
  assert.equal(encode({ object: 'ip' }, { format: 'xml' }), '<object name="ip"/>\n');
  const nested = encode({ list: [{ a: {}, b: [] }] }, { format: 'xml' });
  assert.equal(
    nested,
    '<gogrid>\n  <response>\n    <list>\n      <object>\n        <attribute name="a">\n          <object/>\n        </attribute>\n        <attribute name="b">\n          <list/>\n        </attribute>\n      </object>\n    </list>\n  </response>\n</gogrid>\n',
  );
  assert.equal(treeDifference(decode(nested), { list: [{ a: {}, b: [] }] }), undefined);
  for (const doc of [{ list: [] }, { status: 'success', list: [] }]) assert.equal(treeDifference(decode(encode(doc, { format: 'xml' })), doc), undefined);
});

test('encodeChunks: the concatenation equals encode', () => {
  const big: Document = { method: '/grid/ip/list', list: Array.from({ length: 1500 }, (_, i) => ({ object: 'ip', id: i, ip: `10.0.${i >> 8}.${i & 255}` })) };
  const chunks = [...encodeChunks(big, { format: 'xml' })];
  assert.ok(chunks.length > 1);
  assert.equal(chunks.join(''), encode(big, { format: 'xml' }));
});
