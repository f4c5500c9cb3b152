# What operators watch: a CloudWatch dashboard of the gateway's own metrics (published by each task or pod to
# var.metrics_namespace, see the README's Observability section) and two alarms, on the share of 5xx answers and on
# the p99 latency of model calls. Both alarms read the service-wide series (litellm_gateway_*), since an alarm
# cannot sum a metric over its dimensions; the dashboard's per-model widgets search the labelled ones.

locals {
  metrics_search = "Namespace=\"${var.metrics_namespace}\""
  alarm_actions  = var.alarm_sns_topic_arn == "" ? [] : [var.alarm_sns_topic_arn]
}

locals {
  # the per-model widgets: each a search over every dimension set of one metric, summed per 5 minutes
  search_widgets = [
    { title = "Requests per model (per 5 minutes)", metric = "litellm_proxy_total_requests_metric.count", x = 0, y = 0 },
    { title = "Failed requests by status", metric = "litellm_proxy_failed_requests_metric.count", x = 12, y = 6 },
    { title = "Tokens per model", metric = "litellm_total_tokens_metric.count", x = 0, y = 12 },
    { title = "Spend per model (USD)", metric = "litellm_spend_metric.count", x = 12, y = 12 },
  ]
}

resource "aws_cloudwatch_dashboard" "gateway" {
  dashboard_name = "${var.name}-gateway"
  dashboard_body = jsonencode({
    widgets = concat([
      for widget in local.search_widgets : {
        type   = "metric"
        x      = widget.x
        y      = widget.y
        width  = 12
        height = 6
        properties = {
          title   = widget.title
          region  = var.aws_region
          stat    = "Sum"
          period  = 300
          metrics = [[{ expression = "SEARCH('${local.metrics_search} MetricName=\"${widget.metric}\"', 'Sum', 300)", id = "search" }]]
        }
      }
      ], [
      {
        type   = "metric"
        x      = 12
        y      = 0
        width  = 12
        height = 6
        properties = {
          title  = "Answers by status class"
          region = var.aws_region
          stat   = "Sum"
          period = 300
          metrics = [
            for status_class in ["2xx", "4xx", "5xx"] :
            [var.metrics_namespace, "litellm_gateway_responses.count", "status_class", status_class]
          ]
        }
      },
      {
        type   = "metric"
        x      = 0
        y      = 6
        width  = 12
        height = 6
        properties = {
          title  = "Time until the answer starts, p50 and p99 (seconds)"
          region = var.aws_region
          stat   = "Maximum"
          period = 300
          metrics = [
            [var.metrics_namespace, "litellm_gateway_request_latency.percentile.value", "phi", "0.5", { label = "p50" }],
            [var.metrics_namespace, "litellm_gateway_request_latency.percentile.value", "phi", "0.99", { label = "p99" }],
          ]
        }
      },
    ])
  })
}

resource "aws_cloudwatch_metric_alarm" "errors_5xx" {
  alarm_name          = "${var.name}-gateway-5xx"
  alarm_description   = "More than ${var.alarm_5xx_percent}% of model calls answered 5xx over 5 minutes, of at least 20 (ALARM_5XX_PERCENT)"
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.alarm_5xx_percent
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  metric_query {
    id = "share"
    # below 20 calls in 5 minutes a single failure is not an outage: the share counts as 0
    expression  = "IF((FILL(ok, 0) + FILL(refused, 0) + FILL(failed, 0)) >= 20, 100 * FILL(failed, 0) / (FILL(ok, 0) + FILL(refused, 0) + FILL(failed, 0)), 0)"
    label       = "5xx share (%)"
    return_data = true
  }

  dynamic "metric_query" {
    for_each = { ok = "2xx", refused = "4xx", failed = "5xx" }
    content {
      id = metric_query.key
      metric {
        namespace   = var.metrics_namespace
        metric_name = "litellm_gateway_responses.count"
        dimensions  = { status_class = metric_query.value }
        stat        = "Sum"
        period      = 300
      }
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "latency_p99" {
  alarm_name          = "${var.name}-gateway-p99-latency"
  alarm_description   = "The p99 time until a model call's answer starts (a stream's first byte) above ${var.alarm_p99_latency_seconds} s in two of three 5-minute periods (ALARM_P99_LATENCY_SECONDS)"
  namespace           = var.metrics_namespace
  metric_name         = "litellm_gateway_request_latency.percentile.value"
  dimensions          = { phi = "0.99" }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 3
  datapoints_to_alarm = 2
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.alarm_p99_latency_seconds
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}
