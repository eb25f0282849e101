/** Where the repository is, for tests that read its files (they run from dist/test/…). */
import { fileURLToPath } from 'node:url';

/** The repository's root folder, with a trailing slash. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
