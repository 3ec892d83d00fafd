# The whole deployment planned by the real hashicorp/aws provider, offline (run.sh prepends no mock to this
# file): every aws_iam_policy_document is rendered by the provider's own code, and the assertions read the
# policies as AWS would receive them. What would reach AWS is overridden: the caller's identity, the deployer's
# role, the hosted zone, and (at plan time) the ARNs AWS would assign.

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "offline"
  secret_key                  = "offline"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}

variables {
  region               = "us-east-1"
  admin_email          = "security-team@example.com"
  admin_principal_arns = ["arn:aws:iam::123456789012:role/Admin"]
}

override_data {
  target = data.aws_caller_identity.current
  values = { account_id = "123456789012", arn = "arn:aws:sts::123456789012:assumed-role/Deployer/ci" }
}

override_data {
  target = data.aws_iam_session_context.deployer
  values = { issuer_arn = "arn:aws:iam::123456789012:role/Deployer" }
}

override_data {
  target = module.key.data.aws_caller_identity.current
  values = { account_id = "123456789012" }
}

override_data {
  target = module.auth_table.data.aws_caller_identity.current
  values = { account_id = "123456789012" }
}

override_data {
  target = module.alerts.data.aws_caller_identity.current
  values = { account_id = "123456789012" }
}

override_data {
  target = module.brokered_role_guard.data.aws_caller_identity.current
  values = { account_id = "123456789012" }
}

override_data {
  target = module.endpoint.data.aws_route53_zone.this
  values = { zone_id = "Z0123456789ABCDEFGHIJ", arn = "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ" }
}

override_resource {
  target          = module.broker_function.aws_iam_role.broker
  override_during = plan
  values          = { arn = "arn:aws:iam::123456789012:role/stsftw-broker", id = "stsftw-broker" }
}

override_resource {
  target          = module.broker_function.aws_lambda_function.broker
  override_during = plan
  values          = { arn = "arn:aws:lambda:us-east-1:123456789012:function:stsftw", function_name = "stsftw" }
}

