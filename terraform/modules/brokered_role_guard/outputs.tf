output "policy_arn" {
  description = "ARN of the guard policy: attach it to every role the broker assumes in its own account."
  value       = aws_iam_policy.guard.arn
}

output "policy_json" {
  description = "The guard policy document."
  value       = data.aws_iam_policy_document.guard.json
}
