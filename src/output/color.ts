// Colour only on a terminal, never with NO_COLOR or --no-color.
import {Chalk, type ChalkInstance} from 'chalk'

export function useColor(noColorFlag: boolean | undefined, env: NodeJS.ProcessEnv, stream: {isTTY?: boolean}): boolean {
  if (noColorFlag) return false
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true
  return Boolean(stream.isTTY)
}

const palettes = {plain: new Chalk({level: 0}), color: new Chalk({level: 1})}

/** Views call this per cell: two shared instances (never changed) instead of a new one each time. */
export function palette(color: boolean): ChalkInstance {
  return color ? palettes.color : palettes.plain
}
