# The guard every brokered role in the broker's own account must carry (SECURITY.md rule 9, finding 1). A
# role the broker mints sessions for is a role a person holds; in the broker's account such a session could
# otherwise change what decides who gets a session: the function's code or configuration, its role, the auth
# table's entries, the key's policy, the audit topic's subscriptions, the alarms that watch them, or this
# guard itself. Every statement is an explicit Deny, so it wins over any Allow the role has (PowerUserAccess,
# say). It denies nothing outside StsFtw's own resources.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  policy_name = "${var.name}-brokered-role-guard"
  policy_arn  = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:policy/${local.policy_name}"

  # Everything that changes the function, its versions, aliases, URL, concurrency or resource policy, and
  # invoking it directly (which would let a session hand it a forged event, source address included).
  function_actions = [
    "lambda:AddPermission",
    "lambda:CreateAlias",
    "lambda:CreateFunctionUrlConfig",
    "lambda:DeleteAlias",
    "lambda:DeleteFunction",
    "lambda:DeleteFunctionCodeSigningConfig",
    "lambda:DeleteFunctionConcurrency",
    "lambda:DeleteFunctionEventInvokeConfig",
    "lambda:DeleteFunctionUrlConfig",
    "lambda:DeleteProvisionedConcurrencyConfig",
    "lambda:InvokeFunction",
    "lambda:PublishVersion",
    "lambda:PutFunctionCodeSigningConfig",
    "lambda:PutFunctionConcurrency",
    "lambda:PutFunctionEventInvokeConfig",
    "lambda:PutFunctionRecursionConfig",
    "lambda:PutProvisionedConcurrencyConfig",
    "lambda:PutRuntimeManagementConfig",
    "lambda:RemovePermission",
    "lambda:TagResource",
    "lambda:UntagResource",
    "lambda:UpdateAlias",
    "lambda:UpdateFunctionCode",
    "lambda:UpdateFunctionCodeSigningConfig",
    "lambda:UpdateFunctionConfiguration",
    "lambda:UpdateFunctionEventInvokeConfig",
    "lambda:UpdateFunctionUrlConfig",
  ]

  # Changing the broker's role, or passing it to a function of one's own (which would run with its powers).
  role_actions = [
    "iam:AttachRolePolicy",
    "iam:DeleteRole",
    "iam:DeleteRolePermissionsBoundary",
    "iam:DeleteRolePolicy",
    "iam:DetachRolePolicy",
    "iam:PassRole",
    "iam:PutRolePermissionsBoundary",
    "iam:PutRolePolicy",
    "iam:TagRole",
    "iam:UntagRole",
    "iam:UpdateAssumeRolePolicy",
    "iam:UpdateRole",
    "iam:UpdateRoleDescription",
  ]

  guard_policy_actions = [
    "iam:CreatePolicyVersion",
    "iam:DeletePolicy",
    "iam:DeletePolicyVersion",
    "iam:SetDefaultPolicyVersion",
    "iam:TagPolicy",
    "iam:UntagPolicy",
  ]

  # Writing forged lines into the log (the refusal metrics read it), or deleting, shortening or re-routing it.
  log_actions = [
    "logs:AssociateKmsKey",
    "logs:CreateLogStream",
    "logs:DeleteDataProtectionPolicy",
    "logs:DeleteLogGroup",
    "logs:DeleteLogStream",
    "logs:DeleteMetricFilter",
    "logs:DeleteRetentionPolicy",
    "logs:DeleteSubscriptionFilter",
    "logs:DisassociateKmsKey",
    "logs:PutDataProtectionPolicy",
    "logs:PutLogEvents",
    "logs:PutMetricFilter",
    "logs:PutRetentionPolicy",
    "logs:PutSubscriptionFilter",
    "logs:TagLogGroup",
    "logs:TagResource",
    "logs:UntagLogGroup",
    "logs:UntagResource",
  ]

  alarm_actions = [
    "cloudwatch:DeleteAlarms",
    "cloudwatch:DisableAlarmActions",
    "cloudwatch:EnableAlarmActions",
    "cloudwatch:PutMetricAlarm",
    "cloudwatch:SetAlarmState",
    "cloudwatch:TagResource",
    "cloudwatch:UntagResource",
  ]

  event_rule_actions = [
    "events:DeleteRule",
    "events:DisableRule",
    "events:EnableRule",
    "events:PutRule",
    "events:PutTargets",
    "events:RemoveTargets",
    "events:TagResource",
    "events:UntagResource",
  ]
}

