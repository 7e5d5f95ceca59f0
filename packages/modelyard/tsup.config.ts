import { packageBuild } from '@modelyard/tooling/tsup';
import { defineConfig } from 'tsup';

// `src/cli.ts` is the `modelyard` command (bin); its hashbang line is kept by the build.
export default defineConfig(packageBuild(['src/index.ts', 'src/cli.ts']));
