# The audit topic: every mint, lockout, refusal and failed mint is published here (with an event_type
# message attribute) before credentials are returned, and e-mailed to the admin.

resource "aws_sns_topic" "audit" {
  name              = var.topic_name
  kms_master_key_id = var.kms_key_arn
}

resource "aws_sns_topic_subscription" "admin_email" {
  topic_arn = aws_sns_topic.audit.arn
  protocol  = "email"
  endpoint  = var.admin_email

  # Refusals of unknown accounts can arrive in floods (anyone can send a guess); filtering by the message
  # attribute keeps the inbox for what needs a person. Messages that are filtered out are still published
  # (and the function logs every request).
  filter_policy_scope = var.email_event_types == null ? null : "MessageAttributes"
  filter_policy       = var.email_event_types == null ? null : jsonencode({ event_type = var.email_event_types })
}
