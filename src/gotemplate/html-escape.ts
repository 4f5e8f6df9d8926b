// html/template's contextual escaping, for the executor's html mode (Alertmanager renders email html,
// Telegram's parse_mode HTML and Pushover's html with html/template). Go decides each action's escapers
// from the HTML context of the template text before it; here the context is tracked while executing:
// every text node moves the context on (and loses its HTML comments, as html/template drops them), every
// printed value is escaped for the context it lands in and moves nothing. Covered: text and RCDATA
// (title, textarea), attribute values quoted or not, URL attributes (filter unsafe schemes to #ZgotmplZ,
// normalise or escape by URL part), template.HTML (safeHtml) passing through text unescaped and losing its
// tags in attributes, values in script bodies and on* attributes as JSON strings, values in style bodies
// and style attributes through the CSS value filter. Not covered: string and regexp literals inside
// JavaScript and CSS (html/template escapes those differently), srcset, and its parse-time errors
// (ambiguous URL parts, branches ending in different contexts).
import type {FuncMap} from './exec.js'
import {goFunc} from './signature.js'

/** html/template's typed string template.HTML (what safeHtml returns in html mode). */
export class SafeHTML {
  static readonly goTypeName = 'template.HTML'
  constructor(readonly value: string) {}
  String(): string {
    return this.value
  }
}

/** html/template's template.URL (safeUrl in html mode). */
export class SafeURL {
  static readonly goTypeName = 'template.URL'
  constructor(readonly value: string) {}
  String(): string {
    return this.value
  }
}

/** The set's functions with safeHtml / safeUrl returning typed strings, as html/template sees them. */
export function htmlModeFuncs(funcs: FuncMap): FuncMap {
  const out = {...funcs}
  if ('safeHtml' in out) out['safeHtml'] = goFunc(['string'], (s: string) => new SafeHTML(s))
  if ('safeUrl' in out) out['safeUrl'] = goFunc(['string'], (s: string) => new SafeURL(s))
  return out
}

const FILTER_FAILSAFE = 'ZgotmplZ'

const HTML_TABLE: Record<string, string> = {'\0': '\uFFFD', '"': '&#34;', '&': '&amp;', "'": '&#39;', '+': '&#43;', '<': '&lt;', '>': '&gt;'}
const NOSPACE_TABLE: Record<string, string> = {
  ...HTML_TABLE, '\t': '&#9;', '\n': '&#10;', '\v': '&#11;', '\f': '&#12;', '\r': '&#13;', ' ': '&#32;', '=': '&#61;', '`': '&#96;',
}

function replace(s: string, table: Record<string, string>, skipAmp = false): string {
  let out = ''
  for (const ch of s) {
    if (skipAmp && ch === '&') out += ch
    else out += table[ch] ?? ch
  }
  return out
}

/** htmlEscaper (text, RCDATA). */
export function escapeHtmlText(s: string): string {
  return replace(s, HTML_TABLE)
}

/** html/template's stripTags, simplified: the text outside tags and comments. */
function stripTags(s: string): string {
  return s.replace(/<!--[\s\S]*?(-->|$)/g, '').replace(/<\/?[A-Za-z][^>]*(>|$)/g, '')
}

/** isSafeURL: no scheme, or http, https or mailto. */
function isSafeUrl(s: string): boolean {
  const colon = s.indexOf(':')
  if (colon < 0) return true
  const protocol = s.slice(0, colon)
  if (protocol.includes('/')) return true
  const p = protocol.toLowerCase()
  return p === 'http' || p === 'https' || p === 'mailto'
}

const URL_RESERVED = new Set('!#$&*+,/:;=?@[]'.split(''))
const URL_UNRESERVED = /^[A-Za-z0-9\-._~]$/

/** processURLOnto: percent-encode bytes; norm keeps reserved characters and '%'. */
function processUrl(s: string, norm: boolean): string {
  let out = ''
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte)
    if (URL_UNRESERVED.test(c) || (norm && (URL_RESERVED.has(c) || c === '%'))) out += c
    else out += '%' + byte.toString(16).padStart(2, '0')
  }
  return out
}

type State = 'text' | 'rcdata' | 'tag' | 'attrName' | 'afterName' | 'beforeValue' | 'attr' | 'comment' | 'raw'
type AttrKind = 'plain' | 'url' | 'js' | 'css'
type UrlPart = 'none' | 'preQuery' | 'queryOrFrag'

