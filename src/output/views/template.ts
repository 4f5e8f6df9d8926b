import type {RenderResult} from '../../alertmanager/template/command.js'
import type {View} from '../render.js'

/** The rendered text as is (amtool prints it the same way); json/yaml: {output}. */
export const templateRenderView: View<RenderResult> = {
  text: (r) => r.output,
}
