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
