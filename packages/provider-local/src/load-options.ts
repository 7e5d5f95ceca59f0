import type { LoadModelOptions } from '@modelyard/core';
import type { LoadConfiguration } from './local-language-model';
import type { ResolvedLocalSettings } from './local-settings';
import { SettingsReader } from './settings-reader';

/**
 * The load configuration for one `loadModel` call: its `contextLength` (tokens) and `gpuOffload`
 * (`auto`, `off`, or a fraction of the layers), else the provider's settings.
 * @throws ConfigError naming the bad option.
 */
export function readLoadOptions(
  options: LoadModelOptions,
  settings: Pick<ResolvedLocalSettings, 'contextSize'>,
): LoadConfiguration {
  const reader = new SettingsReader();
  const contextSize = reader.integer(options.contextLength, 'contextLength', 1) ?? settings.contextSize;
  const offload = options.gpuOffload ?? 'auto';
  const isFraction = typeof offload === 'number' && offload >= 0 && offload <= 1;
  if (offload !== 'auto' && offload !== 'off' && !isFraction)
    reader.fail('gpuOffload', 'one of "auto", "off", or a fraction of layers from 0 to 1', offload);
  reader.throwIfInvalid('load options');
  return { contextSize, gpuOffload: offload };
}
