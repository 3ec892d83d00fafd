variable "function_name" {
  description = "Name of the Lambda function; its role is <function_name>-broker and its log group /aws/lambda/<function_name>."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,57}$", var.function_name))
    error_message = "function_name must be 1-57 letters, digits, '_' and '-' (the role name adds 7 characters to it, and role names end at 64)."
  }
}

variable "zip_path" {
  description = "Path of the Lambda package: a zip with the Native AOT `bootstrap` executable at its root."
  type        = string

  validation {
    condition     = can(regex("\\.zip$", var.zip_path))
    error_message = "zip_path must name a .zip file."
  }
}

variable "architecture" {
  description = "Instruction set of the function; only x86_64, the one package the build produces (linux-x64)."
  type        = string

  validation {
    condition     = contains(["x86_64"], var.architecture)
    error_message = "architecture must be x86_64: an arm64 function needs a linux-arm64 Native AOT package, which the build does not produce."
  }
}

variable "timeout_seconds" {
  description = "Function timeout in seconds. The backend cancels its work 300 ms before the deadline and answers 503."
  type        = number

  validation {
    condition     = var.timeout_seconds >= 5 && var.timeout_seconds <= 29 && floor(var.timeout_seconds) == var.timeout_seconds
    error_message = "timeout_seconds must be a whole number from 5 (one AWS call's per-attempt timeout) to 29 (under the client's default 30 s)."
  }
}

variable "memory_mb" {
  description = "Function memory in MB."
  type        = number

  validation {
    condition     = var.memory_mb >= 128 && var.memory_mb <= 10240 && floor(var.memory_mb) == var.memory_mb
    error_message = "memory_mb must be a whole number from 128 to 10240."
  }
}

variable "log_retention_days" {
  description = "Retention of the log group, in days."
  type        = number

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention value (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653). Never-expire is not offered."
  }
}

variable "reserved_concurrency" {
  description = "Reserved concurrent executions; null leaves the function unreserved."
  type        = number
  default     = null

  validation {
    condition     = var.reserved_concurrency == null ? true : (var.reserved_concurrency >= 1 && floor(var.reserved_concurrency) == var.reserved_concurrency)
    error_message = "reserved_concurrency must be null or a whole number of at least 1 (0 would stop the function)."
  }
}

variable "table_name" {
  description = "The auth table's name (STS_TABLE_NAME)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{3,255}$", var.table_name))
    error_message = "table_name must be 3-255 characters of letters, digits, '_', '.' and '-'."
  }
}

variable "table_arn" {
  description = "The auth table's ARN, the only resource of the function's DynamoDB permission."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:[0-9]{12}:table/[A-Za-z0-9_.-]{3,255}$", var.table_arn))
    error_message = "table_arn must be one DynamoDB table ARN, without wildcards."
  }
}

variable "topic_arn" {
  description = "The audit topic's ARN (STS_SNS_ARN), the only resource of the function's sns:Publish."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$", var.topic_arn))
    error_message = "topic_arn must be one SNS topic ARN, without wildcards."
  }
}

variable "kms_key_arn" {
  description = "The project key's ARN (STS_KMS_KEY_ID): TOTP secrets are decrypted with it, and the audit topic is encrypted with it."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[0-9a-f-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (not an alias)."
  }
}

variable "assumable_role_arn_pattern" {
  description = "Glob of the role ARNs the broker may assume (the Resource of its STS permission and STS_ALLOWED_ROLE_ARNS)."
  type        = string

  # The same rule as the backend's RoleArnPolicy (SECURITY.md rule 5): '*' only as the last character, after a
  # literal path ending in '/' (role/sts/*) or a literal name prefix (role/sts-*). A '*' anywhere else (the
  # partition, the account, the middle of a path, as in role/*/*) and '?' are refused, so the pattern IAM
  # enforces and the one the backend enforces match the same roles. The backend requires "arn:" and six
  # colon-separated parts (BackendSettingsReader).
  validation {
    condition = (
      can(regex("^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[\\x21-\\x7E]+$", var.assumable_role_arn_pattern)) &&
      length(split(":", var.assumable_role_arn_pattern)) == 6 &&
      !strcontains(var.assumable_role_arn_pattern, "?") &&
      !strcontains(trimsuffix(var.assumable_role_arn_pattern, "*"), "*") &&
      !endswith(var.assumable_role_arn_pattern, ":role/*")
    )
    error_message = "assumable_role_arn_pattern must be a role ARN in one account, with '*' only as its last character after a literal path or name prefix, e.g. arn:aws:iam::123456789012:role/stsftw/* or arn:aws:iam::123456789012:role/stsftw-*: not '*', not every role of an account (role/*), no '*' in the middle (role/*/*), no '?', no wildcard account or partition."
  }
}

