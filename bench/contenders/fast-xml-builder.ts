/**
 * The XML encoding reference: fast-xml-parser's `XMLBuilder` writing GoGrid's generic markup
 * (`<object name>`, `<attribute name>`, `<list>`), indented by two spaces like ours. The tree
 * is converted to the builder's input shape untimed; only `build` is timed.
 */
import type { Envelope, GoObject, Value } from '../../src/index.js';
import type { Contender } from '../contender.js';
import { readEnvelope } from '../files.js';

/** fast-xml-parser's input: `@_` keys are XML attributes, `#text` is text, arrays repeat elements. */
interface FxpNode {
  [key: string]: string | FxpNode | FxpNode[];
}

function objectNode(object: GoObject): FxpNode {
  const node: FxpNode = {};
  const type = object['object'];
  if (typeof type === 'string') node['@_name'] = type;
  const attributes: FxpNode[] = [];
  for (const name in object) if (name !== 'object') attributes.push(attributeNode(name, object[name] ?? null));
  node['attribute'] = attributes;
  return node;
}

function attributeNode(name: string, value: Value): FxpNode {
  if (Array.isArray(value)) return { '@_name': name, list: { object: value.map(objectNode) } };
  if (value !== null && typeof value === 'object') return { '@_name': name, object: objectNode(value) };
  return { '@_name': name, '#text': value === null ? '' : String(value) };
}

function gogridMarkup(doc: Envelope): FxpNode {
  const summary: FxpNode = {};
  for (const [key, value] of Object.entries(doc.summary ?? {})) summary[`@_${key}`] = String(value);
  return {
    gogrid: {
      response: { '@_method': doc.method ?? '', '@_status': doc.status ?? '', summary, list: { object: doc.list.map(objectNode) } },
    },
  };
}

/** fast-xml-parser `XMLBuilder.build`. */
export const fastXmlBuilder: Contender = {
  name: 'fast-xml-parser XMLBuilder',
  group: 'reference',
  task: 'encode',
  formats: ['xml'],
  packages: ['fast-xml-parser'],
  async prepare(file) {
    const { XMLBuilder } = await import('fast-xml-parser');
    const doc = await readEnvelope(file);
    const markup = gogridMarkup(doc);
    const builder = new XMLBuilder({ ignoreAttributes: false, format: true, indentBy: '  ' });
    return () => {
      const text = builder.build(markup) as string;
      return Promise.resolve({ objects: doc.list.length, chars: text.length });
    };
  },
};
