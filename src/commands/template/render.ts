import {Flags} from '@oclif/core'
import {loadRoutingConfig} from '../../alertmanager/config-source.js'
import {renderRequest, type RenderResult} from '../../alertmanager/template/command.js'
import {parseLabelArgs} from '../../alertmanager/routing.js'
import {SpockCommand} from '../../base-command.js'
import {UsageError} from '../../errors.js'
import {templateRenderView} from '../../output/views/template.js'

export default class TemplateRender extends SpockCommand<typeof TemplateRender> {
  static summary = 'Render a notification template as Alertmanager would (as amtool template render).'
  static description =
    'Loads Alertmanager\'s built-in templates, the files under "templates:" in --config and any --template-file, then renders --template ' +
    'with amtool\'s sample data, a --data JSON file, or one firing alert with the LABEL=VALUE labels (routed through --config to name the receiver).'
  static examples = [
    '<%= config.bin %> <%= command.id %> --config alertmanager.yml --template \'{{ template "slack.default.title" . }}\'',
    '<%= config.bin %> <%= command.id %> --config alertmanager.yml --template \'{{ template "my.title" . }}\' alertname=DiskFull severity=page',
    '<%= config.bin %> <%= command.id %> --template-file \'templates/*.tmpl\' --data alert-group.json --template \'{{ .CommonLabels.alertname }}\' -o json',
  ]
  static strict = false
  static flags = {
    config: Flags.string({summary: 'alertmanager.yml whose "templates:" files to load.'}),
    template: Flags.string({summary: 'The template text to render (amtool --template.text).', required: true}),
    'template-file': Flags.string({multiple: true, summary: 'More template files or globs (amtool --template.glob); repeatable.'}),
    data: Flags.string({summary: 'A template.Data JSON file (amtool --template.data), e.g. a webhook payload.'}),
    'alertmanager-version': Flags.option({options: ['0.25', 'latest'] as const, default: '0.25' as const, summary: 'Template functions of this Alertmanager version.'})(),
  }

  async run(): Promise<RenderResult> {
    const f = this.flags
    const {labels, warnings} = parseLabelArgs(this.positionals)
    for (const w of warnings) this.warning(w)
    if (this.positionals.some((p) => !p.includes('='))) throw new UsageError('arguments must be LABEL=VALUE', {hint: 'e.g. alertname=DiskFull severity=page'})
    const loaded = f.config ? await loadRoutingConfig(f.config, []) : undefined
    const result = renderRequest({
      text: f.template,
      config: loaded ? {config: loaded.config, path: f.config} : undefined,
      templateFiles: f['template-file'],
      dataFile: f.data,
      labels,
      version: f['alertmanager-version'],
    })
    return this.emit(result, templateRenderView)
  }
}
