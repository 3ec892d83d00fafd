output "function_name" {
  description = "Name of the Lambda function."
  value       = aws_lambda_function.broker.function_name
}

output "function_arn" {
  description = "ARN of the Lambda function (unqualified)."
  value       = aws_lambda_function.broker.arn
}

output "role_arn" {
  description = "ARN of the function's role: the principal target roles trust."
  value       = aws_iam_role.broker.arn
}

output "log_group_name" {
  description = "The function's log group."
  value       = aws_cloudwatch_log_group.broker.name
}

output "log_group_arn" {
  description = "ARN of the function's log group (without the trailing :*)."
  value       = aws_cloudwatch_log_group.broker.arn
}

output "environment" {
  description = "The environment the backend starts with (names from SettingNames.cs)."
  value       = local.environment
}

output "target_role_trust_policy_json" {
  description = "Trust policy for each role the broker may assume."
  value       = data.aws_iam_policy_document.target_role_trust.json
}
