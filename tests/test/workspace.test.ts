// Keeps every package of the workspace in the shape ARCHITECTURE.md and STYLE.md describe:
// publishable ESM manifests, and dependencies that point one way
// (core ← selector/fallback/monitor/providers/testkit ← modelyard).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const packagesDir = join(root, 'packages');

interface Manifest {
  name: string;
  version: string;
  type?: string;
  private?: boolean;
  sideEffects?: boolean;
  license?: string;
  engines?: Record<string, string>;
  exports?: Record<string, unknown>;
  files?: string[];
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const folders = readdirSync(packagesDir)
  .filter((folder) => existsSync(join(packagesDir, folder, 'package.json')))
  .sort();
const manifests = new Map(
  folders.map((folder) => [folder, readJson<Manifest>(join(packagesDir, folder, 'package.json'))]),
);
const manifestOf = (folder: string): Manifest => {
  const manifest = manifests.get(folder);
  if (!manifest) throw new Error(`no package.json in packages/${folder}`);
  return manifest;
};

const DESIGN_CARD = [
  'core',
  'fallback',
  'modelyard',
  'monitor',
  'provider-custom',
  'provider-lmstudio',
  'provider-local',
  'provider-ollama',
  'provider-openrouter',
  'selector',
  'testkit',
];

/**
 * Runtime edges between two packages that are not core, allowed by name. The only one: OpenRouter
 * speaks the OpenAI chat completions API, and provider-custom is that API's implementation
 * (request body, stream reading, error reading, catalogue cache); provider-openrouter builds on it
 * instead of keeping a copy. provider-custom depends on core alone, so no cycle can form.
 */
const PROVIDER_EXCEPTIONS: Readonly<Record<string, readonly string[]>> = {
  'provider-openrouter': ['provider-custom'],
};

/** Workspace packages a package may depend on at run time. */
function allowedRuntimeDependencies(folder: string): Set<string> {
  if (folder === 'core') return new Set();
  // The umbrella may load the testkit at run time (an optional peer): `modelyard demo` runs on its fakes.
  if (folder === 'modelyard') return new Set(folders.filter((other) => other !== 'modelyard'));
  return new Set(['core', ...(PROVIDER_EXCEPTIONS[folder] ?? [])]);
}

const workspaceName = (folder: string) => (folder === 'modelyard' ? 'modelyard' : `@modelyard/${folder}`);
const folderOfName = new Map(folders.map((folder) => [workspaceName(folder), folder]));

function sourceFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(directory, file));
}

test('every package of the design card exists', () => {
  expect(folders).toEqual(DESIGN_CARD);
});

describe.each(folders)('packages/%s', (folder) => {
  const manifest = manifestOf(folder);
  const directory = join(packagesDir, folder);

  test('is named after its folder, publishable, ESM, without side effects', () => {
    expect(manifest.name).toBe(workspaceName(folder));
    expect(manifest.private).toBeUndefined();
    expect(manifest.type).toBe('module');
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.license).toBe('MIT');
    expect(manifest.engines?.node).toBe('>=22');
  });

  test('exports types first, and ships dist without tests', () => {
    const entry = manifest.exports?.['.'] as Record<string, string>;
    expect(Object.keys(entry)[0]).toBe('types');
    expect(entry.types).toBe('./dist/index.d.ts');
    expect(entry.import).toBe('./dist/index.js');
    expect(manifest.files).toContain('dist');
    expect(manifest.files).toContain('!dist/**/*.test.*');
    expect(manifest.files?.some((pattern) => pattern.startsWith('src'))).toBe(false);
  });

  test('has the shared scripts and presets', () => {
    for (const script of ['build', 'typecheck', 'lint', 'test'])
      expect(manifest.scripts?.[script]).toBeTypeOf('string');
    expect(readJson<{ extends: string }>(join(directory, 'tsconfig.json')).extends).toBe(
      '@modelyard/tooling/tsconfig.base.json',
    );
    expect(readFileSync(join(directory, 'vitest.config.ts'), 'utf8')).toContain("from '@modelyard/tooling/vitest'");
    expect(readFileSync(join(directory, 'tsup.config.ts'), 'utf8')).toContain("from '@modelyard/tooling/tsup'");
    expect(existsSync(join(directory, 'README.md'))).toBe(true);
  });

  test('depends on workspace packages only in the allowed direction', () => {
    const allowed = allowedRuntimeDependencies(folder);
    const runtime = { ...manifest.dependencies, ...manifest.peerDependencies };
    for (const name of Object.keys(runtime)) {
      const dependencyFolder = folderOfName.get(name);
      if (dependencyFolder) expect(allowed, `${manifest.name} → ${name}`).toContain(dependencyFolder);
    }
    for (const name of Object.keys(manifest.devDependencies ?? {})) {
      expect(name, `${manifest.name} must not depend on the umbrella`).not.toBe('modelyard');
      if (folder === 'core') expect(folderOfName.has(name), `core must not depend on ${name}`).toBe(false);
    }
  });

  test('imports only the workspace packages it declares', () => {
    const declaredRuntime = new Set(Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }));
    const declaredAny = new Set([...declaredRuntime, ...Object.keys(manifest.devDependencies ?? {})]);
    for (const file of sourceFiles(join(directory, 'src'))) {
      const text = readFileSync(file, 'utf8');
      const isTest = /\.test\.ts$|test-support/.test(file);
      for (const match of text.matchAll(/from\s+'((?:@modelyard\/[\w-]+)|modelyard)(?:\/[\w-]+)?'/g)) {
        const name = match[1] as string;
        expect(isTest ? declaredAny : declaredRuntime, `${file} imports ${name}`).toContain(name);
      }
    }
  });
});

test('core depends on zod alone', () => {
  expect(Object.keys(manifestOf('core').dependencies ?? {})).toEqual(['zod']);
});

test('changesets publish every package publicly with independent versions', () => {
  const config = readJson<{ access: string; fixed: unknown[]; linked: unknown[] }>(
    join(root, '.changeset', 'config.json'),
  );
  expect(config.access).toBe('public');
  expect(config.fixed).toEqual([]);
  expect(config.linked).toEqual([]);
});

test('allows provider-openrouter → provider-custom as the only runtime edge besides core', () => {
  expect([...allowedRuntimeDependencies('provider-openrouter')].sort()).toEqual(['core', 'provider-custom']);
  // The edge goes one way, and no other package gains it.
  expect([...allowedRuntimeDependencies('provider-custom')]).toEqual(['core']);
  for (const folder of folders.filter((other) => !['core', 'modelyard', 'provider-openrouter'].includes(other)))
    expect([...allowedRuntimeDependencies(folder)], folder).toEqual(['core']);
});
