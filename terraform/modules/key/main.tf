# One customer-managed key for the table (DynamoDB encryption at rest), the audit topic (SNS encryption at
# rest) and the TOTP secrets (KmsSecretProtector, encryption context issuer + account_name).
#
# The account root is given key administration only, not cryptographic use: IAM policies in the account
# (an over-broad "kms:Decrypt on *", say) cannot open TOTP secrets. Cryptographic use is granted here, by
# name, and each grant is narrowed by an encryption context or kms:ViaService.
#
# Changing the key (its policy above all: PutKeyPolicy could grant Decrypt to anyone) is denied to every
# principal but the named administrators, so an IAM grant elsewhere in the account (a brokered role with
# kms:* on *, say) cannot rewrite it (SECURITY.md rule 9).

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account_root = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"

  # KmsSecretProtector's encryption context (src/StsFtw.Aws/Kms/KmsSecretProtector.cs).
  totp_context_keys = ["issuer", "account_name"]

  # Administration without Encrypt/Decrypt/GenerateDataKey/ReEncrypt/CreateGrant.
  key_administration_actions = [
    "kms:CancelKeyDeletion",
    "kms:CreateAlias",
    "kms:DeleteAlias",
    "kms:DescribeKey",
    "kms:DisableKey",
    "kms:DisableKeyRotation",
    "kms:EnableKey",
    "kms:EnableKeyRotation",
    "kms:GetKeyPolicy",
    "kms:GetKeyRotationStatus",
    "kms:ListAliases",
    "kms:ListGrants",
    "kms:ListKeyPolicies",
    "kms:ListKeyRotations",
    "kms:ListResourceTags",
    "kms:PutKeyPolicy",
    "kms:RetireGrant",
    "kms:RevokeGrant",
    "kms:RotateKeyOnDemand",
    "kms:ScheduleKeyDeletion",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:UpdateAlias",
    "kms:UpdateKeyDescription",
  ]

  # The administration actions that change the key or its policy; reading it stays with the account. Not
  # RevokeGrant or RetireGrant: DynamoDB manages its own grants on the key for the table.
  key_changing_actions = [
    "kms:CancelKeyDeletion",
    "kms:CreateAlias",
    "kms:DeleteAlias",
    "kms:DisableKey",
    "kms:DisableKeyRotation",
    "kms:EnableKey",
    "kms:EnableKeyRotation",
    "kms:PutKeyPolicy",
    "kms:RotateKeyOnDemand",
    "kms:ScheduleKeyDeletion",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:UpdateAlias",
    "kms:UpdateKeyDescription",
  ]
}

data "aws_iam_policy_document" "key" {
  statement {
    sid       = "AccountAdministersTheKey"
    effect    = "Allow"
    actions   = local.key_administration_actions
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.account_root]
    }
  }

  # The root user stays in the list as the break-glass, so a deleted administrator role cannot orphan the key.
  statement {
    sid       = "OnlyNamedAdministratorsChangeTheKey"
    effect    = "Deny"
    actions   = local.key_changing_actions
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "ArnNotEquals"
      variable = "aws:PrincipalArn"
      values   = concat([local.account_root], var.key_administrator_arns)
    }
  }

  # The broker opens a TOTP secret only with exactly the context KmsSecretProtector binds it to. ForAllValues
  # alone would also pass a request with no context at all, so both keys must also be present.
  statement {
    sid       = "BrokerDecryptsTotpSecrets"
    effect    = "Allow"
    actions   = ["kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [var.broker_role_arn]
    }

    condition {
      test     = "ForAllValues:StringEquals"
      variable = "kms:EncryptionContextKeys"
      values   = local.totp_context_keys
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

  # Enrollment by invitation (docs/INVITATIONS.md): the broker encrypts the secret it generates for a person,
  # under exactly the context it will later decrypt with, for the same reason as above. No GenerateDataKey or
  # ReEncrypt: KmsSecretProtector calls Encrypt only.
  statement {
    sid       = "BrokerEncryptsTotpSecrets"
    effect    = "Allow"
    actions   = ["kms:Encrypt"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [var.broker_role_arn]
    }

    condition {
      test     = "ForAllValues:StringEquals"
      variable = "kms:EncryptionContextKeys"
      values   = local.totp_context_keys
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

  # Publishing to an encrypted topic: SNS asks KMS for a data key on the publisher's behalf.
  statement {
    sid       = "BrokerPublishesToEncryptedTopic"
    effect    = "Allow"
    actions   = ["kms:GenerateDataKey*", "kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [var.broker_role_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["sns.${data.aws_region.current.region}.amazonaws.com"]
    }
  }

  # CloudWatch alarms and EventBridge publish to the encrypted alerts topic: SNS data keys for that topic only
  # (SNS binds each data key to the topic's ARN). Which account's alarms and rules may publish is the topic
  # policy's to say (aws:SourceAccount there); the key grants the two services nothing but that topic.
  statement {
    sid       = "AlarmsPublishToEncryptedAlertsTopic"
    effect    = "Allow"
    actions   = ["kms:GenerateDataKey*", "kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com", "events.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:aws:sns:topicArn"
      values   = [var.alerts_topic_arn]
    }

  }

  dynamic "statement" {
    for_each = length(var.admin_principal_arns) > 0 ? [1] : []

    content {
      sid       = "AdminsEncryptTotpSecrets"
      effect    = "Allow"
      actions   = ["kms:Encrypt"]
      resources = ["*"]

      principals {
        type        = "AWS"
        identifiers = var.admin_principal_arns
      }

      condition {
        test     = "ForAllValues:StringEquals"
        variable = "kms:EncryptionContextKeys"
        values   = local.totp_context_keys
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
  }

  # Table encryption at rest, as in the key policy AWS writes for DynamoDB: any principal of this account,
  # only through DynamoDB in this region. Who may read or write the table is decided by DynamoDB permissions.
  statement {
    sid    = "TableEncryptionThroughDynamoDb"
    effect = "Allow"
    actions = [
      "kms:Encrypt",
      "kms:Decrypt",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:CreateGrant",
      "kms:DescribeKey",
    ]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:CallerAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["dynamodb.${data.aws_region.current.region}.amazonaws.com"]
    }
  }

  # DynamoDB reads the key's metadata (state, grants) for its own background work; these are the read-only
  # actions AWS's DynamoDB key policy example gives the service principal. No cryptographic action.
  statement {
    sid       = "DynamoDbReadsKeyMetadata"
    effect    = "Allow"
    actions   = ["kms:Describe*", "kms:Get*", "kms:List*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["dynamodb.amazonaws.com"]
    }
  }
}

resource "aws_kms_key" "this" {
  description             = "StsFtw ${var.alias_name}: auth table, audit topic and TOTP secrets"
  key_usage               = "ENCRYPT_DECRYPT"
  enable_key_rotation     = true
  deletion_window_in_days = var.deletion_window_in_days
  policy                  = data.aws_iam_policy_document.key.json
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.alias_name}"
  target_key_id = aws_kms_key.this.key_id
}
