/**
 * Every contender, in table order: references first, then peers, then ours. Contender modules
 * import their packages lazily, so listing them here loads nothing heavy.
 */
import type { Contender } from '../contender.js';
import { csvParse } from './csv-parse.js';
import { fastXmlBuilder } from './fast-xml-builder.js';
import { fastXmlParser } from './fast-xml-parser.js';
import { gogridDecodeWhole } from './gogrid-decode-whole.js';
import { gogridDecode } from './gogrid-decode.js';
import { gogridEncodeString } from './gogrid-encode-string.js';
import { gogridEncode } from './gogrid-encode.js';
import { jsonParse } from './json-parse.js';
import { jsonStringify } from './json-stringify.js';
import { miller } from './miller.js';
import { papaparseFlat } from './papaparse-flat.js';
import { papaparseTokenize } from './papaparse-tokenize.js';
import { papaparseUnparse } from './papaparse-unparse.js';
import { readFileContender } from './read-file.js';
import { saxesTokenize } from './saxes-tokenize.js';
import { streamJson } from './stream-json.js';
import { streamparserJson } from './streamparser-json.js';
import { txml } from './txml.js';
import { xml2js } from './xml2js.js';

/** All contenders. */
export const CONTENDERS: readonly Contender[] = [
  readFileContender,
  jsonParse,
  saxesTokenize,
  papaparseTokenize,
  jsonStringify,
  fastXmlBuilder,
  papaparseUnparse,
  streamparserJson,
  streamJson,
  fastXmlParser,
  xml2js,
  txml,
  csvParse,
  papaparseFlat,
  miller,
  gogridDecode,
  gogridDecodeWhole,
  gogridEncode,
  gogridEncodeString,
];
