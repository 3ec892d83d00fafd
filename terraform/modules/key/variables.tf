variable "alias_name" {
  description = "Alias of the key, without the alias/ prefix (the admin cmdlets' -KmsKeyId alias/<alias_name>)."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9/_-]{1,250}$", var.alias_name)) && !startswith(var.alias_name, "aws/")
    error_message = "alias_name must be 1-250 of letters, digits, '/', '_' and '-', and not start with aws/."
  }
}

variable "broker_role_arn" {
  description = "ARN of the broker function's role: it may decrypt TOTP secrets (with their encryption context) and use the key for the encrypted audit topic."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[^*]+$", var.broker_role_arn))
    error_message = "broker_role_arn must be one IAM role ARN, without wildcards."
  }
}

variable "admin_principal_arns" {
  description = "IAM roles or users that may kms:Encrypt TOTP secrets for enrollment, bound to the issuer/account_name encryption context."
  type        = list(string)

  validation {
    condition     = alltrue([for arn in var.admin_principal_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/[^*]+$", arn))])
    error_message = "admin_principal_arns must hold IAM role or user ARNs, without wildcards."
  }
}

variable "deletion_window_in_days" {
  description = "Waiting period, in days (7-30), before a scheduled deletion of the key takes effect."
  type        = number

  validation {
    condition     = var.deletion_window_in_days >= 7 && var.deletion_window_in_days <= 30
    error_message = "deletion_window_in_days must be from 7 to 30."
  }
}

variable "key_administrator_arns" {
  description = "IAM roles or users allowed to change the key (its policy, state, rotation, aliases, tags); every other principal but the account's root user is denied, whatever IAM grants it."
  type        = list(string)

  validation {
    condition     = length(var.key_administrator_arns) > 0 && alltrue([for arn in var.key_administrator_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/[^*]+$", arn))])
    error_message = "key_administrator_arns must hold at least one IAM role or user ARN, without wildcards (the principal that runs Terraform among them)."
  }
}

variable "alerts_topic_arn" {
  description = "ARN of the alerts topic (encrypted with this key): CloudWatch alarms and EventBridge may use the key for that topic's messages only."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$", var.alerts_topic_arn))
    error_message = "alerts_topic_arn must be one SNS topic ARN, without wildcards."
  }
}
