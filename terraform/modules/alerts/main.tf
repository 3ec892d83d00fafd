# The audit fails closed at Publish (SECURITY.md rule 6); this module watches what happens after it
# (SECURITY.md finding 2): a second topic, mailed to the admins, alerted by
#   - failed deliveries of audit messages (a bouncing or deleted endpoint), and audit messages nobody
#     received (a subscription pending confirmation or unsubscribed),
#   - the function's errors and throttles,
#   - a high rate of refused requests in the function's log (the aggregate announcement of a guessing flood,
#     with unknown accounts, wrong codes and refused invitation codes counted apart),
#   - any change to either topic's subscriptions, attributes or permissions (EventBridge on CloudTrail).

data "aws_caller_identity" "current" {}

locals {
  # The backend's log line (src/StsFtw.Lambda/Logging/JsonLog.cs): kind "request", outcome "refused", and for
  # a failed authentication a detail naming the failure (CredentialEndpoint.DescribeRefusal). The detail is
  # matched by a regex (%...%; '=' is among the characters CloudWatch allows there, and a log group takes at
  # most 5 regex filters: these are 2). The enrollment routes write the same kind and outcome (so Refusals counts
  # them too) with the refusal's reason (EnrollmentEndpoint); InvitationNotValid is the one answer for an unknown
  # account and a wrong, expired or used invitation code, so its count is how guessing at invitations shows.
  refusal_filters = {
    Refusals                  = "{ $.kind = \"request\" && $.outcome = \"refused\" }"
    RefusalsOfUnknownAccounts = "{ $.kind = \"request\" && $.outcome = \"refused\" && $.detail = %failure=UnknownAccount% }"
    RefusalsOfWrongCodes      = "{ $.kind = \"request\" && $.outcome = \"refused\" && $.detail = %failure=WrongCode% }"
    RefusalsOfInvitationCodes = "{ $.kind = \"request\" && $.outcome = \"refused\" && $.reason = \"InvitationNotValid\" }"
  }

  metric_namespace = "StsFtw/${var.name}"

  # The SNS calls that silence or redirect a topic's deliveries.
  watched_sns_calls = [
    "AddPermission",
    "ConfirmSubscription",
    "DeleteTopic",
    "PutDataProtectionPolicy",
    "RemovePermission",
    "SetSubscriptionAttributes",
    "SetTopicAttributes",
    "Subscribe",
    "Unsubscribe",
  ]

  watched_topics = [var.audit_topic_arn, aws_sns_topic.alerts.arn]
}

resource "aws_sns_topic" "alerts" {
  name              = "${var.name}-alerts"
  kms_master_key_id = var.kms_key_arn
}

# Only CloudWatch alarms and EventBridge rules of this account publish; no IAM principal can forge an alert.
data "aws_iam_policy_document" "alerts" {
  statement {
    sid       = "NoPrincipalPublishesAlerts"
    effect    = "Deny"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alerts.arn]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:PrincipalIsAWSService"
      values   = ["false"]
    }
  }

  statement {
    sid       = "AlarmsAndRulesPublishAlerts"
    effect    = "Allow"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alerts.arn]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com", "events.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_sns_topic_policy" "alerts" {
  arn    = aws_sns_topic.alerts.arn
  policy = data.aws_iam_policy_document.alerts.json
}

resource "aws_sns_topic_subscription" "alert_email" {
  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "email"
  endpoint  = var.alert_email
}

resource "aws_cloudwatch_log_metric_filter" "refusals" {
  for_each = local.refusal_filters

  name           = "${var.name}-${each.key}"
  log_group_name = var.log_group_name
  pattern        = each.value

  metric_transformation {
    name          = each.key
    namespace     = local.metric_namespace
    value         = "1"
    default_value = "0"
  }
}

