import { Args } from '@oclif/core';

/** `<zoneid>` of the onezone commands: a zone id, or a name looked up in the zone pool. */
export const zoneIdArg = Args.string({
  description: 'Zone id or name.',
  required: true,
  ignoreStdin: true,
});