/** Attribute names whose values are URLs (html/template's attrTypeMap, plus its src/uri/url heuristic). */
const URL_ATTRS = new Set([
  'action', 'archive', 'background', 'cite', 'classid', 'codebase', 'data', 'formaction', 'href', 'icon', 'longdesc', 'manifest',
  'poster', 'profile', 'src', 'usemap', 'xmlns',
])
/** Attributes that hold other plain content, so the src/uri/url heuristic does not apply. */
const PLAIN_ATTRS = new Set([
  'accept', 'accept-charset', 'align', 'alt', 'autocomplete', 'autofocus', 'bgcolor', 'border', 'cellpadding', 'cellspacing', 'charset',
  'checked', 'class', 'color', 'cols', 'colspan', 'content', 'contenteditable', 'dir', 'disabled', 'enctype', 'for', 'form', 'headers',
  'height', 'hidden', 'high', 'hreflang', 'http-equiv', 'id', 'itemscope', 'itemtype', 'label', 'lang', 'list', 'low', 'max', 'maxlength',
  'media', 'method', 'min', 'multiple', 'name', 'optimum', 'pattern', 'placeholder', 'readonly', 'rel', 'required', 'rows', 'rowspan',
  'scope', 'selected', 'shape', 'size', 'span', 'srclang', 'start', 'step', 'summary', 'tabindex', 'target', 'title', 'type', 'valign',
  'value', 'width', 'wrap',
])

function attrKind(rawName: string): AttrKind {
  let name = rawName.toLowerCase()
  if (name.startsWith('data-')) name = name.slice(5)
  else {
    const colon = name.indexOf(':')
    if (colon >= 0) {
      if (name.slice(0, colon) === 'xmlns') return 'url'
      name = name.slice(colon + 1)
    }
  }
  if (URL_ATTRS.has(name)) return 'url'
  if (name === 'style') return 'css'
  if (PLAIN_ATTRS.has(name)) return 'plain'
  if (name.startsWith('on')) return 'js'
  if (name.includes('src') || name.includes('uri') || name.includes('url')) return 'url'
  return 'plain'
}

/** Elements whose content is not markup: RCDATA (escaped like text) or raw text (script, style). */
const RCDATA = new Set(['textarea', 'title'])
const RAW = new Set(['script', 'style'])

/** The HTML context of one execution; feed it text nodes and printed values in output order. */
export class HtmlContext {
  private state: State = 'text'
  private element = ''
  private tagName = ''
  private attrName = ''
  private attr: AttrKind = 'plain'
  private delim: '"' | "'" | '' = ''
  private urlPart: UrlPart = 'none'

