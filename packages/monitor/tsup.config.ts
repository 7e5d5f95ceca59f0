import { packageBuild } from '@modelyard/tooling/tsup';
import { defineConfig } from 'tsup';

export default defineConfig(packageBuild(['src/index.ts', 'src/prometheus.ts', 'src/opentelemetry.ts']));
