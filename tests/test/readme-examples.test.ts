// Every ```ts block in a package README is a program that must run: docs that drift from the code
// fail here. Imports of workspace packages are pointed at their built `dist` (what users get);
// a block that is only an illustration is fenced as ```text or ```ts illustration.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const packagesDir = join(root, 'packages');
const scratch = join(tmpdir(), `modelyard-readme-${process.pid}`);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function workspaceEntry(name: string): string {
  const folder = name === 'modelyard' ? 'modelyard' : name.replace('@modelyard/', '');
  const entry = join(packagesDir, folder, 'dist', 'index.js');
  if (!existsSync(entry)) throw new Error(`${name} is not built (${entry}); run the build first`);
  return pathToFileURL(entry).href;
}

/** The runnable ```ts blocks of a Markdown text. */
export function runnableBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts[ \t]*\n([\s\S]*?)^```/gm)].map((match) => match[1] as string);
}

const readmes = [
  ...readdirSync(packagesDir).map((folder) => join(packagesDir, folder, 'README.md')),
  join(root, 'README.md'),
].filter((path) => existsSync(path) && runnableBlocks(readFileSync(path, 'utf8')).length > 0);

test('finds the fenced blocks it is meant to run, and only those', () => {
  const sample = '```ts\nrun();\n```\n```ts illustration\nskip();\n```\n```text\nskip();\n```\n';
  expect(runnableBlocks(sample)).toEqual(['run();\n']);
});

describe.each(readmes.map((path) => [path.slice(root.length + 1), path]))('%s', (_label, path) => {
  test.each(runnableBlocks(readFileSync(path, 'utf8')).map((code, index) => [index + 1, code]))(
    'example %i runs',
    async (index, code) => {
      const rewritten = (code as string).replace(
        /from '((?:@modelyard\/[\w-]+)|modelyard)'/g,
        (_match, name: string) => `from '${workspaceEntry(name)}'`,
      );
      mkdirSync(scratch, { recursive: true });
      const file = join(scratch, `${path.replace(/[^\w]/g, '_')}-${index}.ts`);
      writeFileSync(file, rewritten);
      await import(/* @vite-ignore */ pathToFileURL(file).href);
    },
  );
});
