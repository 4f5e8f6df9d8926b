// What the full YAML parser (the `yaml` package) is not given: absurd nesting and text too large for it.
// Both are refused before parsing, as one problem at a position.

interface LimitProblem {
  offset: number
  message: string
  code: string
}

/** Go's YAML parsers stop at this depth ("exceeded max depth of 10000"). */
export const GO_MAX_DEPTH = 10_000
/** The `yaml` package's recursion overflows the stack at about 800 levels; rule and config files need ~10. */
const MAX_DEPTH = 400
/**
 * The `yaml` package keeps ~160 bytes per input byte (token tree plus document) and reads ~5 µs per byte:
 * 2.5 MiB of flow-style rules peaks near 450 MiB. Larger files that the fast rule scanner cannot read (flow collections, anchors,
 * tags) are refused rather than left to run out of memory.
 */
export const MAX_FULL_PARSE = 2.5 * 1024 * 1024

/** Block-style files go through the fast scanner (scan.ts) up to this size; 64 MiB peaks near 400 MiB. */
export const MAX_SCAN = 64 * 1024 * 1024

export function tooLarge(text: string): LimitProblem | undefined {
  if (text.length <= MAX_FULL_PARSE) return undefined
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1)
  return {
    offset: 0,
    code: 'TOO_LARGE',
    message: `${mb(text.length)} MiB of YAML that needs the full parser (flow collections [...] or {...}, anchors, tags, quoted keys and the like), which reads at most ${mb(MAX_FULL_PARSE)} MiB (plain block style, up to ${mb(MAX_SCAN)} MiB, goes through a leaner one); write it in block style or split it into several files`,
  }
}

/**
 * The first place nesting passes MAX_DEPTH: `[`/`{` levels outside quotes and comments, `- ` items opened on
 * one line, or indentation. One pass, no recursion.
 */
export function tooDeep(text: string): LimitProblem | undefined {
  let flow = 0
  let lineStart = 0
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k)
    if (c === 10 || c === 13) {
      lineStart = k + 1
      continue
    }
    if (k === lineStart) {
      const block = blockDepthAt(text, k)
      if (block > MAX_DEPTH) return deep(k, block)
    }
    const prev = k === lineStart ? 32 : text.charCodeAt(k - 1)
    const tokenStart = prev === 32 || prev === 9 || prev === 91 || prev === 123 || prev === 44 || prev === 58 // space tab [ { , :
    if (c === 35 /* # */ && (prev === 32 || prev === 9 || k === lineStart)) k = lineEnd(text, k) - 1
    else if ((c === 34 || c === 39) && tokenStart) k = quoteEnd(text, k)
    else if (c === 91 || c === 123) {
      if (++flow > MAX_DEPTH) return deep(k, flow, flowDepth(text, k, flow))
    } else if (c === 93 || c === 125) flow = Math.max(0, flow - 1)
  }
  return undefined
}

function deep(offset: number, depth: number, total = depth): LimitProblem {
  const go = total > GO_MAX_DEPTH ? `exceeded max depth of ${GO_MAX_DEPTH} (Go's YAML parser, promtool, amtool)` : `nesting deeper than ${MAX_DEPTH} levels`
  return {offset, code: 'TOO_DEEP', message: `${go}: spock reads at most ${MAX_DEPTH} levels of nesting; a rule or config file needs about 10`}
}

/** Indentation or `- - -` items at a line start, whichever is deeper (bounded look-ahead). */
function blockDepthAt(text: string, k: number): number {
  let j = k
  let indent = 0
  while (text.charCodeAt(j) === 32 && indent <= MAX_DEPTH) {
    j++
    indent++
  }
  let dashes = 0
  while (text.charCodeAt(j) === 45 && (text.charCodeAt(j + 1) === 32 || text.charCodeAt(j + 1) === 9) && dashes <= MAX_DEPTH) {
    dashes++
    j += 2
    while (text.charCodeAt(j) === 32) j++
  }
  return Math.max(indent, dashes)
}

/** How deep the brackets go from `k` on (to tell Go's own limit apart); stops counting past Go's limit. */
function flowDepth(text: string, k: number, depth: number): number {
  let max = depth
  for (let j = k + 1; j < text.length && max <= GO_MAX_DEPTH; j++) {
    const c = text.charCodeAt(j)
    if (c === 91 || c === 123) max = Math.max(max, ++depth)
    else if (c === 93 || c === 125) depth--
    else if (c === 34 || c === 39) j = quoteEnd(text, j)
    if (depth <= 0) break
  }
  return max
}

function lineEnd(text: string, k: number): number {
  for (let j = k; j < text.length; j++) {
    const c = text.charCodeAt(j)
    if (c === 10 || c === 13) return j
  }
  return text.length
}

/** Index of the quote closing the quoted scalar opened at `k` (or the end of the text). */
function quoteEnd(text: string, k: number): number {
  const q = text.charCodeAt(k)
  for (let j = k + 1; j < text.length; j++) {
    const c = text.charCodeAt(j)
    if (q === 34 && c === 92) j++
    else if (c === q) {
      if (q === 39 && text.charCodeAt(j + 1) === 39) j++
      else return j
    }
  }
  return text.length
}

/** Old Mac files end lines with CR alone; Go's YAML reads that as a line break, the `yaml` package does not. Same length, same offsets. */
export function normalizeBreaks(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text
}
