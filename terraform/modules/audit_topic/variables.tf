variable "topic_name" {
  description = "Name of the SNS audit topic."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,256}$", var.topic_name))
    error_message = "topic_name must be 1-256 letters, digits, '_' and '-' (a standard topic)."
  }
}

variable "kms_key_arn" {
  description = "ARN of the customer-managed KMS key that encrypts messages at rest in the topic."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[0-9a-f-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (not an alias)."
  }
}

variable "admin_email" {
  description = "E-mail address subscribed to the topic; AWS sends it a confirmation link first."
  type        = string
  sensitive   = true

  validation {
    condition     = can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.admin_email)) && length(var.admin_email) <= 254
    error_message = "admin_email must be one e-mail address."
  }
}

variable "email_event_types" {
  description = "event_type values the e-mail subscription receives (CredentialsMinted, AccountLocked, FailedCodes, RequestRefused, MintFailed, DeviceEnrolled); null receives every message."
  type        = list(string)
  default     = null

  validation {
    condition = var.email_event_types == null ? true : (
      length(var.email_event_types) > 0 &&
      alltrue([for t in var.email_event_types : contains(["CredentialsMinted", "AccountLocked", "FailedCodes", "RequestRefused", "MintFailed", "DeviceEnrolled"], t)])
    )
    error_message = "email_event_types must be null or a non-empty list of CredentialsMinted, AccountLocked, FailedCodes, RequestRefused, MintFailed and DeviceEnrolled."
  }
}

variable "publisher_role_arn" {
  description = "ARN of the broker function's role: the only principal the topic policy lets publish (audit messages cannot be forged by other principals of the account)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[^*]+$", var.publisher_role_arn))
    error_message = "publisher_role_arn must be one IAM role ARN, without wildcards."
  }
}
