// Random text-exposition inputs for differential tests against `promtool check metrics`: mostly valid
// families with lint-worthy names, plus one mutation (a byte dropped, doubled or replaced) in some.

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1
  return () => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return (s >>> 0) / 4294967296
  }
}

const WORDS = ['http', 'requests', 'total', 'seconds', 'milliseconds', 'bytes', 'bits', 'count', 'sum', 'bucket', 'ms', 'kb', 'gauge', 'counter', 'histogram', 'summary', 'info', 'apiCalls', 'temp', 'kelvin', 'hours', 'errors', 'app', 'db', 'latency']
const TYPES = ['counter', 'gauge', 'histogram', 'summary', 'untyped', 'gauge_histogram', 'Counter', 'bogus']
const LABELS = ['job', 'instance', 'le', 'quantile', 'code', 'methodName', 'path']
const VALUES = ['1', '0', '-1.5', '1e3', 'NaN', '+Inf', '-Inf', '3.14', '1_0', '0x1p3', 'abc', '', '1e400', 'inf']
const LVALUES = ['a', '0.5', '+Inf', '1', 'x\\"y', 'line\\nbreak', 'bad\\t', 'ünï', '0.99']

export function exposition(seed: number): string {
  const r = rng(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!
  const lines: string[] = []
  const families = 1 + Math.floor(r() * 4)
  for (let f = 0; f < families; f++) {
    const name = Array.from({length: 1 + Math.floor(r() * 3)}, () => pick(WORDS)).join('_') + (r() < 0.1 ? ':rate' : '')
    if (r() < 0.7) lines.push(`# HELP ${name} ${r() < 0.1 ? 'with \\\\ and \\n' : 'Some help.'}`)
    const type = r() < 0.8 ? pick(TYPES.slice(0, 6)) : pick(TYPES)
    if (r() < 0.8) lines.push(`# TYPE ${name} ${type}`)
    const samples = 1 + Math.floor(r() * 3)
    for (let s = 0; s < samples; s++) {
      const suffix = type === 'histogram' ? pick(['_bucket', '_sum', '_count']) : type === 'summary' ? pick(['', '_sum', '_count']) : ''
      const labels = Array.from({length: Math.floor(r() * 3)}, () => `${pick(LABELS)}="${r() < 0.85 ? pick(LVALUES.slice(0, 4)) : pick(LVALUES)}"`)
      const value = r() < 0.9 ? pick(VALUES.slice(0, 8)) : pick(VALUES)
      const ts = r() < 0.1 ? ` ${pick(['1700000000000', '-5', 'x', '1 2'])}` : ''
      lines.push(`${name}${suffix}${labels.length ? `{${[...new Set(labels)].join(',')}}` : ''} ${value}${ts}`)
    }
    if (r() < 0.1) lines.push('# just a comment')
    if (r() < 0.05) lines.push('')
  }
  let text = lines.join('\n') + (r() < 0.95 ? '\n' : '')
  if (r() < 0.15 && text.length > 2) {
    const at = Math.floor(r() * text.length)
    const op = r()
    text = op < 0.33 ? text.slice(0, at) + text.slice(at + 1) : op < 0.66 ? text.slice(0, at) + text[at] + text.slice(at) : text.slice(0, at) + pick(['{', '}', '"', ' ', '\t', '=', ',', '#', '\\']) + text.slice(at + 1)
  }
  return text
}
