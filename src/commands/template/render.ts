import {Flags} from '@oclif/core'
import {loadRoutingConfig} from '../../alertmanager/config-source.js'
import {renderReceiverRequest, renderRequest, type RenderResult} from '../../alertmanager/template/command.js'
import type {RenderedIntegration} from '../../alertmanager/template/receiver.js'
import {parseLabelArgs} from '../../alertmanager/routing.js'
import {SpockCommand} from '../../base-command.js'
import {UsageError} from '../../errors.js'
import {receiverRenderView, templateRenderView} from '../../output/views/template.js'

export default class TemplateRender extends SpockCommand<typeof TemplateRender> {
  static summary = 'Render a notification template as Alertmanager would (as amtool template render), or every field a receiver sends.'
  static description =
    'Loads Alertmanager\'s built-in templates, the files under "templates:" in --config and any --template-file, then renders --template ' +
    'with amtool\'s sample data, a --data JSON file, or one firing alert with the LABEL=VALUE labels (routed through --config to name the receiver). ' +
    'With --receiver NAME instead of --template: every templated field of every integration of that receiver (Slack title and text, email ' +
    'subject and html, the webhook payload, ...), with Alertmanager\'s defaults where the config sets none, for one firing alert grouped as its route groups it.'
  static examples = [
    '<%= config.bin %> <%= command.id %> --config alertmanager.yml --template \'{{ template "slack.default.title" . }}\'',
    '<%= config.bin %> <%= command.id %> --config alertmanager.yml --template \'{{ template "my.title" . }}\' alertname=DiskFull severity=page',
    '<%= config.bin %> <%= command.id %> --template-file \'templates/*.tmpl\' --data alert-group.json --template \'{{ .CommonLabels.alertname }}\' -o json',
    '<%= config.bin %> <%= command.id %> --config alertmanager.yml --receiver team-db alertname=DiskFull severity=page --annotation summary="Disk 95% full"',
  ]
  static strict = false
  static flags = {
    config: Flags.string({summary: 'alertmanager.yml whose "templates:" files to load (and whose receivers --receiver renders).'}),
    template: Flags.string({summary: 'The template text to render (amtool --template.text).', exactlyOne: ['template', 'receiver']}),
    receiver: Flags.string({summary: 'Render every field of every integration of this receiver of --config.', exactlyOne: ['template', 'receiver'], dependsOn: ['config']}),
    annotation: Flags.string({multiple: true, summary: 'An annotation of the synthetic alert, NAME=VALUE (with --receiver); repeatable.'}),
    'template-file': Flags.string({multiple: true, summary: 'More template files or globs (amtool --template.glob); repeatable.'}),
    data: Flags.string({summary: 'A template.Data JSON file (amtool --template.data), e.g. a webhook payload.'}),
    'alertmanager-version': Flags.option({options: ['0.25', 'latest'] as const, default: '0.25' as const, summary: 'Template functions of this Alertmanager version.'})(),
  }

  async run(): Promise<RenderResult | RenderedIntegration[]> {
    const f = this.flags
    const {labels, warnings} = parseLabelArgs(this.positionals)
    for (const w of warnings) this.warning(w)
    if (this.positionals.some((p) => !p.includes('='))) throw new UsageError('arguments must be LABEL=VALUE', {hint: 'e.g. alertname=DiskFull severity=page'})
    const loaded = f.config ? await loadRoutingConfig(f.config, []) : undefined
    if (f.receiver !== undefined) {
      const result = renderReceiverRequest({
        receiver: f.receiver,
        config: {config: loaded!.config, path: f.config!, text: loaded!.text},
        templateFiles: f['template-file'],
        dataFile: f.data,
        labels,
        annotations: annotations(f.annotation ?? []),
        version: f['alertmanager-version'],
      })
      return this.emit(result, receiverRenderView)
    }
    if (f.annotation !== undefined) throw new UsageError('--annotation goes with --receiver', {hint: 'with --template, put annotations in a --data file'})
    const result = renderRequest({
      text: f.template!,
      config: loaded ? {config: loaded.config, path: f.config} : undefined,
      templateFiles: f['template-file'],
      dataFile: f.data,
      labels,
      version: f['alertmanager-version'],
    })
    return this.emit(result, templateRenderView)
  }
}

function annotations(args: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const a of args) {
    const at = a.indexOf('=')
    if (at <= 0) throw new UsageError(`--annotation ${JSON.stringify(a)} is not NAME=VALUE`, {hint: 'e.g. --annotation summary="Disk 95% full"'})
    out[a.slice(0, at)] = a.slice(at + 1)
  }
  return out
}
