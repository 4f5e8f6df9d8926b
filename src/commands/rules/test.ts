import {Flags, type Interfaces} from '@oclif/core'
import {SpockCommand} from '../../base-command.js'
import {UsageError} from '../../errors.js'
import {PROBLEM_FORMATS} from '../../findings/problem-report.js'
import {checkRe2} from '../../model/regex.js'
import {outputFlag} from '../../output-flags.js'
import {rulesTestView, type testJson} from '../../output/views/rules-test.js'
import {testFiles} from '../../rules-test/run.js'

export default class RulesTest extends SpockCommand<typeof RulesTest> {
  static summary = 'Run rule unit tests (promtool test rules files, unchanged): every failure of every file, with expected/got diffs.'
  static description =
    'Takes promtool unit-test files. Exit 0 all tests pass, 1 a test failed (or coverage is under --min-coverage), 2 a test file or a rule file it loads is invalid.'
  static examples = [
    '<%= config.bin %> <%= command.id %> tests/*.yml',
    '<%= config.bin %> <%= command.id %> tests/alerts_test.yml --run "^Disk"',
    '<%= config.bin %> <%= command.id %> tests/*.yml --coverage --min-coverage 80',
    '<%= config.bin %> <%= command.id %> tests/*.yml -o junit > rules-test.xml',
  ]
  static strict = false
  static args = {}
  static flags = {
    output: outputFlag(PROBLEM_FORMATS, 'Report format: table (failures with diffs; alias text), json, yaml, github, sarif, junit, checkstyle.'),
    run: Flags.string({summary: 'Run only the test groups whose name matches this regular expression (as promtool --run).', helpValue: 'REGEX'}),
    coverage: Flags.boolean({summary: 'List each alerting and recording rule of the tested rule files and whether a test asserts it.'}),
    'min-coverage': Flags.integer({summary: 'Fail (exit 1) when fewer than this percentage of the rules are asserted; implies --coverage.', min: 0, max: 100, helpValue: 'PERCENT'}),
  }

  async run(): Promise<ReturnType<typeof testJson>> {
    const f = this.flags as unknown as Interfaces.InferredFlags<typeof RulesTest.flags>
    if (this.positionals.length === 0) throw new UsageError('no test files given', {hint: 'name promtool unit-test files, e.g. spock rules test tests/*.yml'})
    if (f.run !== undefined) {
      const err = checkRe2(f.run)
      if (err) throw new UsageError(`--run: ${err}`, {hint: 'give a Go (RE2) regular expression matching test group names'})
    }
    const minCoverage = f['min-coverage']
    const report = await testFiles(this.positionals, {run: f.run, coverage: f.coverage || minCoverage !== undefined})
    for (const file of report.files) for (const w of file.warnings) this.warning(`${file.path}: ${w}`)
    const out = await this.emit(report, rulesTestView({tool: {name: 'spock', version: this.config.version}, cwd: process.cwd()}))
    const s = report.summary
    if (s.invalid > 0) process.exitCode = 2
    else if (s.failed > 0 || (minCoverage !== undefined && (report.coverage?.percent ?? 100) < minCoverage)) {
      if (minCoverage !== undefined && report.coverage && report.coverage.percent < minCoverage) {
        this.note(`spock: rule coverage ${report.coverage.percent}% is under --min-coverage ${minCoverage}%`)
      }
      this.setExitCode(1)
    } else this.setExitCode(0)
    return out
  }
}
