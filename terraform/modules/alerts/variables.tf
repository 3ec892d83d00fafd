variable "name" {
  description = "Prefix of the alerts topic, the alarms, the metric filters and the EventBridge rule (the deployment's app_name)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,22}[a-z0-9]$", var.name))
    error_message = "name must be 2-24 lowercase letters, digits and hyphens."
  }
}

variable "kms_key_arn" {
  description = "ARN of the project key, which encrypts the alerts topic (its key policy lets CloudWatch and EventBridge use it for that topic only)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[0-9a-f-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (not an alias)."
  }
}

variable "alert_email" {
  description = "E-mail address subscribed to the alerts topic; AWS sends it a confirmation link first."
  type        = string
  sensitive   = true

  validation {
    condition     = can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.alert_email)) && length(var.alert_email) <= 254
    error_message = "alert_email must be one e-mail address."
  }
}

variable "audit_topic_arn" {
  description = "ARN of the audit topic, whose subscription and attribute changes are alerted."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$", var.audit_topic_arn))
    error_message = "audit_topic_arn must be one SNS topic ARN, without wildcards."
  }
}

variable "audit_topic_name" {
  description = "Name of the audit topic (the TopicName dimension of its delivery metrics)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,256}$", var.audit_topic_name))
    error_message = "audit_topic_name must be a standard SNS topic name."
  }
}

variable "function_name" {
  description = "Name of the broker function (the FunctionName dimension of its error and throttle metrics)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.function_name))
    error_message = "function_name must be a Lambda function name."
  }
}

variable "log_group_name" {
  description = "The broker function's log group, which the refusal metric filters read."
  type        = string

  validation {
    condition     = can(regex("^/aws/lambda/[A-Za-z0-9_-]{1,64}$", var.log_group_name))
    error_message = "log_group_name must be a Lambda function's log group, /aws/lambda/<name>."
  }
}

variable "refusal_alarm_threshold" {
  description = "Refused requests in 5 minutes above which the refusal alarm alerts."
  type        = number

  validation {
    condition     = var.refusal_alarm_threshold >= 1 && floor(var.refusal_alarm_threshold) == var.refusal_alarm_threshold
    error_message = "refusal_alarm_threshold must be a whole number of at least 1."
  }
}
