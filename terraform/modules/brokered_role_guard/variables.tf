variable "name" {
  description = "The deployment's app_name; the guard is the customer-managed policy <name>-brokered-role-guard."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,22}[a-z0-9]$", var.name))
    error_message = "name must be 2-24 lowercase letters, digits and hyphens."
  }
}

variable "function_arn" {
  description = "Unqualified ARN of the broker function."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}$", var.function_arn))
    error_message = "function_arn must be an unqualified Lambda function ARN."
  }
}

variable "broker_role_arn" {
  description = "ARN of the broker function's role."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[^*]+$", var.broker_role_arn))
    error_message = "broker_role_arn must be one IAM role ARN, without wildcards."
  }
}

variable "log_group_arn" {
  description = "ARN of the function's log group (without the trailing :*)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:logs:[a-z0-9-]+:[0-9]{12}:log-group:/aws/lambda/[A-Za-z0-9_-]{1,64}$", var.log_group_arn))
    error_message = "log_group_arn must be the ARN of a Lambda function's log group, without wildcards."
  }
}

variable "table_arn" {
  description = "ARN of the auth table."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:[0-9]{12}:table/[A-Za-z0-9_.-]{3,255}$", var.table_arn))
    error_message = "table_arn must be one DynamoDB table ARN, without wildcards."
  }
}

variable "key_arn" {
  description = "ARN of the project key."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[0-9a-f-]+$", var.key_arn))
    error_message = "key_arn must be a KMS key ARN."
  }
}

variable "key_alias_arn" {
  description = "ARN of the project key's alias."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:alias/[A-Za-z0-9/_-]+$", var.key_alias_arn))
    error_message = "key_alias_arn must be a KMS alias ARN."
  }
}

variable "topic_arns" {
  description = "ARNs of the audit and alerts topics."
  type        = list(string)

  validation {
    condition     = length(var.topic_arns) > 0 && alltrue([for arn in var.topic_arns : can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$", arn))])
    error_message = "topic_arns must hold SNS topic ARNs, without wildcards."
  }
}

variable "alarm_arns" {
  description = "ARNs of the alarms that watch the broker."
  type        = list(string)

  validation {
    condition     = length(var.alarm_arns) > 0 && alltrue([for arn in var.alarm_arns : can(regex("^arn:aws[a-z-]*:cloudwatch:[a-z0-9-]+:[0-9]{12}:alarm:[^*]+$", arn))])
    error_message = "alarm_arns must hold CloudWatch alarm ARNs, without wildcards."
  }
}

variable "event_rule_arn" {
  description = "ARN of the EventBridge rule that alerts on the topics' changes."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:events:[a-z0-9-]+:[0-9]{12}:rule/[^*]+$", var.event_rule_arn))
    error_message = "event_rule_arn must be one EventBridge rule ARN, without wildcards."
  }
}

variable "endpoint_arns" {
  description = "ALB mode: the load balancer, its listeners and rules (as ARN prefixes ending in /*), target group and web ACL. Empty for a function URL (its configuration is the function's)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.endpoint_arns : can(regex("^arn:aws[a-z-]*:(elasticloadbalancing|wafv2):[a-z0-9-]+:[0-9]{12}:[^*]+(/\\*)?$", arn))])
    error_message = "endpoint_arns must hold Elastic Load Balancing or WAF ARNs; a '*' only as a final /* (a listener's or rule's prefix)."
  }
}

variable "dns_zone_arn" {
  description = "ALB mode: ARN of the hosted zone holding the endpoint's name; null for a function URL."
  type        = string
  default     = null

  validation {
    condition     = var.dns_zone_arn == null || can(regex("^arn:aws[a-z-]*:route53:::hostedzone/[A-Z0-9]+$", coalesce(var.dns_zone_arn, "-")))
    error_message = "dns_zone_arn must be null or a Route 53 hosted zone ARN."
  }
}

variable "dns_names" {
  description = "ALB mode: the record names (lowercase, no trailing dot) whose changes are denied: the endpoint's name and its certificate's validation record."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for name in var.dns_names : can(regex("^(\\*\\.)?([a-z0-9-]+\\.)+[a-z]{2,}$", name))])
    error_message = "dns_names must hold lowercase host names, each optionally starting with '*.'."
  }
}
