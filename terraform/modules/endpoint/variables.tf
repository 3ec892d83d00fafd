variable "endpoint_type" {
  description = "\"function_url\" (a Lambda function URL) or \"alb\" (an Application Load Balancer with an ACM certificate and a Route 53 alias)."
  type        = string

  validation {
    condition     = contains(["function_url", "alb"], var.endpoint_type)
    error_message = "endpoint_type must be \"function_url\" or \"alb\"."
  }
}

variable "name" {
  description = "Name of the load balancer, its target group and its security group (ALB mode)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,22}[a-z0-9]$", var.name))
    error_message = "name must be 2-24 lowercase letters, digits and hyphens (the target group adds \"-tg\", and ALB names end at 32)."
  }
}

variable "function_name" {
  description = "Name of the broker function the endpoint invokes."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.function_name))
    error_message = "function_name must be a Lambda function name."
  }
}

variable "function_arn" {
  description = "Unqualified ARN of the broker function (the ALB target)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}$", var.function_arn))
    error_message = "function_arn must be an unqualified Lambda function ARN."
  }
}

variable "route53_zone_name" {
  description = "ALB mode: the public hosted zone holding domain_name."
  type        = string
  default     = null

  validation {
    condition     = var.endpoint_type != "alb" || (var.route53_zone_name != null && can(regex("^([a-z0-9-]+\\.)+[a-z]{2,}\\.?$", lower(coalesce(var.route53_zone_name, "-")))))
    error_message = "ALB mode needs route53_zone_name, a public hosted zone such as example.com."
  }
}

variable "domain_name" {
  description = "ALB mode: the host name clients use; it gets the certificate and an alias A record."
  type        = string
  default     = null

  validation {
    condition = var.endpoint_type != "alb" || (
      var.domain_name != null &&
      can(regex("^([a-z0-9-]+\\.)+[a-z]{2,}$", lower(coalesce(var.domain_name, "-")))) &&
      endswith(lower(coalesce(var.domain_name, "-")), ".${trimsuffix(lower(coalesce(var.route53_zone_name, "-")), ".")}")
    )
    error_message = "ALB mode needs domain_name, a host name inside route53_zone_name (e.g. sts.example.com in example.com)."
  }
}

variable "vpc_id" {
  description = "ALB mode: the VPC of the load balancer and its security group."
  type        = string
  default     = null

  validation {
    condition     = var.endpoint_type != "alb" || can(regex("^vpc-[0-9a-f]+$", coalesce(var.vpc_id, "-")))
    error_message = "ALB mode needs vpc_id (vpc-...)."
  }
}

variable "subnet_ids" {
  description = "ALB mode: public subnets in at least two availability zones."
  type        = list(string)
  default     = []

  validation {
    condition     = var.endpoint_type != "alb" || (length(var.subnet_ids) >= 2 && alltrue([for s in var.subnet_ids : can(regex("^subnet-[0-9a-f]+$", s))]))
    error_message = "ALB mode needs at least two subnet_ids (subnet-...), in different availability zones."
  }
}

variable "allowed_cidr_blocks" {
  description = "ALB mode: IPv4 ranges allowed to reach ports 443 and 80."
  type        = list(string)
  default     = ["0.0.0.0/0"]

  validation {
    condition     = length(var.allowed_cidr_blocks) > 0 && alltrue([for c in var.allowed_cidr_blocks : can(cidrnetmask(c))])
    error_message = "allowed_cidr_blocks must be a non-empty list of IPv4 CIDR blocks."
  }
}

variable "ssl_policy" {
  description = "ALB mode: the HTTPS listener's security policy."
  type        = string
  default     = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"

  # TLS 1.3, or TLS 1.3 and 1.2 with forward-secret AEAD ciphers only. Not the Ext* variants (CBC and SHA-1
  # ciphers for old clients), nor the TLS13-1-1/1-0 ones, nor 2016-08 (TLS 1.0, STSFTW's choice).
  validation {
    condition = contains([
      "ELBSecurityPolicy-TLS13-1-2-2021-06",
      "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
      "ELBSecurityPolicy-TLS13-1-3-2021-06",
      "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
      "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
      "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
      "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
      "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
      "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
      "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
      "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
      "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
    ], var.ssl_policy)
    error_message = "ssl_policy must be an ELBSecurityPolicy-TLS13-* policy limited to TLS 1.2+ with AEAD ciphers, e.g. ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09 or ELBSecurityPolicy-TLS13-1-2-2021-06."
  }
}

variable "waf_rate_limit" {
  description = "ALB mode: requests per client address in 5 minutes above which a WAF rate-based rule blocks it; null creates no web ACL."
  type        = number
  default     = null

  validation {
    condition = var.waf_rate_limit == null || (
      var.endpoint_type == "alb" &&
      try(var.waf_rate_limit >= 10 && var.waf_rate_limit <= 2000000000 && floor(var.waf_rate_limit) == var.waf_rate_limit, false)
    )
    error_message = "waf_rate_limit must be null, or in ALB mode a whole number from 10 to 2000000000 (a function URL cannot sit behind WAF)."
  }
}
