// What Go's YAML parsers (yaml.v2 in amtool and promtool's config check, yaml.v3 in promtool's rule check)
// reject although YAML 1.2 and the `yaml` package accept it. Each quirk returns where Go stops and why.
import {isPair, isScalar, visit, type Document} from 'yaml'

export interface GoYamlQuirk {
  offset: number
  message: string
  code: string
}

/** Every quirk found in a parsed document, in no particular order. */
export function goYamlQuirks(doc: Document.Parsed, text: string): GoYamlQuirk[] {
  return [...flowQuestionMarks(doc, text)]
}

/**
 * Go's YAML parsers (yaml.v2 in amtool and promtool's config check, yaml.v3 in promtool's rule check) end a
 * plain value at `?` inside `[...]` or `{...}` and then fail; YAML 1.2 and the `yaml` package read on.
 * Report each such `?` where Go stops, so that spock rejects what they reject.
 */
function flowQuestionMarks(doc: Document.Parsed, text: string): GoYamlQuirk[] {
  const out: GoYamlQuirk[] = []
  const check = (node: unknown, close: string): void => {
    if (!isScalar(node) || node.type !== 'PLAIN' || !node.range) return
    const source = text.slice(node.range[0], node.range[1])
    const at = source.indexOf('?')
    if (at < 0) return
    out.push({
      code: 'GO_YAML_FLOW',
      offset: node.range[0] + at,
      message: `did not find expected ',' or '${close}': Go's YAML parser (promtool, amtool) ends a plain value at "?" inside ${close === ']' ? '[...]' : '{...}'}; quote the value`,
    })
  }
  visit(doc, {
    Seq: (_key, seq) => {
      if (seq.flow) for (const item of seq.items) for (const part of isPair(item) ? [item.key, item.value] : [item]) check(part, ']')
    },
    Map: (_key, map) => {
      if (map.flow) for (const pair of map.items) for (const part of [pair.key, pair.value]) check(part, '}')
    },
  })
  return out
}
