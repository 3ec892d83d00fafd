# The audit topic: every mint, lockout, refusal and failed mint is published here (with an event_type
# message attribute) before credentials are returned, and e-mailed to the admin.

resource "aws_sns_topic" "audit" {
  name              = var.topic_name
  kms_master_key_id = var.kms_key_arn
}

# Only the broker may publish. An IAM policy elsewhere in the account that grants sns:Publish (on "*", say)
# would otherwise let its holder send a convincing fake audit e-mail, or bury a real one among fakes. The
# explicit Deny wins over any Allow; aws:PrincipalArn of a Lambda's session is its role's ARN. Managing the
# topic and its subscriptions is left to IAM, as with the default topic policy.
data "aws_iam_policy_document" "topic" {
  statement {
    sid       = "OnlyTheBrokerPublishes"
    effect    = "Deny"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.audit.arn]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "ArnNotEquals"
      variable = "aws:PrincipalArn"
      values   = [var.publisher_role_arn]
    }
  }
}

resource "aws_sns_topic_policy" "audit" {
  arn    = aws_sns_topic.audit.arn
  policy = data.aws_iam_policy_document.topic.json
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