override_resource {
  target          = module.broker_function.aws_cloudwatch_log_group.broker
  override_during = plan
  values          = { arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/stsftw", name = "/aws/lambda/stsftw" }
}

override_resource {
  target          = module.key.aws_kms_key.this
  override_during = plan
  values          = { arn = "arn:aws:kms:us-east-1:123456789012:key/0123abcd-0123-abcd-0123-0123456789ab", key_id = "0123abcd-0123-abcd-0123-0123456789ab" }
}

override_resource {
  target          = module.key.aws_kms_alias.this
  override_during = plan
  values          = { arn = "arn:aws:kms:us-east-1:123456789012:alias/stsftw", name = "alias/stsftw" }
}

override_resource {
  target          = module.auth_table.aws_dynamodb_table.auth
  override_during = plan
  values          = { arn = "arn:aws:dynamodb:us-east-1:123456789012:table/stsftw-auth", name = "stsftw-auth" }
}

override_resource {
  target          = module.audit_topic.aws_sns_topic.audit
  override_during = plan
  values          = { arn = "arn:aws:sns:us-east-1:123456789012:stsftw-audit" }
}

override_resource {
  target          = module.alerts.aws_sns_topic.alerts
  override_during = plan
  values          = { arn = "arn:aws:sns:us-east-1:123456789012:stsftw-alerts" }
}

override_resource {
  target          = module.alerts.aws_cloudwatch_metric_alarm.refusal_flood
  override_during = plan
  values          = { arn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:stsftw-refusal-flood" }
}

override_resource {
  target          = module.alerts.aws_cloudwatch_metric_alarm.audit_delivery_failed
  override_during = plan
  values          = { arn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:stsftw-audit-delivery-failed" }
}

override_resource {
  target          = module.alerts.aws_cloudwatch_metric_alarm.audit_undelivered
  override_during = plan
  values          = { arn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:stsftw-audit-undelivered" }
}

override_resource {
  target          = module.alerts.aws_cloudwatch_metric_alarm.function_errors
  override_during = plan
  values          = { arn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:stsftw-function-errors" }
}

override_resource {
  target          = module.alerts.aws_cloudwatch_metric_alarm.function_throttles
  override_during = plan
  values          = { arn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:stsftw-function-throttles" }
}

override_resource {
  target          = module.alerts.aws_cloudwatch_event_rule.topic_changes
  override_during = plan
  values          = { arn = "arn:aws:events:us-east-1:123456789012:rule/stsftw-topic-changes" }
}

override_resource {
  target          = module.endpoint.aws_lb.this
  override_during = plan
  values          = { arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/stsftw/0123456789abcdef", dns_name = "stsftw-1.us-east-1.elb.amazonaws.com", zone_id = "Z35SXDOTRQ7X7K" }
}

override_resource {
  target          = module.endpoint.aws_lb_target_group.broker
  override_during = plan
  values          = { arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/stsftw-tg/0123456789abcdef" }
}

override_resource {
  target          = module.endpoint.aws_wafv2_web_acl.this
  override_during = plan
  values          = { arn = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/stsftw-rate-limit/0123abcd" }
}

run "function_url_variant_renders_the_guard_table_and_key_policies" {
  command = plan

  assert {
    condition     = alltrue([for s in jsondecode(output.brokered_role_guard_policy_json).Statement : s.Effect == "Deny"])
    error_message = "Every statement of the rendered guard must be a Deny."
  }

  assert {
    condition = alltrue([for pair in [
      ["arn:aws:lambda:us-east-1:123456789012:function:stsftw", "lambda:UpdateFunctionConfiguration"],
      ["arn:aws:lambda:us-east-1:123456789012:function:stsftw", "lambda:UpdateFunctionCode"],
      ["arn:aws:iam::123456789012:role/stsftw-broker", "iam:PassRole"],
      ["arn:aws:dynamodb:us-east-1:123456789012:table/stsftw-auth", "dynamodb:*"],
      ["arn:aws:kms:us-east-1:123456789012:key/0123abcd-0123-abcd-0123-0123456789ab", "kms:*"],
      ["arn:aws:sns:us-east-1:123456789012:stsftw-audit:*", "sns:*"],
      ["arn:aws:sns:us-east-1:123456789012:stsftw-alerts", "sns:*"],
      ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/stsftw:*", "logs:DeleteLogGroup"],
      ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:stsftw-audit-delivery-failed", "cloudwatch:DisableAlarmActions"],
      ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:stsftw-audit-undelivered", "cloudwatch:DeleteAlarms"],
      ["arn:aws:events:us-east-1:123456789012:rule/stsftw-topic-changes", "events:DisableRule"],
      ["arn:aws:iam::123456789012:policy/stsftw-brokered-role-guard", "iam:CreatePolicyVersion"],
      ] : anytrue([for s in jsondecode(output.brokered_role_guard_policy_json).Statement :
    contains(flatten([s.Resource]), pair[0]) && contains(flatten([s.Action]), pair[1]) && s.Effect == "Deny"])])
    error_message = "The rendered guard must deny changing the function, its role, the table, the key, the topics, the log, the alarms, the rule and itself."
  }

  assert {
    condition     = !strcontains(output.brokered_role_guard_policy_json, "elasticloadbalancing")
    error_message = "A function-URL deployment has no load balancer to guard."
  }

  assert {
    condition = toset(one([for s in jsondecode(output.table_resource_policy_json).Statement : s if s.Sid == "OnlyTheBrokerAndAdministratorsTouchEntries"]).Condition.ArnNotEquals["aws:PrincipalArn"]) == toset([
      "arn:aws:iam::123456789012:root",
      "arn:aws:iam::123456789012:role/stsftw-broker",
      "arn:aws:iam::123456789012:role/Admin",
      "arn:aws:iam::123456789012:role/Deployer",
    ])
    error_message = "Only the broker's role, the admins, the deployer and the root user may touch entries."
  }

  assert {
    condition = alltrue([for s in jsondecode(output.table_resource_policy_json).Statement :
    s.Effect == "Deny" && s.Principal.AWS == "*" && s.Resource == "arn:aws:dynamodb:us-east-1:123456789012:table/stsftw-auth"])
    error_message = "The table policy holds Denies for every principal, on the table."
  }

  assert {
    condition     = contains(one([for s in jsondecode(output.table_resource_policy_json).Statement : s if s.Sid == "OnlyTheBrokerAndAdministratorsTouchEntries"]).Action, "dynamodb:PutItem")
    error_message = "Item writes must be denied to everyone else."
  }

  assert {
    condition = toset(one([for s in jsondecode(output.key_policy_json).Statement : s if s.Sid == "OnlyNamedAdministratorsChangeTheKey"]).Condition.ArnNotEquals["aws:PrincipalArn"]) == toset([
      "arn:aws:iam::123456789012:root",
      "arn:aws:iam::123456789012:role/Admin",
      "arn:aws:iam::123456789012:role/Deployer",
    ])
    error_message = "Only the admins, the deployer and the root user may change the key."
  }

  assert {
    condition = (
      one([for s in jsondecode(output.key_policy_json).Statement : s.Effect if s.Sid == "OnlyNamedAdministratorsChangeTheKey"]) == "Deny" &&
      contains(one([for s in jsondecode(output.key_policy_json).Statement : s if s.Sid == "OnlyNamedAdministratorsChangeTheKey"]).Action, "kms:PutKeyPolicy")
    )
    error_message = "kms:PutKeyPolicy must be denied to everyone but the administrators."
  }

  assert {
    condition     = !contains(one([for s in jsondecode(output.key_policy_json).Statement : s if s.Sid == "AccountAdministersTheKey"]).Action, "kms:Decrypt")
    error_message = "The account root is not delegated cryptographic use of the key."
  }

  assert {
    condition = alltrue([for s in jsondecode(output.key_policy_json).Statement : (
      toset(flatten([s.Action])) == toset(["kms:Encrypt"]) &&
      toset(flatten([s.Principal.AWS])) == toset(["arn:aws:iam::123456789012:role/stsftw-broker"]) &&
      toset(flatten([try(s.Condition["ForAllValues:StringEquals"]["kms:EncryptionContextKeys"], [])])) == toset(["issuer", "account_name"]) &&
      try(s.Condition.Null["kms:EncryptionContext:issuer"], "") == "false" &&
      try(s.Condition.Null["kms:EncryptionContext:account_name"], "") == "false"
    ) if s.Sid == "BrokerEncryptsTotpSecrets"]) && length([for s in jsondecode(output.key_policy_json).Statement : s if s.Sid == "BrokerEncryptsTotpSecrets"]) == 1
    error_message = "The broker may kms:Encrypt only under the TOTP encryption context, both keys present (enrollment by invitation)."
  }
}

run "alb_variant_renders_the_guard_over_the_load_balancer_and_its_name" {
  command = plan

  variables {
    endpoint_type     = "alb"
    route53_zone_name = "example.com"
    domain_name       = "sts.example.com"
    vpc_id            = "vpc-0123456789abcdef0"
    subnet_ids        = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
    waf_rate_limit    = 300
  }

  assert {
    condition = alltrue([for resource in [
      "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/stsftw/0123456789abcdef",
      "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/stsftw/0123456789abcdef/*",
      "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/stsftw-tg/0123456789abcdef",
      "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/stsftw-rate-limit/0123abcd",
      ] : anytrue([for s in jsondecode(output.brokered_role_guard_policy_json).Statement :
    contains(flatten([s.Resource]), resource) && contains(flatten([s.Action]), "elasticloadbalancing:*")])])
    error_message = "In ALB mode the rendered guard must deny changing the load balancer, its listeners, target group and web ACL."
  }

  assert {
    condition     = toset(flatten([one([for s in jsondecode(output.brokered_role_guard_policy_json).Statement : s if contains(flatten([s.Action]), "route53:ChangeResourceRecordSets")]).Condition["ForAnyValue:StringLike"]["route53:ChangeResourceRecordSetsNormalizedRecordNames"]])) == toset(["sts.example.com", "*.sts.example.com"])
    error_message = "In ALB mode the rendered guard must deny re-pointing sts.example.com and its validation record."
  }

  assert {
    condition     = output.endpoint_url == "https://sts.example.com/"
    error_message = "The ALB variant's endpoint is ${output.endpoint_url}."
  }
}
