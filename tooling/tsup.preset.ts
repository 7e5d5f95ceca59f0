import type { Options } from 'tsup';

/**
 * The build every Modelyard package shares: ESM only, `.d.ts` beside the JavaScript,
 * Node 22 syntax, dependencies left external (tsup's default for `dependencies` and
 * `peerDependencies`), no minification so stack traces stay readable.
 *
 * @param entry entry points relative to the package folder, e.g. `['src/index.ts']`.
 * @param overrides anything a package needs to add (a CLI banner, extra entries).
 */
export function packageBuild(entry: string[] | Record<string, string>, overrides: Options = {}): Options {
  return {
    entry,
    format: ['esm'],
    target: 'node22',
    platform: 'node',
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: true,
    treeshake: true,
    minify: false,
    ...overrides,
  };
}
