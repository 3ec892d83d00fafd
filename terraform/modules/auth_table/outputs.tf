output "table_name" {
  description = "Name of the auth table."
  value       = aws_dynamodb_table.auth.name
}

output "table_arn" {
  description = "ARN of the auth table."
  value       = aws_dynamodb_table.auth.arn
}

output "resource_policy_json" {
  description = "The table's resource policy."
  value       = data.aws_iam_policy_document.table.json
}
