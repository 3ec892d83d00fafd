# Delivery watched (SECURITY.md finding 2) and refusals announced in aggregate (findings 3 and 4).

variables {
  name                    = "stsftw"
  kms_key_arn             = "arn:aws:kms:us-east-1:123456789012:key/0123abcd-0123-abcd-0123-0123456789ab"
  alert_email             = "security-team@example.com"
  audit_topic_arn         = "arn:aws:sns:us-east-1:123456789012:stsftw-audit"
  audit_topic_name        = "stsftw-audit"
  function_name           = "stsftw"
  log_group_name          = "/aws/lambda/stsftw"
  refusal_alarm_threshold = 50
}

run "alarms_watch_delivery_errors_throttles_and_refusal_floods" {
  command = plan
  module {
    source = "./modules/alerts"
  }

  override_resource {
    target          = aws_sns_topic.alerts
    override_during = plan
    values          = { arn = "arn:aws:sns:us-east-1:123456789012:stsftw-alerts" }
  }

  assert {
    condition     = length(aws_sns_topic_policy.alerts.arn) > 0 && contains(aws_cloudwatch_metric_alarm.refusal_flood.alarm_actions, "arn:aws:sns:us-east-1:123456789012:stsftw-alerts")
    error_message = "Alarms notify the alerts topic."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.audit_delivery_failed.metric_name == "NumberOfNotificationsFailed" &&
      aws_cloudwatch_metric_alarm.audit_delivery_failed.dimensions["TopicName"] == "stsftw-audit" &&
      aws_cloudwatch_metric_alarm.audit_delivery_failed.threshold == 0
    )
    error_message = "A failed delivery of any audit message must alarm."
  }

  assert {
    condition = (
      one([for q in aws_cloudwatch_metric_alarm.audit_undelivered.metric_query : q.expression if q.return_data == true]) == "published - FILL(delivered, 0) - FILL(filtered, 0)" &&
      toset(flatten([for q in aws_cloudwatch_metric_alarm.audit_undelivered.metric_query : [for m in q.metric : m.metric_name]])) == toset(["NumberOfMessagesPublished", "NumberOfNotificationsDelivered", "NumberOfNotificationsFilteredOut"]) &&
      alltrue(flatten([for q in aws_cloudwatch_metric_alarm.audit_undelivered.metric_query : [for m in q.metric : m.dimensions["TopicName"] == "stsftw-audit"]]))
    )
    error_message = "Audit messages published but delivered to nobody (a pending or removed subscription) must alarm."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.function_errors.metric_name == "Errors" &&
      aws_cloudwatch_metric_alarm.function_throttles.metric_name == "Throttles" &&
      aws_cloudwatch_metric_alarm.function_errors.dimensions["FunctionName"] == "stsftw"
    )
    error_message = "The function's errors and throttles must alarm."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.refusal_flood.metric_name == "Refusals" &&
      aws_cloudwatch_metric_alarm.refusal_flood.threshold == 50 &&
      aws_cloudwatch_metric_alarm.refusal_flood.namespace == aws_cloudwatch_log_metric_filter.refusals["Refusals"].metric_transformation[0].namespace
    )
    error_message = "The refusal alarm must read the log's refusal metric."
  }

  assert {
    condition = (
      aws_cloudwatch_log_metric_filter.refusals["Refusals"].pattern == "{ $.kind = \"request\" && $.outcome = \"refused\" }" &&
      strcontains(aws_cloudwatch_log_metric_filter.refusals["RefusalsOfUnknownAccounts"].pattern, "$.detail = %failure=UnknownAccount%") &&
      strcontains(aws_cloudwatch_log_metric_filter.refusals["RefusalsOfWrongCodes"].pattern, "$.detail = %failure=WrongCode%") &&
      strcontains(aws_cloudwatch_log_metric_filter.refusals["RefusalsOfInvitationCodes"].pattern, "$.reason = \"InvitationNotValid\"") &&
      aws_cloudwatch_log_metric_filter.refusals["Refusals"].log_group_name == "/aws/lambda/stsftw"
    )
    error_message = "The metric filters must count the backend's refused request lines."
  }

  assert {
    condition = alltrue([for alarm in [aws_cloudwatch_metric_alarm.audit_delivery_failed, aws_cloudwatch_metric_alarm.audit_undelivered, aws_cloudwatch_metric_alarm.function_errors, aws_cloudwatch_metric_alarm.function_throttles, aws_cloudwatch_metric_alarm.refusal_flood] :
    length(alarm.alarm_actions) == 1])
    error_message = "Every alarm must notify the alerts topic."
  }

  assert {
    condition = (
      contains(jsondecode(aws_cloudwatch_event_rule.topic_changes.event_pattern).detail.eventName, "Unsubscribe") &&
      contains(jsondecode(aws_cloudwatch_event_rule.topic_changes.event_pattern).detail.eventName, "SetSubscriptionAttributes") &&
      contains(jsondecode(aws_cloudwatch_event_rule.topic_changes.event_pattern).detail.eventName, "SetTopicAttributes") &&
      contains(jsondecode(aws_cloudwatch_event_rule.topic_changes.event_pattern).detail["$or"][0].requestParameters.topicArn, var.audit_topic_arn)
    )
    error_message = "Changes to the audit topic's subscriptions and attributes must be alerted."
  }

  assert {
    condition     = aws_sns_topic.alerts.name == "stsftw-alerts" && aws_sns_topic.alerts.kms_master_key_id == var.kms_key_arn
    error_message = "The alerts topic is stsftw-alerts, encrypted with the project key."
  }
}
