// Bytes -> text for YAML files: Go's YAML parsers (promtool, amtool) reject invalid UTF-8, so spock does too,
// at the line and column of the first bad byte.

export class InvalidUtf8Error extends Error {
  constructor(readonly line: number, readonly column: number) {
    super(`the file is not valid UTF-8 (line ${line}, column ${column}); Go's YAML parser (promtool, amtool) rejects it`)
  }
}

const decoder = new TextDecoder('utf-8', {fatal: true, ignoreBOM: false})

/** The text of a YAML file; throws InvalidUtf8Error at the first byte that is not UTF-8. */
export function decodeYamlBytes(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes)
  } catch {
    const at = firstBadByte(bytes)
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, at)) // valid up to `at`
    const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1
    const line = 1 + countBreaks(before)
    throw new InvalidUtf8Error(line, before.length - lineStart + 1)
  }
}

function countBreaks(text: string): number {
  let n = 0
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k)
    if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) n++
  }
  return n
}

/** Index of the first byte that does not start a valid UTF-8 sequence (the input is known to be invalid). */
function firstBadByte(b: Uint8Array): number {
  let k = 0
  while (k < b.length) {
    const c = b[k]!
    const len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0
    if (len === 0 || k + len > b.length) return k
    for (let j = 1; j < len; j++) if ((b[k + j]! & 0xc0) !== 0x80) return k
    const c1 = b[k + 1]!
    if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f) || (c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return k
    k += len
  }
  return b.length
}
