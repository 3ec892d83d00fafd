output "topic_arn" {
  description = "ARN of the alerts topic."
  value       = aws_sns_topic.alerts.arn
}

output "alarm_arns" {
  description = "ARNs of the alarms, by name."
  value = {
    for alarm in [
      aws_cloudwatch_metric_alarm.refusal_flood,
      aws_cloudwatch_metric_alarm.audit_delivery_failed,
      aws_cloudwatch_metric_alarm.audit_undelivered,
      aws_cloudwatch_metric_alarm.function_errors,
      aws_cloudwatch_metric_alarm.function_throttles,
    ] : alarm.alarm_name => alarm.arn
  }
}

output "event_rule_arn" {
  description = "ARN of the EventBridge rule on the topics' changes."
  value       = aws_cloudwatch_event_rule.topic_changes.arn
}
