/**
 * javaDouble: Java's Double.toString, as GoGrid prints doubles in XML and CSV. A table of
 * outputs Java gives, and properties: the text reads back to the same double, and it has Java's
 * shape (plain notation for 10^-3 <= |x| < 10^7, computerized scientific notation otherwise).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { javaDouble } from '../../src/index.js';
import { fcParams } from '../helpers/chunks.js';


/** Inputs and what `Double.toString` prints for them in Java (JDK 19+, shortest digits). */
const JAVA: [number, string, string?][] = [
  [0, '0.0'],
  [-0, '-0.0'],
  [1, '1.0'],
  [-1, '-1.0'],
  [100, '100.0'],
  [0.5, '0.5'],
  [0.1, '0.1'],
  [-2.5, '-2.5'],
  [0.001, '0.001'],
  [0.0012, '0.0012'],
  [9.999999999999998e-4, '9.999999999999998E-4'],
  [1e-4, '1.0E-4'],
  [1.5e-4, '1.5E-4'],
  [1e-5, '1.0E-5'],
  [1e7, '1.0E7'],
  [-1e7, '-1.0E7'],
  [9999999, '9999999.0'],
  [9999999.999999998, '9999999.999999998'],
  [12345678, '1.2345678E7'],
  [123456.789, '123456.789'],
  [1e21, '1.0E21'],
  [1.5e300, '1.5E300'],
  [9.879999876022339, '9.879999876022339'],
  [1.7976931348623157e308, '1.7976931348623157E308'],
  [4.9e-324, '4.9E-324'],
  [1e-323, '9.9E-324'],
  [1.5e-323, '1.5E-323'],
  [2.2250738585072014e-308, '2.2250738585072014E-308'],
  [Number.MAX_SAFE_INTEGER, '9.007199254740991E15'],
  [Number.NaN, 'NaN'],
  [Infinity, 'Infinity'],
  [-Infinity, '-Infinity'],
];

for (const [value, text, todo] of JAVA) {
  test(`javaDouble(${Object.is(value, -0) ? '-0' : String(value)}) is ${text}, as in Java`, todo === undefined ? {} : { todo }, () => {
    assert.equal(javaDouble(value), text);
  });
}

test('Number(javaDouble(x)) === x for every finite double (property)', (t) => {
  const params = fcParams(5000);
  t.diagnostic(`seed ${params.seed}`);
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      assert.ok(Object.is(Number(javaDouble(x)), x), `${javaDouble(x)} reads back as ${Number(javaDouble(x))}, not ${x}`);
    }),
    params,
  );
});

const PLAIN = /^-?(0|[1-9][0-9]*)\.[0-9]+$/;
const SCIENTIFIC = /^-?[1-9]\.[0-9]+E-?[1-9][0-9]*$/;

test('javaDouble has Java shape: plain for 10^-3 <= |x| < 10^7, d.dddE±n otherwise, shortest digits (property)', (t) => {
  const params = fcParams(5000);
  t.diagnostic(`seed ${params.seed}`);
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      const text = javaDouble(x);
      const magnitude = Math.abs(x);
      if (magnitude === 0 || (magnitude >= 1e-3 && magnitude < 1e7)) assert.match(text, PLAIN);
      else assert.match(text, SCIENTIFIC);
      // At least one digit after the point, and no trailing zero beyond that one.
      const mantissa = text.replace(/E.*$/, '');
      const fraction = mantissa.slice(mantissa.indexOf('.') + 1);
      assert.ok(fraction === '0' || !fraction.endsWith('0'), `${text}: no trailing zero`);
      // The same significant digits as JavaScript's shortest representation (not for subnormals,
      // where Java may print two digits where one would do).
      if (magnitude < 2.2250738585072014e-308) return;
      const jsDigits = magnitude === 0 ? '0' : magnitude.toExponential().replace(/e.*$/, '').replace('.', '');
      const javaDigits = mantissa.replace('-', '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '') || '0';
      assert.equal(javaDigits, jsDigits.replace(/0+$/, '') || '0', text);
    }),
    params,
  );
});
