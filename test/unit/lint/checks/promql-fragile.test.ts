import {describe, expect, test} from 'vitest'
import {promqlFragile} from '../../../../src/lint/checks/promql-fragile.js'
import {findings} from './promql-support.js'

describe('promql/fragile', () => {
  test('good: no sampling, for set, same labels', async () => {
    expect(await findings(promqlFragile, 'sum(errors_total) / sum(requests_total) > 0.1', {for: '5m'})).toEqual([])
    expect(await findings(promqlFragile, 'topk(5, rate(errors_total[5m]))', {alert: false})).toEqual([])
    expect(await findings(promqlFragile, 'sum by (job) (a) / on (job) group_left sum by (job, instance) (b)', {alert: false})).toEqual([])
    expect(await findings(promqlFragile, 'sum(errors_total) / 2 > 0.1')).toEqual([])
  })

  test('topk in an alert', async () => {
    expect(await findings(promqlFragile, 'topk(5, rate(errors_total[5m])) > 1', {for: '5m'})).toEqual([
      '5:11 warning topk() in an alert picks its series by value, so a different set can win each evaluation and the alert flaps',
    ])
  })

  test('arithmetic between aggregations in an alert without for', async () => {
    expect(await findings(promqlFragile, 'sum(errors_total) / sum(requests_total) > 0.1')).toEqual([
      '5:29 warning "/" between sum() and sum() in an alert without "for": right after Prometheus starts one side may cover only some targets, and the alert fires on that partial result',
    ])
  })

  test('aggregations by different labels without on()', async () => {
    expect(await findings(promqlFragile, 'sum by (job) (a) / sum by (job, instance) (b)', {alert: false})).toEqual([
      '5:28 warning "/" between sum by(job) and sum by(instance, job): the sides have different labels, so series only match while the extra labels are missing',
    ])
  })
})