  /** A text node: returns what html/template emits for it (HTML comments dropped) and moves the context on. */
  text(s: string): string {
    let out = ''
    let i = 0
    while (i < s.length) {
      const c = s[i]!
      switch (this.state) {
        case 'text': {
          if (s.startsWith('<!--', i)) {
            this.state = 'comment'
            i += 4
            continue
          }
          const m = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)/.exec(s.slice(i, i + 64))
          if (m) {
            this.tagName = m[2]!.toLowerCase()
            this.element = m[1] === '/' ? '' : this.tagName
            this.state = 'tag'
            out += m[0]
            i += m[0].length
            continue
          }
          out += c
          i++
          continue
        }
        case 'comment': {
          const end = s.indexOf('-->', i)
          if (end < 0) return out
          this.state = 'text'
          i = end + 3
          continue
        }
        case 'rcdata': case 'raw': {
          const close = new RegExp(`</${this.element}(?=[\\s/>])`, 'i').exec(s.slice(i))
          if (!close) {
            out += s.slice(i)
            return out
          }
          out += s.slice(i, i + close.index)
          i += close.index
          this.state = 'text'
          continue
        }
        case 'tag': {
          if (c === '>') {
            this.endTag()
          } else if (!/\s|\//.test(c)) {
            this.state = 'attrName'
            this.attrName = c
          }
          out += c
          i++
          continue
        }
        case 'attrName': {
          if (c === '=') this.beforeValue()
          else if (/\s/.test(c)) this.state = 'afterName'
          else if (c === '>') this.endTag()
          else if (c === '/') this.state = 'tag'
          else this.attrName += c
          out += c
          i++
          continue
        }
        case 'afterName': {
          if (c === '=') this.beforeValue()
          else if (c === '>') this.endTag()
          else if (!/\s/.test(c)) {
            this.state = 'attrName'
            this.attrName = c
          }
          out += c
          i++
          continue
        }
        case 'beforeValue': {
          if (/\s/.test(c)) {
            out += c
            i++
            continue
          }
          this.state = 'attr'
          if (c === '"' || c === "'") {
            this.delim = c
            out += c
            i++
          } else this.delim = ''
          continue
        }
        case 'attr': {
          const end = this.delim === '' ? s.slice(i).search(/[\s>]/) : s.indexOf(this.delim, i) - i
          const value = end < 0 ? s.slice(i) : s.slice(i, i + end)
          this.urlText(value)
          out += value
          if (end < 0) return out
          i += end
          if (this.delim !== '') {
            out += s[i]
            i++
          }
          this.state = 'tag'
          continue
        }
      }
    }
    return out
  }

  private beforeValue(): void {
    this.state = 'beforeValue'
    this.attr = attrKind(this.attrName)
    this.urlPart = 'none'
  }

  private endTag(): void {
    this.state = this.element !== '' && RCDATA.has(this.element) ? 'rcdata' : this.element !== '' && RAW.has(this.element) ? 'raw' : 'text'
  }

  /** Text inside a URL attribute moves the URL part on (tURL). */
  private urlText(s: string): void {
    if (this.attr !== 'url') return
    if (/[#?]/.test(s)) this.urlPart = 'queryOrFrag'
    else if (s.trim() !== '' && this.urlPart === 'none') this.urlPart = 'preQuery'
  }

  /** html/template's nudge: an action right after `<p ` or `name=` starts an attribute name or an unquoted value. */
  private nudge(): void {
    if (this.state === 'tag' || this.state === 'afterName') {
      this.state = 'attrName'
      this.attrName = ''
    } else if (this.state === 'beforeValue') {
      this.state = 'attr'
      this.delim = ''
    }
  }

  /** A printed value (already formatted as text/template would print it, or a typed string). */
  value(v: string | SafeHTML | SafeURL): string {
    this.nudge()
    const typed = typeof v === 'string' ? undefined : v
    const s = typeof v === 'string' ? v : v.value
    switch (this.state) {
      case 'text':
        return typed instanceof SafeHTML ? s : escapeHtmlText(s)
      case 'rcdata':
        return replace(s, HTML_TABLE, typed instanceof SafeHTML)
      case 'comment':
        return '' // commentEscaper
      case 'raw':
        return this.element === 'script' ? jsValue(s) : cssValueFilter(s)
      case 'tag': case 'attrName': case 'afterName': case 'beforeValue': {
        // htmlNameFilter: an action that writes an attribute name must give a plain, alphanumeric one
        const name = s.toLowerCase()
        return name !== '' && /^[0-9a-z]+$/.test(name) && attrKind(name) === 'plain' ? name : FILTER_FAILSAFE
      }
      case 'attr': {
        const table = this.delim === '' ? NOSPACE_TABLE : HTML_TABLE
        switch (this.attr) {
          case 'url': {
            const isUrl = typed instanceof SafeURL
            let x = s
            if (this.urlPart === 'none' && !isUrl && !isSafeUrl(x)) x = '#' + FILTER_FAILSAFE
            return replace(processUrl(x, isUrl || this.urlPart !== 'queryOrFrag'), table)
          }
          case 'js': return replace(jsValue(s), table)
          case 'css': return replace(cssValueFilter(s), table)
          case 'plain':
            return typed instanceof SafeHTML ? replace(stripTags(s), table, true) : replace(s, table)
        }
      }
    }
  }
}

/** jsValEscaper for a string: a JSON string with <, > and & (and U+2028, U+2029) as \u escapes. */
function jsValue(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** cssValueFilter: a value that could break out of a CSS value (quotes, brackets, comments, expression()) is refused. */
function cssValueFilter(s: string): string {
  if (/[\0"'()/;@[\\\]`{}<>]/.test(s) || s.includes('--')) return FILTER_FAILSAFE
  const id = s.toLowerCase().replace(/[^a-z0-9_\-\u0080-\uffff]/g, '')
  if (id.includes('expression') || id.includes('mozbinding')) return FILTER_FAILSAFE
  return s
}
