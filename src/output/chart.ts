// Line charts of range-query series for a terminal (asciichart), fitted to a width by averaging points
// into columns. asciichart draws no gaps: a column with no finite point repeats its neighbour's value.
import asciichart from 'asciichart'

interface ChartOptions {
  width: number
  height?: number
}

/** One value per column: the mean of the finite points that fall in it, or NaN (a gap). */
export function fitToWidth(values: readonly number[], width: number): number[] {
  if (values.length <= width) return [...values]
  const out: number[] = []
  for (let c = 0; c < width; c++) {
    const from = Math.floor((c * values.length) / width)
    const to = Math.floor(((c + 1) * values.length) / width)
    let sum = 0
    let n = 0
    for (let i = from; i < to; i++) {
      const v = values[i]!
      if (Number.isFinite(v)) {
        sum += v
        n++
      }
    }
    out.push(n > 0 ? sum / n : Number.NaN)
  }
  return out
}

const LABEL_WIDTH = 12 // asciichart's y-axis labels and the axis itself

/** The chart as lines of text; empty when no point is finite. */
export function chartLines(values: readonly number[], opts: ChartOptions): string[] {
  const plotWidth = Math.max(10, opts.width - LABEL_WIDTH - 1)
  const series = fitToWidth(values, plotWidth)
  const finite = series.filter(Number.isFinite)
  if (finite.length === 0) return []
  const min = Math.min(...finite)
  const max = Math.max(...finite)
  const span = Math.abs(max) >= 1e6 || (max - min !== 0 && max - min < 0.01) ? 'e' : 'f'
  const format = (x: number) => {
    const text = span === 'e' ? x.toExponential(2) : x.toFixed(Math.abs(max - min) < 10 ? 2 : 1)
    return text.padStart(LABEL_WIDTH - 2)
  }
  const height = max === min ? 1 : (opts.height ?? 8)
  let last = finite[0]!
  const filled = series.map((v) => (Number.isFinite(v) ? (last = v) : last))
  return asciichart.plot(filled, {height, format, min, max}).split('\n')
}