data "aws_iam_policy_document" "guard" {
  statement {
    sid       = "DenyChangingTheBrokerFunction"
    effect    = "Deny"
    actions   = local.function_actions
    resources = [var.function_arn, "${var.function_arn}:*"]
  }

  statement {
    sid       = "DenyChangingOrPassingTheBrokerRole"
    effect    = "Deny"
    actions   = local.role_actions
    resources = [var.broker_role_arn]
  }

  statement {
    sid       = "DenyChangingThisGuard"
    effect    = "Deny"
    actions   = local.guard_policy_actions
    resources = [local.policy_arn]
  }

  # Detaching this guard from any role (the role holding it included).
  statement {
    sid       = "DenyDetachingThisGuard"
    effect    = "Deny"
    actions   = ["iam:DetachRolePolicy", "iam:DetachUserPolicy", "iam:DetachGroupPolicy"]
    resources = ["*"]

    condition {
      test     = "ArnEquals"
      variable = "iam:PolicyARN"
      values   = [local.policy_arn]
    }
  }

  statement {
    sid       = "DenyTouchingTheBrokerLog"
    effect    = "Deny"
    actions   = local.log_actions
    resources = [var.log_group_arn, "${var.log_group_arn}:*"]
  }

  # Every DynamoDB action on the auth table: its entries decide who may assume what, and entries carried over
  # from STSFTW hold their secret in plaintext. (The table's resource policy says the same from its side.)
  statement {
    sid       = "DenyTouchingTheAuthTable"
    effect    = "Deny"
    actions   = ["dynamodb:*"]
    resources = [var.table_arn, "${var.table_arn}/*"]
  }

  # Every KMS action on the key and its alias: its policy decides who may decrypt TOTP secrets.
  statement {
    sid       = "DenyTouchingTheKey"
    effect    = "Deny"
    actions   = ["kms:*"]
    resources = [var.key_arn, var.key_alias_arn]
  }

  # Every SNS action on the audit and alerts topics and their subscriptions: unsubscribing, filtering,
  # re-pointing, deleting, or publishing a convincing fake.
  statement {
    sid       = "DenyTouchingTheTopics"
    effect    = "Deny"
    actions   = ["sns:*"]
    resources = concat(var.topic_arns, [for topic in var.topic_arns : "${topic}:*"])
  }

  statement {
    sid       = "DenySilencingTheAlarms"
    effect    = "Deny"
    actions   = local.alarm_actions
    resources = var.alarm_arns
  }

  statement {
    sid       = "DenySilencingTheTopicWatch"
    effect    = "Deny"
    actions   = local.event_rule_actions
    resources = [var.event_rule_arn]
  }

  # ALB mode: the load balancer, its listeners, rules and target group, and the web ACL.
  dynamic "statement" {
    for_each = length(var.endpoint_arns) > 0 ? [1] : []

    content {
      sid       = "DenyChangingTheEndpoint"
      effect    = "Deny"
      actions   = ["elasticloadbalancing:*", "wafv2:*"]
      resources = var.endpoint_arns
    }
  }

  # ALB mode: re-pointing the endpoint's name (to a look-alike that collects codes) or its certificate's
  # validation record.
  dynamic "statement" {
    for_each = var.dns_zone_arn == null ? [] : [1]

    content {
      sid       = "DenyRepointingTheEndpointName"
      effect    = "Deny"
      actions   = ["route53:ChangeResourceRecordSets"]
      resources = [var.dns_zone_arn]

      condition {
        test     = "ForAnyValue:StringLike"
        variable = "route53:ChangeResourceRecordSetsNormalizedRecordNames"
        values   = var.dns_names
      }
    }
  }
}

resource "aws_iam_policy" "guard" {
  name        = local.policy_name
  description = "StsFtw ${var.name}: attach to every role the broker assumes in this account. Denies changing the broker, its role, log, auth table, key, topics, alarms and endpoint."
  policy      = data.aws_iam_policy_document.guard.json
}
