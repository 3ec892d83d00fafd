output "key_arn" {
  description = "ARN of the key."
  value       = aws_kms_key.this.arn
}

output "key_id" {
  description = "Id of the key."
  value       = aws_kms_key.this.key_id
}

output "alias_name" {
  description = "The key's alias, alias/<alias_name>."
  value       = aws_kms_alias.this.name
}

output "alias_arn" {
  description = "ARN of the key's alias."
  value       = aws_kms_alias.this.arn
}

output "policy_json" {
  description = "The key policy."
  value       = data.aws_iam_policy_document.key.json
}
