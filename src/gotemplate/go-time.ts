// time.Time for templates (UTC or a fixed offset): String(), Format(layout) and a few methods.

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

export class GoTime {
  static readonly goTypeName = 'time.Time'

  /** sec: Unix seconds; nsec: 0..999999999; offset: seconds east of UTC; zone: abbreviation. */
  constructor(readonly sec: number, readonly nsec = 0, readonly offset = 0, readonly zone = 'UTC') {}

  static fromUnixMilli(ms: number): GoTime {
    const sec = Math.floor(ms / 1000)
    return new GoTime(sec, Math.round((ms - sec * 1000) * 1e6))
  }

  /** Go's zero time.Time: 0001-01-01 00:00:00 UTC. */
  static zero(): GoTime {
    return new GoTime(-62135596800, 0)
  }

  String(): string {
    return this.Format('2006-01-02 15:04:05.999999999 -0700 MST')
  }

  Unix(): bigint {
    return BigInt(this.sec)
  }

  UnixNano(): bigint {
    return BigInt(this.sec) * 1000000000n + BigInt(this.nsec)
  }

  UTC(): GoTime {
    return new GoTime(this.sec, this.nsec)
  }

  IsZero(): boolean {
    return this.sec === -62135596800 && this.nsec === 0
  }

  /** Milliseconds since the epoch (for Date). */
  ms(): number {
    return this.sec * 1000 + Math.floor(this.nsec / 1e6)
  }

  Format(layout: string): string {
    const d = new Date((this.sec + this.offset) * 1000)
    const f = {
      year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate(), hour: d.getUTCHours(),
      min: d.getUTCMinutes(), sec: d.getUTCSeconds(), wday: d.getUTCDay(),
    }
    let out = ''
    let i = 0
    while (i < layout.length) {
      const [token, len] = nextToken(layout, i)
      if (!token) {
        out += layout[i]
        i++
        continue
      }
      out += this.render(token, f)
      i += len
    }
    return out
  }

  private render(t: string, f: {year: number; month: number; day: number; hour: number; min: number; sec: number; wday: number}): string {
    const p2 = (n: number): string => String(n).padStart(2, '0')
    switch (t) {
      case '2006': return String(f.year).padStart(4, '0')
      case '06': return p2(f.year % 100)
      case 'January': return MONTHS[f.month]!
      case 'Jan': return MONTHS[f.month]!.slice(0, 3)
      case '01': return p2(f.month + 1)
      case '1': return String(f.month + 1)
      case 'Monday': return DAYS[f.wday]!
      case 'Mon': return DAYS[f.wday]!.slice(0, 3)
      case '02': return p2(f.day)
      case '_2': return String(f.day).padStart(2, ' ')
      case '2': return String(f.day)
      case '15': return p2(f.hour)
      case '03': return p2(f.hour % 12 === 0 ? 12 : f.hour % 12)
      case '3': return String(f.hour % 12 === 0 ? 12 : f.hour % 12)
      case '04': return p2(f.min)
      case '4': return String(f.min)
      case '05': return p2(f.sec)
      case '5': return String(f.sec)
      case 'PM': return f.hour >= 12 ? 'PM' : 'AM'
      case 'pm': return f.hour >= 12 ? 'pm' : 'am'
      case 'MST': return this.zone
    }
    if (/^[-Z]07/.test(t)) return this.offsetString(t)
    if (/^[.,][09]+$/.test(t)) {
      const digits = String(this.nsec).padStart(9, '0').slice(0, t.length - 1)
      if (t[1] === '0') return t[0] + digits
      const trimmed = digits.replace(/0+$/, '')
      return trimmed === '' ? '' : t[0] + trimmed
    }
    return t
  }

  private offsetString(t: string): string {
    if (t.startsWith('Z') && this.offset === 0) return 'Z'
    const sign = this.offset < 0 ? '-' : '+'
    const abs = Math.abs(this.offset)
    const hh = String(Math.floor(abs / 3600)).padStart(2, '0')
    const mm = String(Math.floor((abs % 3600) / 60)).padStart(2, '0')
    const ss = String(abs % 60).padStart(2, '0')
    const body = t.replace(/^[-Z]/, '')
    switch (body) {
      case '07': return sign + hh
      case '0700': return sign + hh + mm
      case '07:00': return `${sign}${hh}:${mm}`
      case '070000': return sign + hh + mm + ss
      case '07:00:00': return `${sign}${hh}:${mm}:${ss}`
    }
    return sign + hh + mm
  }
}

const TOKENS = [
  'January', 'Monday', '2006', 'Z07:00:00', '-07:00:00', 'Z070000', '-070000', 'Z07:00', '-07:00', 'Z0700', '-0700', 'Z07', '-07',
  'Jan', 'Mon', 'MST', '01', '02', '_2', '03', '04', '05', '06', '15', 'PM', 'pm', '1', '2', '3', '4', '5',
]

function nextToken(layout: string, i: number): [string | undefined, number] {
  const frac = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i))
  if (frac) return [frac[0], frac[0].length]
  for (const t of TOKENS) if (layout.startsWith(t, i)) return [t, t.length]
  return [undefined, 1]
}
