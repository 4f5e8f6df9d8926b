// Label and metric name validity, as prometheus/common model (legacy and UTF-8 schemes).

const CLASSIC_LABEL_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/
const METRIC_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/

/** Legacy label name `[a-zA-Z_][a-zA-Z0-9_]*` (Alertmanager classic mode, 0.25 everywhere). */
export function isValidClassicLabelName(name: string): boolean {
  return CLASSIC_LABEL_RE.test(name)
}

/** True when the string has no lone UTF-16 surrogate, i.e. it encodes to valid UTF-8. */
export function isWellFormedUtf8(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1)
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false
      i++
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false
    }
  }
  return true
}

/** UTF-8 label name (Alertmanager >= 0.27 outside classic mode): any non-empty valid UTF-8. */
export function isValidUtf8LabelName(name: string): boolean {
  return name.length > 0 && isWellFormedUtf8(name)
}

/** Legacy metric name `[a-zA-Z_:][a-zA-Z0-9_:]*`. */
export function isValidMetricName(name: string): boolean {
  return METRIC_RE.test(name)
}
