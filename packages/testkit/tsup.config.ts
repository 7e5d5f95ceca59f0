import { packageBuild } from '@modelyard/tooling/tsup';
import { defineConfig } from 'tsup';

export default defineConfig(
  packageBuild(['src/index.ts', 'src/arbitraries.ts', 'src/gguf/index.ts', 'src/pact/index.ts']),
);