variable "lockout_failure_limit" {
  description = "STS_LOCKOUT_FAILURE_LIMIT: consecutive failures tolerated before the next one locks."
  type        = number

  validation {
    condition     = var.lockout_failure_limit >= 1 && var.lockout_failure_limit <= 99 && floor(var.lockout_failure_limit) == var.lockout_failure_limit
    error_message = "lockout_failure_limit must be a whole number from 1 to 99 (NIST SP 800-63B allows at most 100 consecutive failures)."
  }
}

variable "lockout_seconds" {
  description = "STS_LOCKOUT_SECONDS: how long the first lock lasts."
  type        = number

  validation {
    condition     = var.lockout_seconds >= 120 && var.lockout_seconds <= 86400 && floor(var.lockout_seconds) == var.lockout_seconds
    error_message = "lockout_seconds must be a whole number from 120 (longer than a code lives) to 86400 (1 day)."
  }
}

variable "lockout_max_seconds" {
  description = "STS_LOCKOUT_MAX_SECONDS: the longest lock; each lock without a success in between doubles up to this."
  type        = number

  validation {
    condition     = var.lockout_max_seconds >= var.lockout_seconds && var.lockout_max_seconds <= 604800 && floor(var.lockout_max_seconds) == var.lockout_max_seconds
    error_message = "lockout_max_seconds must be a whole number from lockout_seconds to 604800 (7 days)."
  }
}

variable "failure_budget" {
  description = "STS_FAILURE_BUDGET: failed codes tolerated per account per window, whatever the successes; the next one locks until the window closes."
  type        = number

  validation {
    condition     = var.failure_budget >= 1 && var.failure_budget <= 999 && floor(var.failure_budget) == var.failure_budget
    error_message = "failure_budget must be a whole number from 1 to 999."
  }
}

variable "failure_budget_window_seconds" {
  description = "STS_FAILURE_BUDGET_WINDOW_SECONDS: the failure budget's window, from its first failure."
  type        = number

  validation {
    condition     = var.failure_budget_window_seconds >= 3600 && var.failure_budget_window_seconds <= 2592000 && floor(var.failure_budget_window_seconds) == var.failure_budget_window_seconds
    error_message = "failure_budget_window_seconds must be a whole number from 3600 (1 hour) to 2592000 (30 days)."
  }
}

variable "require_encrypted_secrets" {
  description = "STS_REQUIRE_ENCRYPTED_SECRETS: true refuses STSFTW's plaintext url entries, so only KMS-encrypted secrets authenticate."
  type        = bool
}

variable "default_duration_seconds" {
  description = "STS_DEFAULT_DURATION_SECONDS: session length when a request names none."
  type        = number

  validation {
    condition     = var.default_duration_seconds >= 900 && var.default_duration_seconds <= var.max_duration_seconds && floor(var.default_duration_seconds) == var.default_duration_seconds
    error_message = "default_duration_seconds must be a whole number from 900 to max_duration_seconds."
  }
}

variable "max_duration_seconds" {
  description = "STS_MAX_DURATION_SECONDS: longest session a request may ask for."
  type        = number

  validation {
    condition     = var.max_duration_seconds >= 900 && var.max_duration_seconds <= 3600 && floor(var.max_duration_seconds) == var.max_duration_seconds
    error_message = "max_duration_seconds must be a whole number from 900 to 3600: the broker assumes roles with its own role's credentials (role chaining), which AWS limits to one hour."
  }
}
