# Reserved concurrency (finding 3), encrypted secrets required (finding 10), and the role pattern rule the
# backend's RoleArnPolicy shares (finding 8).

variables {
  function_name                 = "stsftw"
  zip_path                      = "../artifacts/lambda/linux-x64/bootstrap-linux-x64.zip"
  architecture                  = "x86_64"
  timeout_seconds               = 15
  memory_mb                     = 256
  log_retention_days            = 90
  reserved_concurrency          = 10
  table_name                    = "stsftw-auth"
  table_arn                     = "arn:aws:dynamodb:us-east-1:123456789012:table/stsftw-auth"
  topic_arn                     = "arn:aws:sns:us-east-1:123456789012:stsftw-audit"
  kms_key_arn                   = "arn:aws:kms:us-east-1:123456789012:key/0123abcd-0123-abcd-0123-0123456789ab"
  assumable_role_arn_pattern    = "arn:aws:iam::123456789012:role/stsftw/*"
  lockout_failure_limit         = 5
  lockout_seconds               = 900
  lockout_max_seconds           = 86400
  failure_budget                = 20
  failure_budget_window_seconds = 604800
  require_encrypted_secrets     = true
  default_duration_seconds      = 3600
  max_duration_seconds          = 3600
}

run "function_has_reserved_concurrency_and_requires_encrypted_secrets" {
  command = plan
  module {
    source = "./modules/broker_function"
  }

  assert {
    condition     = aws_lambda_function.broker.reserved_concurrent_executions == 10
    error_message = "The function must reserve (and so cap) its concurrency."
  }

  assert {
    condition     = aws_lambda_function.broker.environment[0].variables["STS_REQUIRE_ENCRYPTED_SECRETS"] == "true"
    error_message = "The backend must refuse plaintext secrets."
  }
}

run "a_name_prefix_pattern_is_accepted" {
  command = plan
  module {
    source = "./modules/broker_function"
  }
  variables {
    assumable_role_arn_pattern = "arn:aws:iam::123456789012:role/sts-*"
  }
}

run "an_exact_role_arn_is_accepted" {
  command = plan
  module {
    source = "./modules/broker_function"
  }
  variables {
    assumable_role_arn_pattern = "arn:aws:iam::123456789012:role/sts/Developer"
  }
}

run "a_wildcard_in_the_middle_of_the_path_is_refused" {
  command = plan
  module {
    source = "./modules/broker_function"
  }
  variables {
    assumable_role_arn_pattern = "arn:aws:iam::123456789012:role/*/*"
  }
  expect_failures = [var.assumable_role_arn_pattern]
}

run "a_wildcard_before_the_last_path_segment_is_refused" {
  command = plan
  module {
    source = "./modules/broker_function"
  }
  variables {
    assumable_role_arn_pattern = "arn:aws:iam::123456789012:role/sts*/admin"
  }
  expect_failures = [var.assumable_role_arn_pattern]
}

run "every_role_of_the_account_is_refused" {
  command = plan
  module {
    source = "./modules/broker_function"
  }
  variables {
    assumable_role_arn_pattern = "arn:aws:iam::123456789012:role/*"
  }
  expect_failures = [var.assumable_role_arn_pattern]
}

run "a_question_mark_is_refused" {
  command = plan
  module {
    source = "./modules/broker_function"
  }
  variables {
    assumable_role_arn_pattern = "arn:aws:iam::123456789012:role/sts/Dev?"
  }
  expect_failures = [var.assumable_role_arn_pattern]
}

run "a_wildcard_account_is_refused" {
  command = plan
  module {
    source = "./modules/broker_function"
  }
  variables {
    assumable_role_arn_pattern = "arn:aws:iam::*:role/sts/*"
  }
  expect_failures = [var.assumable_role_arn_pattern]
}

run "a_wildcard_partition_is_refused" {
  command = plan
  module {
    source = "./modules/broker_function"
  }
  variables {
    assumable_role_arn_pattern = "arn:*:iam::123456789012:role/sts/*"
  }
  expect_failures = [var.assumable_role_arn_pattern]
}
