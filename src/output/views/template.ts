import type {RenderResult} from '../../alertmanager/template/command.js'
import type {RenderedIntegration} from '../../alertmanager/template/receiver.js'
import type {View} from '../render.js'

/** The rendered text as is (amtool prints it the same way); json/yaml: {output}. */
export const templateRenderView: View<RenderResult> = {
  text: (r) => r.output,
}

/**
 * `template render --receiver`: one row per field, INTEGRATION FIELD TEXT; a text of several lines goes on
 * under the TEXT column, structures (details, fields, the webhook payload) as indented JSON. json/yaml: the list.
 */
export const receiverRenderView: View<RenderedIntegration[]> = {
  text: (list) => {
    if (list.length === 0) return 'The receiver has no integrations: Alertmanager sends it nothing.'
    const rows: [string, string, string][] = []
    for (const item of list) {
      for (const [field, value] of Object.entries(item.fields)) {
        rows.push([`${item.integration} #${item.index}`, field, typeof value === 'string' ? value : JSON.stringify(value, null, 2)])
      }
      if (Object.keys(item.fields).length === 0) rows.push([`${item.integration} #${item.index}`, '-', '(spock does not know the fields of this integration)'])
    }
    const w1 = Math.max('INTEGRATION'.length, ...rows.map((r) => r[0].length)) + 2
    const w2 = Math.max('FIELD'.length, ...rows.map((r) => r[1].length)) + 2
    const pad = ' '.repeat(w1 + w2)
    const line = (a: string, b: string, text: string) => {
      const [first, ...rest] = text.split('\n')
      return [`${a.padEnd(w1)}${b.padEnd(w2)}${first}`.trimEnd(), ...rest.map((l) => `${pad}${l}`.trimEnd())].join('\n')
    }
    return [line('INTEGRATION', 'FIELD', 'TEXT'), ...rows.map((r) => line(...r))].join('\n')
  },
}
