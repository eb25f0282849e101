/**
 * Java's `Double.toString`, which is how GoGrid prints doubles in XML and CSV (`0` → `0.0`,
 * `1.0E7`, `1.5E-4`), with the shortest digits that read back to the same double.
 */

/**
 * Formats a number the way Java's `Double.toString` does.
 *
 * @param value - any number.
 * @returns `"0.0"`, `"-0.0"`, `"9.879999876022339"`, `"1.0E7"`, `"1.0E-4"`, `"NaN"`, `"Infinity"` …
 * @example
 * ```ts
 * javaDouble(0);      // "0.0"
 * javaDouble(1e7);    // "1.0E7"
 * javaDouble(0.001);  // "0.001"
 * ```
 */
export function javaDouble(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const magnitude = Math.abs(value);
  // toExponential() without an argument gives the shortest digits that identify the double.
  let exp = magnitude.toExponential();
  if (exp.indexOf('e') === 1) {
    // One significant digit: Java always prints two, choosing the pair closest to the exact
    // value (Double.MIN_VALUE is 4.9E-324, not 5.0E-324).
    const two = magnitude.toExponential(1);
    if (Number(two) === magnitude && two[2] !== '0') exp = two;
  }
  const e = exp.indexOf('e');
  const digits = exp.slice(0, e).replace('.', '');
  const power = Number(exp.slice(e + 1));
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (power >= 0) {
      const whole = digits.slice(0, power + 1).padEnd(power + 1, '0');
      const fraction = digits.slice(power + 1);
      return `${sign}${whole}.${fraction === '' ? '0' : fraction}`;
    }
    return `${sign}0.${'0'.repeat(-power - 1)}${digits}`;
  }
  const fraction = digits.slice(1);
  return `${sign}${digits[0]}.${fraction === '' ? '0' : fraction}E${power}`;
}
