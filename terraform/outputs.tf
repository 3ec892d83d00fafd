output "endpoint_url" {
  description = "Where clients send requests: Get-StsCredential -Endpoint, or STS_ENDPOINT."
  value       = module.endpoint.url
}

output "table_name" {
  description = "The auth table (the admin cmdlets' -TableName, STS_TABLE_NAME)."
  value       = module.auth_table.table_name
}

output "table_arn" {
  description = "ARN of the auth table."
  value       = module.auth_table.table_arn
}

output "topic_arn" {
  description = "ARN of the SNS audit topic."
  value       = module.audit_topic.topic_arn
}

output "function_name" {
  description = "Name of the broker function (its log group is /aws/lambda/<name>)."
  value       = module.broker_function.function_name
}

output "function_role_arn" {
  description = "ARN of the broker function's role, the principal target roles must trust."
  value       = module.broker_function.role_arn
}

output "key_arn" {
  description = "ARN of the KMS key (table, topic and TOTP secrets)."
  value       = module.key.key_arn
}

output "key_alias" {
  description = "Alias of the KMS key: the admin cmdlets' -KmsKeyId, or STS_KMS_KEY_ID."
  value       = module.key.alias_name
}

output "assumable_role_arn_pattern" {
  description = "The role ARNs the broker may assume (its IAM permission and STS_ALLOWED_ROLE_ARNS)."
  value       = local.assumable_role_arn_pattern
}

output "target_role_trust_policy_json" {
  description = "Trust policy to attach to every role the broker may assume: lets the broker role call sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession (with StsFtw's session tag keys only)."
  value       = module.broker_function.target_role_trust_policy_json
}

output "brokered_role_guard_policy_arn" {
  description = "The guard policy to attach to every role the broker assumes in this account (README, Letting the broker assume roles): it denies changing the broker, its role, log, auth table, key, topics, alarms and endpoint."
  value       = module.brokered_role_guard.policy_arn
}

output "brokered_role_guard_policy_json" {
  description = "The guard policy's document, for review or for an inline copy."
  value       = module.brokered_role_guard.policy_json
}

output "alerts_topic_arn" {
  description = "ARN of the alerts topic (alarms and topic changes); its e-mail subscription needs confirming like the audit one."
  value       = module.alerts.topic_arn
}

output "audit_subscription_arn" {
  description = "ARN of the audit e-mail subscription (\"pending confirmation\" until confirmed)."
  value       = module.audit_topic.subscription_arn
}

output "key_policy_json" {
  description = "The key policy, for review: who may change the key, who may use it and how."
  value       = module.key.policy_json
}

output "table_resource_policy_json" {
  description = "The auth table's resource policy, for review: who may read and write entries and change the table."
  value       = module.auth_table.resource_policy_json
}
