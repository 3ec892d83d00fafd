# The auth table's resource policy and the key policy (SECURITY.md findings 1b and 1c).

variables {
  table_name              = "stsftw-auth"
  kms_key_arn             = "arn:aws:kms:us-east-1:123456789012:key/0123abcd-0123-abcd-0123-0123456789ab"
  broker_role_arn         = "arn:aws:iam::123456789012:role/stsftw-broker"
  administrator_arns      = ["arn:aws:iam::123456789012:role/Admin", "arn:aws:iam::123456789012:role/Deployer"]
  alias_name              = "stsftw"
  admin_principal_arns    = ["arn:aws:iam::123456789012:role/Admin"]
  key_administrator_arns  = ["arn:aws:iam::123456789012:role/Admin", "arn:aws:iam::123456789012:role/Deployer"]
  alerts_topic_arn        = "arn:aws:sns:us-east-1:123456789012:stsftw-alerts"
  deletion_window_in_days = 30
}

run "table_resource_policy_denies_item_writes_to_all_but_the_broker_and_administrators" {
  command = plan
  module {
    source = "./modules/auth_table"
  }

  assert {
    condition = alltrue([for action in ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:PartiQLUpdate"] :
    contains(tolist(one([for s in data.aws_iam_policy_document.table.statement : s if s.sid == "OnlyTheBrokerAndAdministratorsTouchEntries"]).actions), action)])
    error_message = "The table policy must deny every item write."
  }

  assert {
    condition     = [for s in data.aws_iam_policy_document.table.statement : s.effect] == ["Deny", "Deny"]
    error_message = "The table policy holds only the two Denies."
  }

  assert {
    condition     = toset(flatten([for c in one([for s in data.aws_iam_policy_document.table.statement : s if s.sid == "OnlyTheBrokerAndAdministratorsTouchEntries"]).condition : tolist(c.values) if c.test == "ArnNotEquals" && c.variable == "aws:PrincipalArn"])) == toset(concat(["arn:aws:iam::123456789012:root", var.broker_role_arn], var.administrator_arns))
    error_message = "Only the broker's role, the administrators and the account's root user may touch entries."
  }

  assert {
    condition     = contains(flatten([for c in one([for s in data.aws_iam_policy_document.table.statement : s if s.sid == "OnlyAdministratorsChangeTheTable"]).condition : tolist(c.values)]), var.broker_role_arn) == false
    error_message = "The broker's role must not be able to change the table or its policy."
  }

  assert {
    condition     = contains(tolist(one([for s in data.aws_iam_policy_document.table.statement : s if s.sid == "OnlyAdministratorsChangeTheTable"]).actions), "dynamodb:PutResourcePolicy")
    error_message = "Only administrators may rewrite the table's resource policy."
  }
}

run "key_policy_lets_only_named_administrators_change_the_key" {
  command = plan
  module {
    source = "./modules/key"
  }

  assert {
    condition     = one([for s in data.aws_iam_policy_document.key.statement : s.effect if s.sid == "OnlyNamedAdministratorsChangeTheKey"]) == "Deny"
    error_message = "The key policy must deny changing the key to everyone else."
  }

  assert {
    condition = alltrue([for action in ["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:DisableKey"] :
    contains(tolist(one([for s in data.aws_iam_policy_document.key.statement : s if s.sid == "OnlyNamedAdministratorsChangeTheKey"]).actions), action)])
    error_message = "PutKeyPolicy, ScheduleKeyDeletion and DisableKey must be reserved to the named administrators."
  }

  assert {
    condition     = toset(flatten([for c in one([for s in data.aws_iam_policy_document.key.statement : s if s.sid == "OnlyNamedAdministratorsChangeTheKey"]).condition : tolist(c.values) if c.test == "ArnNotEquals" && c.variable == "aws:PrincipalArn"])) == toset(concat(["arn:aws:iam::123456789012:root"], var.key_administrator_arns))
    error_message = "The administrators are exactly the named ones and the account's root user."
  }

  assert {
    condition     = toset(flatten([for c in one([for s in data.aws_iam_policy_document.key.statement : s if s.sid == "AlarmsPublishToEncryptedAlertsTopic"]).condition : tolist(c.values) if c.variable == "kms:EncryptionContext:aws:sns:topicArn"])) == toset([var.alerts_topic_arn])
    error_message = "CloudWatch and EventBridge may use the key for the alerts topic's messages only."
  }
}

run "audit_email_filter_accepts_device_enrolled" {
  command = plan
  module {
    source = "./modules/audit_topic"
  }
  variables {
    topic_name         = "stsftw-audit"
    admin_email        = "security-team@example.com"
    publisher_role_arn = "arn:aws:iam::123456789012:role/stsftw-broker"
    email_event_types  = ["CredentialsMinted", "AccountLocked", "FailedCodes", "MintFailed", "DeviceEnrolled"]
  }

  assert {
    condition     = jsondecode(aws_sns_topic_subscription.admin_email.filter_policy).event_type == ["CredentialsMinted", "AccountLocked", "FailedCodes", "MintFailed", "DeviceEnrolled"]
    error_message = "The e-mail filter must carry DeviceEnrolled, the announcement of an enrollment by invitation."
  }
}

run "audit_email_filter_refuses_an_unknown_event_type" {
  command = plan
  module {
    source = "./modules/audit_topic"
  }
  variables {
    topic_name         = "stsftw-audit"
    admin_email        = "security-team@example.com"
    publisher_role_arn = "arn:aws:iam::123456789012:role/stsftw-broker"
    email_event_types  = ["DeviceEnroled"]
  }
  expect_failures = [var.email_event_types]
}
