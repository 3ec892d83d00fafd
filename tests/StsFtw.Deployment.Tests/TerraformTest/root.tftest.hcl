# The whole deployment, planned by the real provider's schema with mocked AWS answers, in both endpoint
# variants. Child modules' resources are not addressable here; the module runs in the other files assert
# their planned values.

variables {
  region               = "us-east-1"
  admin_email          = "security-team@example.com"
  admin_principal_arns = ["arn:aws:iam::123456789012:role/Admin"]
}

run "function_url_variant_plans_with_the_secure_defaults" {
  command = plan

  assert {
    condition     = var.require_encrypted_secrets == true
    error_message = "require_encrypted_secrets must default to true for new deployments."
  }

  assert {
    condition     = var.reserved_concurrency == 10
    error_message = "reserved_concurrency must default to 10."
  }

  assert {
    condition     = output.assumable_role_arn_pattern == "arn:aws:iam::123456789012:role/stsftw/*"
    error_message = "The default role pattern is ${output.assumable_role_arn_pattern}."
  }

  assert {
    condition     = var.waf_rate_limit == null
    error_message = "WAF must be opt-in."
  }
}

run "alb_variant_plans_with_a_waf_rate_rule" {
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
    condition     = output.endpoint_url == "https://sts.example.com/"
    error_message = "The ALB variant's endpoint is ${output.endpoint_url}."
  }
}

run "a_waf_rate_rule_is_refused_for_a_function_url" {
  command = plan

  variables {
    waf_rate_limit = 300
  }

  expect_failures = [var.waf_rate_limit]
}
