# The brokered-role guard (SECURITY.md finding 1a): explicit Denies on every StsFtw resource.

variables {
  name            = "stsftw"
  function_arn    = "arn:aws:lambda:us-east-1:123456789012:function:stsftw"
  broker_role_arn = "arn:aws:iam::123456789012:role/stsftw-broker"
  log_group_arn   = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/stsftw"
  table_arn       = "arn:aws:dynamodb:us-east-1:123456789012:table/stsftw-auth"
  key_arn         = "arn:aws:kms:us-east-1:123456789012:key/0123abcd-0123-abcd-0123-0123456789ab"
  key_alias_arn   = "arn:aws:kms:us-east-1:123456789012:alias/stsftw"
  topic_arns      = ["arn:aws:sns:us-east-1:123456789012:stsftw-audit", "arn:aws:sns:us-east-1:123456789012:stsftw-alerts"]
  alarm_arns      = ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:stsftw-function-errors"]
  event_rule_arn  = "arn:aws:events:us-east-1:123456789012:rule/stsftw-topic-changes"
}

run "guard_denies_changing_the_broker_its_role_table_key_topics_and_alarms" {
  command = plan
  module {
    source = "./modules/brokered_role_guard"
  }

  assert {
    condition     = alltrue([for s in data.aws_iam_policy_document.guard.statement : s.effect == "Deny"])
    error_message = "Every statement of the guard must be a Deny."
  }

  assert {
    condition = alltrue([for action in ["lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration", "lambda:AddPermission", "lambda:DeleteFunction"] :
    contains(flatten([for s in data.aws_iam_policy_document.guard.statement : tolist(s.actions) if contains(tolist(s.resources), var.function_arn)]), action)])
    error_message = "The guard must deny changing the function's code, configuration and permissions."
  }

  assert {
    condition = alltrue([for action in ["iam:PassRole", "iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy"] :
    contains(flatten([for s in data.aws_iam_policy_document.guard.statement : tolist(s.actions) if contains(tolist(s.resources), var.broker_role_arn)]), action)])
    error_message = "The guard must deny changing or passing the broker's role."
  }

  assert {
    condition     = contains(flatten([for s in data.aws_iam_policy_document.guard.statement : tolist(s.actions) if contains(tolist(s.resources), var.table_arn)]), "dynamodb:*")
    error_message = "The guard must deny every DynamoDB action on the auth table."
  }

  assert {
    condition     = contains(flatten([for s in data.aws_iam_policy_document.guard.statement : tolist(s.actions) if contains(tolist(s.resources), var.key_arn)]), "kms:*")
    error_message = "The guard must deny every KMS action (PutKeyPolicy above all) on the key."
  }

  assert {
    condition = alltrue([for topic in var.topic_arns :
    contains(flatten([for s in data.aws_iam_policy_document.guard.statement : tolist(s.actions) if contains(tolist(s.resources), "${topic}:*")]), "sns:*")])
    error_message = "The guard must deny every SNS action on both topics and their subscriptions."
  }

  assert {
    condition     = contains(flatten([for s in data.aws_iam_policy_document.guard.statement : tolist(s.actions) if contains(tolist(s.resources), "${var.log_group_arn}:*")]), "logs:DeleteLogGroup")
    error_message = "The guard must deny deleting the function's log group."
  }

  assert {
    condition     = contains(flatten([for s in data.aws_iam_policy_document.guard.statement : tolist(s.actions) if contains(tolist(s.resources), var.alarm_arns[0])]), "cloudwatch:DisableAlarmActions")
    error_message = "The guard must deny silencing the alarms."
  }

  assert {
    condition     = contains(flatten([for s in data.aws_iam_policy_document.guard.statement : tolist(s.actions) if contains(tolist(s.resources), var.event_rule_arn)]), "events:DisableRule")
    error_message = "The guard must deny disabling the topic-change rule."
  }

  assert {
    condition     = length([for s in data.aws_iam_policy_document.guard.statement : s if contains(tolist(s.actions), "iam:DetachRolePolicy") && contains(tolist(s.resources), "*")]) == 1
    error_message = "The guard must deny detaching itself."
  }

  assert {
    condition     = aws_iam_policy.guard.name == "stsftw-brokered-role-guard"
    error_message = "The guard policy is named ${aws_iam_policy.guard.name}."
  }

  assert {
    condition     = length([for s in data.aws_iam_policy_document.guard.statement : s if contains(tolist(s.actions), "elasticloadbalancing:*")]) == 0
    error_message = "A function-URL deployment has no load balancer to guard."
  }
}

run "guard_also_covers_the_load_balancer_and_its_name_in_alb_mode" {
  command = plan
  module {
    source = "./modules/brokered_role_guard"
  }

  variables {
    endpoint_arns = ["arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/stsftw/0123456789abcdef"]
    dns_zone_arn  = "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ"
    dns_names     = ["sts.example.com", "*.sts.example.com"]
  }

  assert {
    condition     = contains(flatten([for s in data.aws_iam_policy_document.guard.statement : tolist(s.actions) if contains(tolist(s.resources), var.endpoint_arns[0])]), "elasticloadbalancing:*")
    error_message = "In ALB mode the guard must deny changing the load balancer."
  }

  assert {
    condition     = contains(flatten([for s in data.aws_iam_policy_document.guard.statement : tolist(s.actions) if contains(tolist(s.resources), var.dns_zone_arn)]), "route53:ChangeResourceRecordSets")
    error_message = "In ALB mode the guard must deny re-pointing the endpoint's name."
  }
}
