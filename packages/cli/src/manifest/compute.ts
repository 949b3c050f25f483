import { Plugin, type Interfaces } from '@oclif/core';
import { settings } from '@oclif/core/settings';

/**
 * The oclif manifest of the root in `dir`, computed the way oclif computes it when none is
 * shipped: every command module under the root's `commands` directory is imported and its
 * metadata cached. A command that fails to load is an error, not a warning.
 */
export async function computeManifest(dir: string): Promise<Interfaces.Manifest> {
  // Compiled JavaScript only: never look for TypeScript sources to transpile.
  settings.enableAutoTranspile = false;
  const plugin = new Plugin({
    root: dir,
    isRoot: true,
    ignoreManifest: true,
    errorOnManifestCreate: true,
  });
  await plugin.load();
  return plugin.manifest;
}
