// One progress line that rewrites itself on a terminal and prints nothing in pipes and CI.
export function progressLine(stream: NodeJS.WriteStream): {update: (line: string) => void; done: () => void} {
  let shown = false
  if (!stream.isTTY || process.env.CI) return {update: () => {}, done: () => {}}
  return {
    update: (line) => {
      const width = (stream.columns ?? 80) - 1
      stream.write(`\r\x1b[K${line.slice(0, width)}`)
      shown = true
    },
    done: () => {
      if (shown) stream.write('\r\x1b[K')
      shown = false
    },
  }
}
