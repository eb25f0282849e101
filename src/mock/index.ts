/**
 * `gogrid-codec/mock`: the offline GoGrid, for testing GoGrid clients (ours and anyone's)
 * without the real API. Node only (`node:http`).
 *
 * @example
 * ```ts
 * import { startMockServer } from 'gogrid-codec/mock';
 * const mock = await startMockServer({ apiKey: 'k', secret: 's', faults: { chunkSize: 7 } });
 * // … point a client at mock.url …
 * await mock.close();
 * ```
 * @packageDocumentation
 */
export { type MockFaults, type MockKeyOrder, type MockRequestRecord, type MockServer, type MockServerOptions, startMockServer } from './server.js';
export { CORPUS_DIRECTORY, type MockKind, MOCK_KINDS, MockStore, type MockStoreOptions } from './store.js';
export { MockFailure } from './failure.js';
export { MOCK_METHODS, type MockMethod, type MockParams } from './methods.js';
