# Inputs of the whole deployment. The first group mirrors STSFTW's app.yml (app_name, zone, domain,
# dynamo_table_name, email, region, bin_path/bin_name); tf_state_bucket went to backend.hcl.
# Rules that belong to one part (the TLS policy, the role pattern, the backend's ranges) are checked by the
# module that uses them, so each rule is written once.

variable "app_name" {
  description = "Name of the deployment, used for the function, its role, the key alias (alias/<app_name>), the audit topic and the ALB. Lowercase letters, digits and hyphens, at most 24 characters (the ALB and target group names are limited to 32)."
  type        = string
  default     = "stsftw"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,22}[a-z0-9]$", var.app_name))
    error_message = "app_name must be 2-24 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen."
  }
}

variable "region" {
  description = "AWS region of the table, key, topic, function and endpoint (STSFTW's app.yml: region)."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as us-east-1 or eu-central-1."
  }
}

variable "table_name" {
  description = "Name of the DynamoDB auth table (STSFTW's app.yml: dynamo_table_name). To take over an existing STSFTW table, use its name and import it first (see README, Upgrading an STSFTW table)."
  type        = string
  default     = "stsftw-auth"

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{3,255}$", var.table_name))
    error_message = "table_name must be 3-255 characters of letters, digits, '_', '.' and '-' (DynamoDB's rule, and the backend's)."
  }
}

variable "admin_email" {
  description = "E-mail address subscribed to the audit topic (STSFTW's app.yml: email). AWS sends a confirmation link that must be followed before any message arrives."
  type        = string
  sensitive   = true

  validation {
    condition     = can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.admin_email)) && length(var.admin_email) <= 254
    error_message = "admin_email must be one e-mail address."
  }
}

variable "lambda_zip_path" {
  description = "Path of the backend's Lambda package, the zip with `bootstrap` at its root (STSFTW's app.yml: bin_path + bin_name). Relative paths are resolved from the directory terraform runs in. Null means ../artifacts/lambda/linux-x64/bootstrap-linux-x64.zip next to this module, where `dotnet publish src/StsFtw.Lambda -c Release -r linux-x64 -o artifacts/lambda/linux-x64` puts it."
  type        = string
  default     = null

  validation {
    condition     = var.lambda_zip_path == null || can(regex("\\.zip$", var.lambda_zip_path))
    error_message = "lambda_zip_path must name a .zip file."
  }
}

variable "architecture" {
  description = "Instruction set of the function. Only x86_64 is offered: the build publishes a linux-x64 Native AOT binary, and an arm64 function needs a linux-arm64 binary (a Native AOT cross-compile the build does not do yet)."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64"], var.architecture)
    error_message = "architecture must be x86_64: the only Lambda package the build produces is linux-x64."
  }
}

variable "endpoint_type" {
  description = "How clients reach the backend: \"function_url\" (a Lambda function URL on AWS's own TLS certificate; no ALB, no certificate, no DNS, no hourly ALB charge) or \"alb\" (STSFTW's shape: an Application Load Balancer on your domain, with an ACM certificate validated through Route 53 and a TLS 1.3 policy)."
  type        = string
  default     = "function_url"

  validation {
    condition     = contains(["function_url", "alb"], var.endpoint_type)
    error_message = "endpoint_type must be \"function_url\" or \"alb\"."
  }
}

variable "route53_zone_name" {
  description = "ALB mode: the public Route 53 hosted zone that holds domain_name (STSFTW's app.yml: zone), e.g. example.com. Unused for a function URL."
  type        = string
  default     = null
}

variable "domain_name" {
  description = "ALB mode: the host name clients use (STSFTW's app.yml: domain), e.g. sts.example.com; it gets the certificate and an alias record. Unused for a function URL."
  type        = string
  default     = null
}

variable "vpc_id" {
  description = "ALB mode: the VPC of the load balancer. The function itself runs outside any VPC."
  type        = string
  default     = null
}

variable "subnet_ids" {
  description = "ALB mode: public subnets for the load balancer, in at least two availability zones."
  type        = list(string)
  default     = []
}

