// Alertmanager's template functions (template.DefaultFuncs): 0.25, and the later additions by version.
import type {FuncMap} from './exec.js'
import {goMatchString, goReplaceAllString, goToLower, goToUpper} from './go-strings.js'
import {GoTime} from './go-time.js'
import {humanizeDuration} from './prom-humanize.js'
import {goFunc, GoFuncError} from './signature.js'
import {withGoType} from './values.js'

export type AlertmanagerTemplateVersion = '0.25' | 'latest'

const STRINGS = {name: '[]string', test: (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string'), nilable: true} as const

/** A []string value (what stringSlice and KV.Names/Values return). */
export function stringSlice(xs: string[]): string[] {
  return withGoType(xs, {name: '[]string', kind: 'slice', zero: ''})
}

// Word segmentation as golang.org/x/text/cases sees it, enough for titles: letters, digits, marks,
// '_' and the mid-word punctuation ' ’ . : keep a word going; anything else ends it.
const WORD_CHAR = /^[\p{L}\p{N}\p{M}_'’.:]$/u
const LETTER = /^\p{L}$/u

/** cases.Title(language.AmericanEnglish).String: first letter of each word upper (title) case, the rest lower. */
export function casesTitle(s: string): string {
  let out = ''
  let titled = false
  for (const ch of s) {
    if (!WORD_CHAR.test(ch)) {
      titled = false
      out += ch
    } else if (LETTER.test(ch)) {
      if (titled) out += ch.toLowerCase()
      else {
        const up = ch.toUpperCase()
        out += up.length > 1 ? up[0] + up.slice(1).toLowerCase() : up
        titled = true
      }
    } else out += ch
  }
  return out
}

export function alertmanagerFuncs(version: AlertmanagerTemplateVersion = '0.25'): FuncMap {
  const funcs: FuncMap = {
    toUpper: goFunc(['string'], goToUpper),
    toLower: goFunc(['string'], goToLower),
    title: goFunc(['string'], casesTitle),
    join: goFunc(['string', STRINGS], (sep: string, s: string[] | null) => (s ?? []).join(sep)),
    match: goFunc(['string', 'string'], goMatchString),
    safeHtml: goFunc(['string'], (s: string) => s),
    reReplaceAll: goFunc(['string', 'string', 'string'], goReplaceAllString),
    stringSlice: goFunc([], (...s: string[]) => stringSlice(s), 'string'),
  }
  if (version === 'latest') {
    funcs['trimSpace'] = goFunc(['string'], (s: string) => s.replace(/^[\s\u0085]+|[\s\u0085]+$/gu, ''))
    funcs['safeUrl'] = goFunc(['string'], (s: string) => s)
    funcs['urlUnescape'] = goFunc(['string'], (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '))
      } catch {
        throw new GoFuncError(`invalid URL escape ${JSON.stringify(s)}`)
      }
    })
    funcs['humanizeDuration'] = goFunc(['any'], humanizeDuration)
    funcs['since'] = goFunc([{name: 'time.Time', test: (v) => v instanceof GoTime, nilable: false}], (t: GoTime) => {
      const ns = BigInt(Date.now()) * 1000000n - t.UnixNano()
      return {String: () => `${Number(ns) / 1e9}s`}
    })
    funcs['toJson'] = goFunc(['any'], (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x)))
  }
  return funcs
}
