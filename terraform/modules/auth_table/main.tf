# The auth table, key-compatible with STSFTW: issuer (hash) + account_name (range), both strings. Every other
# attribute (url, roles, secondary_authorization, totp_secret_ciphertext, last_time_step, failed_attempts,
# locked_until, created_at, updated_at, revision) is schemaless and needs no declaration.
#
# No TTL: nothing in the table expires by itself. A lock is the locked_until attribute, compared with the
# clock in code on every request (DynamoDB's TTL deletes items late, and deleting an entry would delete the
# enrollment, not the lock).

resource "aws_dynamodb_table" "auth" {
  name         = var.table_name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "issuer"
  range_key    = "account_name"

  attribute {
    name = "issuer"
    type = "S"
  }

  attribute {
    name = "account_name"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  # Removing the table removes every enrollment: turn this off deliberately, in its own apply, first.
  deletion_protection_enabled = true
}

# Who may touch the entries, whatever IAM grants elsewhere in the account say (SECURITY.md rule 9): the
# broker's role reads and updates them on the request path, the named administrators enroll and manage;
# every other principal (a brokered role holding dynamodb:* on *, say) is denied reading, writing and
# exporting items, and changing the table, its backups settings or this policy. The account's root user
# stays in the administrators' list as the break-glass.
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  administrators = concat(["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"], var.administrator_arns)

  # The table's ARN spelled out rather than read from the resource, so the policy document is rendered at plan
  # time (a data source that refers to a resource being created is read only at apply) and shows in the plan.
  table_arn = "arn:${data.aws_partition.current.partition}:dynamodb:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:table/${var.table_name}"

  item_actions = [
    "dynamodb:BatchGetItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:DeleteItem",
    "dynamodb:GetItem",
    "dynamodb:PartiQLDelete",
    "dynamodb:PartiQLInsert",
    "dynamodb:PartiQLSelect",
    "dynamodb:PartiQLUpdate",
    "dynamodb:PutItem",
    "dynamodb:Query",
    "dynamodb:Scan",
    "dynamodb:UpdateItem",
  ]

  table_changing_actions = [
    "dynamodb:DeleteResourcePolicy",
    "dynamodb:DeleteTable",
    "dynamodb:DisableKinesisStreamingDestination",
    "dynamodb:EnableKinesisStreamingDestination",
    "dynamodb:ExportTableToPointInTime",
    "dynamodb:PutResourcePolicy",
    "dynamodb:TagResource",
    "dynamodb:UntagResource",
    "dynamodb:UpdateContinuousBackups",
    "dynamodb:UpdateKinesisStreamingDestination",
    "dynamodb:UpdateTable",
    "dynamodb:UpdateTimeToLive",
  ]
}

data "aws_iam_policy_document" "table" {
  statement {
    sid       = "OnlyTheBrokerAndAdministratorsTouchEntries"
    effect    = "Deny"
    actions   = local.item_actions
    resources = [local.table_arn]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "ArnNotEquals"
      variable = "aws:PrincipalArn"
      values   = concat([var.broker_role_arn], local.administrators)
    }
  }

  statement {
    sid       = "OnlyAdministratorsChangeTheTable"
    effect    = "Deny"
    actions   = local.table_changing_actions
    resources = [local.table_arn]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "ArnNotEquals"
      variable = "aws:PrincipalArn"
      values   = local.administrators
    }
  }
}

resource "aws_dynamodb_resource_policy" "auth" {
  resource_arn = aws_dynamodb_table.auth.arn
  policy       = data.aws_iam_policy_document.table.json
}
