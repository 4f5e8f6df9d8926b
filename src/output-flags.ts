// The -o/--output flag every command has: one name for the human format (`table`, alias `text`), SPOCK_OUTPUT as its env twin.
import {Flags} from '@oclif/core'
import {HUMAN_ALIAS} from './output/render.js'

export const OUTPUT_ENV = 'SPOCK_OUTPUT'

/** `formats` are the command's own (the first is `table`); `text` is accepted too and means `table`. */
export function outputFlag<F extends string>(formats: readonly F[], summary: string) {
  return Flags.option({
    char: 'o',
    options: [...formats, HUMAN_ALIAS] as readonly (F | typeof HUMAN_ALIAS)[],
    default: 'table' as F,
    helpGroup: 'OUTPUT',
    env: OUTPUT_ENV,
    summary,
  })()
}
