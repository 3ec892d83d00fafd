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
