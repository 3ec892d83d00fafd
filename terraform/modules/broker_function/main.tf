# The broker: the Native AOT `bootstrap` on provided.al2023, outside any VPC (so no EC2 network-interface
# permissions), with a role that can do exactly what the request path does and nothing else.

data "aws_region" "current" {}

locals {
  role_name      = "${var.function_name}-broker"
  log_group_name = "/aws/lambda/${var.function_name}"

  # Session tags the backend sets (StsCredentialMinter): the only tag keys the role may pass.
  session_tag_keys = ["stsftw:issuer", "stsftw:account", "stsftw:secondary"]

  # The names the backend reads (src/StsFtw.Lambda/Configuration/SettingNames.cs).
  environment = {
    STS_TABLE_NAME                    = var.table_name
    STS_SNS_ARN                       = var.topic_arn
    STS_KMS_KEY_ID                    = var.kms_key_arn
    STS_LOCKOUT_FAILURE_LIMIT         = tostring(var.lockout_failure_limit)
    STS_LOCKOUT_SECONDS               = tostring(var.lockout_seconds)
    STS_LOCKOUT_MAX_SECONDS           = tostring(var.lockout_max_seconds)
    STS_FAILURE_BUDGET                = tostring(var.failure_budget)
    STS_FAILURE_BUDGET_WINDOW_SECONDS = tostring(var.failure_budget_window_seconds)
    STS_REQUIRE_ENCRYPTED_SECRETS     = tostring(var.require_encrypted_secrets)
    STS_DEFAULT_DURATION_SECONDS      = tostring(var.default_duration_seconds)
    STS_MAX_DURATION_SECONDS          = tostring(var.max_duration_seconds)
    STS_ALLOWED_ROLE_ARNS             = var.assumable_role_arn_pattern
  }
}

data "aws_iam_policy_document" "lambda_trust" {
  statement {
    sid     = "LambdaRunsTheBroker"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "broker" {
  name               = local.role_name
  description        = "StsFtw broker ${var.function_name}: reads and updates auth entries, encrypts enrolled secrets, publishes audit messages, assumes target roles"
  assume_role_policy = data.aws_iam_policy_document.lambda_trust.json
}

data "aws_iam_policy_document" "broker" {
  # The request path (DynamoDbAuthTable): GetItem, or BatchGetItem with a co-signer, to read entries;
  # UpdateItem to accept a time step and to count failures and lock. The enrollment routes
  # (DynamoDbInvitationStore) need nothing more: GetItem to read an invitation, and conditional UpdateItems to
  # store a pending secret and to activate it. Enrollment by the admin (PutItem, Query, Scan, DeleteItem, and
  # creating invitations) is the admins' job, with their own credentials.
  statement {
    sid       = "ReadAndUpdateAuthEntries"
    effect    = "Allow"
    actions   = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:UpdateItem"]
    resources = [var.table_arn]
  }

  statement {
    sid       = "PublishAuditMessages"
    effect    = "Allow"
    actions   = ["sns:Publish"]
    resources = [var.topic_arn]
  }

  # TOTP secrets open only with the context KmsSecretProtector binds them to (issuer + account_name, both
  # present, nothing else). The key policy says the same; this statement keeps the role readable on its own.
  statement {
    sid       = "DecryptTotpSecrets"
    effect    = "Allow"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]

    condition {
      test     = "ForAllValues:StringEquals"
      variable = "kms:EncryptionContextKeys"
      values   = ["issuer", "account_name"]
    }

    condition {
      test     = "Null"
      variable = "kms:EncryptionContext:issuer"
      values   = ["false"]
    }

    condition {
      test     = "Null"
      variable = "kms:EncryptionContext:account_name"
      values   = ["false"]
    }
  }

  # Enrollment by invitation (docs/INVITATIONS.md): the broker generates a person's secret and encrypts it under
  # the same context, and nothing else. The key policy says the same (BrokerEncryptsTotpSecrets).
  statement {
    sid       = "EncryptTotpSecrets"
    effect    = "Allow"
    actions   = ["kms:Encrypt"]
    resources = [var.kms_key_arn]

    condition {
      test     = "ForAllValues:StringEquals"
      variable = "kms:EncryptionContextKeys"
      values   = ["issuer", "account_name"]
    }

    condition {
      test     = "Null"
      variable = "kms:EncryptionContext:issuer"
      values   = ["false"]
    }

    condition {
      test     = "Null"
      variable = "kms:EncryptionContext:account_name"
      values   = ["false"]
    }
  }

  # Publishing to the encrypted topic: SNS generates and decrypts data keys on the publisher's behalf.
  statement {
    sid       = "UseKeyForEncryptedTopic"
    effect    = "Allow"
    actions   = ["kms:GenerateDataKey*", "kms:Decrypt"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["sns.${data.aws_region.current.region}.amazonaws.com"]
    }
  }

  statement {
    sid       = "AssumeTargetRoles"
    effect    = "Allow"
    actions   = ["sts:AssumeRole", "sts:SetSourceIdentity"]
    resources = [var.assumable_role_arn_pattern]
  }

  statement {
    sid       = "TagSessionsWithTheRequester"
    effect    = "Allow"
    actions   = ["sts:TagSession"]
    resources = [var.assumable_role_arn_pattern]

    condition {
      test     = "ForAllValues:StringEquals"
      variable = "aws:TagKeys"
      values   = local.session_tag_keys
    }
  }

  # The log group is created below, so no logs:CreateLogGroup.
  statement {
    sid       = "WriteOwnLogs"
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.broker.arn}:*"]
  }
}

resource "aws_iam_role_policy" "broker" {
  name   = "${var.function_name}-broker"
  role   = aws_iam_role.broker.id
  policy = data.aws_iam_policy_document.broker.json
}

resource "aws_cloudwatch_log_group" "broker" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
}

resource "aws_lambda_function" "broker" {
  function_name = var.function_name
  description   = "StsFtw: trades TOTP codes for STS credentials"
  role          = aws_iam_role.broker.arn

  # A custom runtime: the zip holds the Native AOT executable `bootstrap`, which is also the handler name.
  runtime          = "provided.al2023"
  handler          = "bootstrap"
  architectures    = [var.architecture]
  filename         = var.zip_path
  source_code_hash = filebase64sha256(var.zip_path)

  timeout                        = var.timeout_seconds
  memory_size                    = var.memory_mb
  reserved_concurrent_executions = var.reserved_concurrency == null ? -1 : var.reserved_concurrency

  environment {
    variables = local.environment
  }

  # The permissions and the log group must exist before the first cold start.
  depends_on = [aws_iam_role_policy.broker, aws_cloudwatch_log_group.broker]
}

# What a target role's trust policy needs so the broker can mint for it: AssumeRole, and the session's
# SourceIdentity (the account name) and tags (issuer, account, co-signer), which STS refuses without
# sts:SetSourceIdentity and sts:TagSession in the trust policy too.
data "aws_iam_policy_document" "target_role_trust" {
  statement {
    sid     = "StsFtwBrokerMintsSessions"
    effect  = "Allow"
    actions = ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"]

    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.broker.arn]
    }

    condition {
      test     = "ForAllValues:StringEquals"
      variable = "aws:TagKeys"
      values   = local.session_tag_keys
    }
  }
}
