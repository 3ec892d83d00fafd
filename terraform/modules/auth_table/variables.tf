variable "table_name" {
  description = "Name of the DynamoDB auth table."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{3,255}$", var.table_name))
    error_message = "table_name must be 3-255 characters of letters, digits, '_', '.' and '-'."
  }
}

variable "kms_key_arn" {
  description = "ARN of the customer-managed KMS key that encrypts the table at rest."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[0-9a-f-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (not an alias)."
  }
}

variable "broker_role_arn" {
  description = "ARN of the broker function's role: with the administrators, the only principal the table's resource policy lets read and write entries."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[^*]+$", var.broker_role_arn))
    error_message = "broker_role_arn must be one IAM role ARN, without wildcards."
  }
}

variable "administrator_arns" {
  description = "IAM roles or users the table's resource policy lets manage entries and change the table: the admins and the principal that runs Terraform. The account's root user is added as the break-glass."
  type        = list(string)

  validation {
    condition     = length(var.administrator_arns) > 0 && alltrue([for arn in var.administrator_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/[^*]+$", arn))])
    error_message = "administrator_arns must hold at least one IAM role or user ARN, without wildcards (the principal that runs Terraform among them)."
  }
}