resource "aws_cloudwatch_metric_alarm" "refusal_flood" {
  alarm_name          = "${var.name}-refusal-flood"
  alarm_description   = "More than ${var.refusal_alarm_threshold} requests refused in 5 minutes: someone may be guessing codes or account names. The log's RefusalsOfUnknownAccounts, RefusalsOfWrongCodes and RefusalsOfInvitationCodes metrics tell which."
  namespace           = local.metric_namespace
  metric_name         = "Refusals"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.refusal_alarm_threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]

  depends_on = [aws_cloudwatch_log_metric_filter.refusals]
}

resource "aws_cloudwatch_metric_alarm" "audit_delivery_failed" {
  alarm_name          = "${var.name}-audit-delivery-failed"
  alarm_description   = "An audit message could not be delivered to a subscriber of ${var.audit_topic_name}: mints may be going unnoticed. Check the subscription (confirmed? unsubscribed?)."
  namespace           = "AWS/SNS"
  metric_name         = "NumberOfNotificationsFailed"
  dimensions          = { TopicName = var.audit_topic_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
}

# Published but neither delivered nor filtered out: nobody received it. This is what a subscription still
# pending confirmation, or one that was unsubscribed, looks like; SNS attempts no delivery then, so the failed
# notifications alarm above stays silent. A 15-minute window, so that a message published at the end of one
# window and delivered seconds later in the next one does not alarm.
resource "aws_cloudwatch_metric_alarm" "audit_undelivered" {
  alarm_name          = "${var.name}-audit-undelivered"
  alarm_description   = "Audit messages were published to ${var.audit_topic_name} but not delivered to anyone: is the e-mail subscription confirmed (with --authenticate-on-unsubscribe true) and still there?"
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]

  metric_query {
    id          = "undelivered"
    expression  = "published - FILL(delivered, 0) - FILL(filtered, 0)"
    label       = "Audit messages nobody received"
    return_data = true
  }

  dynamic "metric_query" {
    for_each = {
      published = "NumberOfMessagesPublished"
      delivered = "NumberOfNotificationsDelivered"
      filtered  = "NumberOfNotificationsFilteredOut"
    }

    content {
      id = metric_query.key

      metric {
        namespace   = "AWS/SNS"
        metric_name = metric_query.value
        dimensions  = { TopicName = var.audit_topic_name }
        period      = 900
        stat        = "Sum"
      }
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "function_errors" {
  alarm_name          = "${var.name}-function-errors"
  alarm_description   = "The broker function ${var.function_name} failed an invocation (a crash or a timeout, not a refusal)."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = var.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
}

resource "aws_cloudwatch_metric_alarm" "function_throttles" {
  alarm_name          = "${var.name}-function-throttles"
  alarm_description   = "The broker function ${var.function_name} was throttled: its reserved concurrency is exhausted (a flood, or too small a reservation)."
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = var.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
}

# EventBridge sees SNS management calls through CloudTrail: the account needs a trail that logs management
# events in this region (README, Deployment).
resource "aws_cloudwatch_event_rule" "topic_changes" {
  name        = "${var.name}-topic-changes"
  description = "StsFtw ${var.name}: a subscription, attribute or permission of the audit or alerts topic changed"

  event_pattern = jsonencode({
    source        = ["aws.sns"]
    "detail-type" = ["AWS API Call via CloudTrail"]
    detail = {
      eventSource = ["sns.amazonaws.com"]
      eventName   = local.watched_sns_calls
      "$or" = [
        { requestParameters = { topicArn = local.watched_topics } },
        { requestParameters = { resourceArn = local.watched_topics } },
        { requestParameters = { subscriptionArn = [for topic in local.watched_topics : { prefix = "${topic}:" }] } },
      ]
    }
  })
}

resource "aws_cloudwatch_event_target" "topic_changes" {
  rule      = aws_cloudwatch_event_rule.topic_changes.name
  target_id = "alerts-topic"
  arn       = aws_sns_topic.alerts.arn
}