variable "allowed_cidr_blocks" {
  description = "ALB mode: IPv4 ranges allowed to reach ports 443 and 80 (80 only answers with a redirect to HTTPS)."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "alb_ssl_policy" {
  description = "ALB mode: the HTTPS listener's security policy, one of the ELBSecurityPolicy-TLS13-* policies that offer only TLS 1.3 and TLS 1.2 with forward-secret AEAD ciphers. The default is AWS's current recommendation (hybrid post-quantum key exchange, restricted ciphers)."
  type        = string
  default     = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"
}

variable "admin_principal_arns" {
  description = "IAM roles or users of the StsFtw admins. The key policy lets them kms:Encrypt TOTP secrets (New-StsEnrollment, Set-StsEnrollment -RotateDevice), bound to the issuer/account_name encryption context; with the principal running Terraform (and the account's root user, as break-glass) they are the only principals the table's resource policy lets manage entries and the key policy lets change the key. The account root is not delegated cryptographic use of the key, so with an empty list nobody can enroll into the table."
  type        = list(string)
  default     = []
}

variable "assumable_role_arn_pattern" {
  description = "Glob of the role ARNs the broker may assume: the Resource of its sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity permission, and the backend's STS_ALLOWED_ROLE_ARNS. '*' matches any run of characters; a bare '*' or a wildcard account is refused. Null means arn:<partition>:iam::<this account>:role/stsftw/* (roles created with the IAM path /stsftw/). A role enrolled by name (STSFTW style, e.g. Developer) is assumed as arn:...:role/Developer, so it must match this pattern too."
  type        = string
  default     = null
}

variable "audit_email_event_types" {
  description = "Which audit events the e-mail subscription receives, by the messages' event_type attribute: CredentialsMinted, AccountLocked, FailedCodes, RequestRefused, MintFailed, DeviceEnrolled. Null (the default) sends all of them. Nothing a stranger can cause is published per request (unknown accounts are only logged; wrong codes on an enrolled account are one FailedCodes per budget window); leaving out RequestRefused keeps the per-request refusals that follow a valid code (role not in the entry, replayed code) out of the inbox. Keep FailedCodes and AccountLocked: they are how a slow guessing attack shows itself. Keep DeviceEnrolled: it is how an admin learns that an invitation was redeemed, by the person or by whoever intercepted its code."
  type        = list(string)
  default     = null
}

variable "lockout_failure_limit" {
  description = "Consecutive failed codes tolerated per account; the next one locks it (STS_LOCKOUT_FAILURE_LIMIT, 1-99)."
  type        = number
  default     = 5
}

variable "lockout_seconds" {
  description = "How long an account's first lock lasts, in seconds (STS_LOCKOUT_SECONDS, 120-86400)."
  type        = number
  default     = 900
}

variable "lockout_max_seconds" {
  description = "The longest lock, in seconds: each lock without a success in between lasts twice as long as the one before, up to this (STS_LOCKOUT_MAX_SECONDS, lockout_seconds-604800; equal to lockout_seconds for locks that never grow)."
  type        = number
  default     = 86400
}

variable "failure_budget" {
  description = "Failed codes tolerated per account per window, whatever the successes in between; the next one locks the account until the window closes (STS_FAILURE_BUDGET, 1-999)."
  type        = number
  default     = 20
}

variable "failure_budget_window_seconds" {
  description = "The failure budget's window in seconds, from its first failure (STS_FAILURE_BUDGET_WINDOW_SECONDS, 3600-2592000; 7 days by default)."
  type        = number
  default     = 604800
}

variable "require_encrypted_secrets" {
  description = "Refuse STSFTW's plaintext url entries so only KMS-encrypted secrets authenticate (STS_REQUIRE_ENCRYPTED_SECRETS). True for new deployments, whose table holds none. When taking over an STSFTW table, set false for the first apply, encrypt every entry (Set-StsEnrollment -EncryptSecret), then set it back to true (README, Upgrading an existing STSFTW table in place)."
  type        = bool
  default     = true
}

variable "default_duration_seconds" {
  description = "Session length when a request names none, in seconds (STS_DEFAULT_DURATION_SECONDS, 900-3600, not above max_duration_seconds). Keep 3600 for console sign-in: the broker then sends no DurationSeconds, and only such sessions can get a console sign-in token."
  type        = number
  default     = 3600

  validation {
    condition     = var.default_duration_seconds >= 900 && var.default_duration_seconds <= 3600 && floor(var.default_duration_seconds) == var.default_duration_seconds
    error_message = "default_duration_seconds must be a whole number from 900 to 3600: the broker assumes roles with its own role's credentials (role chaining), which AWS limits to one hour."
  }
}

variable "max_duration_seconds" {
  description = "Longest session a request may ask for, in seconds (STS_MAX_DURATION_SECONDS, 900-3600). The broker assumes roles with its own role's credentials (role chaining), which AWS limits to one hour whatever a role's MaxSessionDuration."
  type        = number
  default     = 3600

  validation {
    condition     = var.max_duration_seconds >= 900 && var.max_duration_seconds <= 3600 && floor(var.max_duration_seconds) == var.max_duration_seconds
    error_message = "max_duration_seconds must be a whole number from 900 to 3600: the broker assumes roles with its own role's credentials (role chaining), which AWS limits to one hour."
  }
}

variable "timeout_seconds" {
  description = "Function timeout in seconds (5-29). The backend stops 300 ms before it and answers 503; each AWS call has a 5 s per-attempt timeout, so 15 s covers a slow attempt on each of the sequential steps, and staying under 30 s answers before the module's default client timeout."
  type        = number
  default     = 15
}

variable "memory_mb" {
  description = "Function memory in MB (128-10240). The Native AOT process uses about 21 MB; Lambda gives CPU in proportion to memory, and 256 MB keeps cold starts and KMS/TLS work quick."
  type        = number
  default     = 256
}

variable "log_retention_days" {
  description = "Retention of the function's log group /aws/lambda/<app_name>, in days (a CloudWatch Logs retention value). The log holds one line per request, with who asked and the outcome, never codes or credentials."
  type        = number
  default     = 90
}

variable "reserved_concurrency" {
  description = "Reserved concurrent executions of the function (default 10, about 100 requests a second at the backend's usual 100 ms); null leaves it unreserved. A reservation both guarantees capacity and caps it, which caps what a flood costs and how fast anyone can guess codes. Lambda keeps 100 executions of the account's quota unreserved, so an account whose quota is still the new-account 10 must set null (or ask for a higher quota)."
  type        = number
  default     = 10
}

variable "alert_email" {
  description = "E-mail address subscribed to the alerts topic (alarms on failed audit deliveries, function errors and throttles, refusal floods, and changes to the topics' subscriptions). Null means admin_email. Confirm it like the audit subscription, with --authenticate-on-unsubscribe true."
  type        = string
  default     = null
  sensitive   = true

  validation {
    condition     = var.alert_email == null || (can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", coalesce(var.alert_email, "-"))) && length(coalesce(var.alert_email, "-")) <= 254)
    error_message = "alert_email must be null or one e-mail address."
  }
}

variable "refusal_alarm_threshold" {
  description = "Refused requests (wrong codes, unknown accounts, replays, locked accounts, roles not permitted) in 5 minutes above which the refusal alarm alerts: the aggregate announcement of a guessing flood. The log's metric filters also count unknown accounts and wrong codes apart."
  type        = number
  default     = 50

  validation {
    condition     = var.refusal_alarm_threshold >= 1 && floor(var.refusal_alarm_threshold) == var.refusal_alarm_threshold
    error_message = "refusal_alarm_threshold must be a whole number of at least 1."
  }
}

variable "waf_rate_limit" {
  description = "ALB mode: requests per client IP address in any 5 minutes above which an AWS WAF rate-based rule blocks that address (a web ACL on the load balancer; about 5 USD a month plus 1 USD per rule). Null (the default) creates no web ACL. A function URL cannot sit behind WAF (README, Deployment)."
  type        = number
  default     = null

  validation {
    condition = var.waf_rate_limit == null || (
      var.endpoint_type == "alb" &&
      try(var.waf_rate_limit >= 10 && var.waf_rate_limit <= 2000000000 && floor(var.waf_rate_limit) == var.waf_rate_limit, false)
    )
    error_message = "waf_rate_limit must be null, or in ALB mode a whole number from 10 to 2000000000: a function URL cannot sit behind WAF."
  }
}

variable "kms_deletion_window_days" {
  description = "Waiting period, in days (7-30), before the key is deleted once scheduled for deletion. Deleting the key makes every encrypted TOTP secret, the table and queued audit messages unreadable."
  type        = number
  default     = 30

  validation {
    condition     = var.kms_deletion_window_days >= 7 && var.kms_deletion_window_days <= 30
    error_message = "kms_deletion_window_days must be from 7 to 30."
  }
}

variable "tags" {
  description = "Tags added to every resource (with Application = app_name)."
  type        = map(string)
  default     = {}
}
