output "topic_arn" {
  description = "ARN of the audit topic."
  value       = aws_sns_topic.audit.arn
}

output "subscription_arn" {
  description = "ARN of the e-mail subscription (\"pending confirmation\" until the link in AWS's e-mail is followed)."
  value       = aws_sns_topic_subscription.admin_email.arn
}
