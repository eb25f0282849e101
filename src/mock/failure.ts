/**
 * The mock's failures: what GoGrid answers when a call is wrong.
 */
/**
 * A failure the mock answers with: an HTTP status and GoGrid's `error` object. Method
 * handlers throw it; the server writes it as a failure envelope in the requested format.
 * @example
 * ```ts
 * throw new MockFailure(400, 'IllegalArgumentException', 'No server with id 5');
 * ```
 */
export class MockFailure extends Error {
  /**
   * @param httpStatus - the HTTP status.
   * @param errorcode - GoGrid's error code.
   * @param message - GoGrid's message.
   */
  constructor(
    readonly httpStatus: number,
    readonly errorcode: string,
    message: string,
  ) {
    super(message);
    this.name = 'MockFailure';
  }
}
