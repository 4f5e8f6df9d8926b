// The CLI entry that bin/run.js imports. @oclif/core is bundled into dist/ with the commands (one module
// graph, no node_modules resolution at start-up); the help and autocomplete plugins load their own copy.
import {execute} from '@oclif/core'

export async function main(dir: string): Promise<void> {
  await execute({dir})
}
