# StsFtw on AWS: the key, the auth table, the audit topic, the broker function and its endpoint; the alerts
# that watch them, and the guard policy every brokered role in this account must carry.
# The key policy and the topic policy name the broker's role, and the role's policy names the key and the
# topic; Terraform resolves module inputs one by one, so the role is created first, then the key and the
# topic, then the role's policy and the function.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

# The principal running Terraform, as its role (or user) ARN: it stays among the key's and the table's
# administrators, so the next apply can still change them.
data "aws_iam_session_context" "deployer" {
  arn = data.aws_caller_identity.current.arn
}

locals {
  lambda_zip_path = coalesce(var.lambda_zip_path, "${path.root}/../artifacts/lambda/linux-x64/bootstrap-linux-x64.zip")

  assumable_role_arn_pattern = coalesce(
    var.assumable_role_arn_pattern,
    "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:role/stsftw/*",
  )

  administrator_arns = distinct(concat(var.admin_principal_arns, [data.aws_iam_session_context.deployer.issuer_arn]))

  # Known before the topic exists, so the key policy can name it (the topic is encrypted with the key).
  alerts_topic_name = "${var.app_name}-alerts"
  alerts_topic_arn  = "arn:${data.aws_partition.current.partition}:sns:${var.region}:${data.aws_caller_identity.current.account_id}:${local.alerts_topic_name}"
}

module "key" {
  source = "./modules/key"

  alias_name              = var.app_name
  broker_role_arn         = module.broker_function.role_arn
  admin_principal_arns    = var.admin_principal_arns
  key_administrator_arns  = local.administrator_arns
  alerts_topic_arn        = local.alerts_topic_arn
  deletion_window_in_days = var.kms_deletion_window_days
}

module "auth_table" {
  source = "./modules/auth_table"

  table_name         = var.table_name
  kms_key_arn        = module.key.key_arn
  broker_role_arn    = module.broker_function.role_arn
  administrator_arns = local.administrator_arns
}

module "audit_topic" {
  source = "./modules/audit_topic"

  topic_name         = "${var.app_name}-audit"
  kms_key_arn        = module.key.key_arn
  admin_email        = var.admin_email
  email_event_types  = var.audit_email_event_types
  publisher_role_arn = module.broker_function.role_arn
}

module "broker_function" {
  source = "./modules/broker_function"

  function_name        = var.app_name
  zip_path             = local.lambda_zip_path
  architecture         = var.architecture
  timeout_seconds      = var.timeout_seconds
  memory_mb            = var.memory_mb
  log_retention_days   = var.log_retention_days
  reserved_concurrency = var.reserved_concurrency

  table_name                    = module.auth_table.table_name
  table_arn                     = module.auth_table.table_arn
  topic_arn                     = module.audit_topic.topic_arn
  kms_key_arn                   = module.key.key_arn
  assumable_role_arn_pattern    = local.assumable_role_arn_pattern
  lockout_failure_limit         = var.lockout_failure_limit
  lockout_seconds               = var.lockout_seconds
  lockout_max_seconds           = var.lockout_max_seconds
  failure_budget                = var.failure_budget
  failure_budget_window_seconds = var.failure_budget_window_seconds
  require_encrypted_secrets     = var.require_encrypted_secrets
  default_duration_seconds      = var.default_duration_seconds
  max_duration_seconds          = var.max_duration_seconds
}

module "endpoint" {
  source = "./modules/endpoint"

  endpoint_type = var.endpoint_type
  name          = var.app_name
  function_name = module.broker_function.function_name
  function_arn  = module.broker_function.function_arn

  route53_zone_name   = var.route53_zone_name
  domain_name         = var.domain_name
  vpc_id              = var.vpc_id
  subnet_ids          = var.subnet_ids
  allowed_cidr_blocks = var.allowed_cidr_blocks
  ssl_policy          = var.alb_ssl_policy
  waf_rate_limit      = var.waf_rate_limit
}

module "alerts" {
  source = "./modules/alerts"

  name                    = var.app_name
  kms_key_arn             = module.key.key_arn
  alert_email             = coalesce(var.alert_email, var.admin_email)
  audit_topic_arn         = module.audit_topic.topic_arn
  audit_topic_name        = "${var.app_name}-audit"
  function_name           = module.broker_function.function_name
  log_group_name          = module.broker_function.log_group_name
  refusal_alarm_threshold = var.refusal_alarm_threshold
}

module "brokered_role_guard" {
  source = "./modules/brokered_role_guard"

  name            = var.app_name
  function_arn    = module.broker_function.function_arn
  broker_role_arn = module.broker_function.role_arn
  log_group_arn   = module.broker_function.log_group_arn
  table_arn       = module.auth_table.table_arn
  key_arn         = module.key.key_arn
  key_alias_arn   = module.key.alias_arn
  topic_arns      = [module.audit_topic.topic_arn, module.alerts.topic_arn]
  alarm_arns      = values(module.alerts.alarm_arns)
  event_rule_arn  = module.alerts.event_rule_arn
  endpoint_arns   = module.endpoint.guarded_arns
  dns_zone_arn    = module.endpoint.dns_zone_arn
  dns_names       = module.endpoint.dns_names
}
