# The ALB's X-Forwarded-For mode (finding 11) and the optional WAF rate rule (finding 3).

variables {
  endpoint_type     = "alb"
  name              = "stsftw"
  function_name     = "stsftw"
  function_arn      = "arn:aws:lambda:us-east-1:123456789012:function:stsftw"
  route53_zone_name = "example.com"
  domain_name       = "sts.example.com"
  vpc_id            = "vpc-0123456789abcdef0"
  subnet_ids        = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
}

run "alb_appends_the_client_address_to_x_forwarded_for" {
  command = plan
  module {
    source = "./modules/endpoint"
  }

  assert {
    condition     = aws_lb.this[0].xff_header_processing_mode == "append"
    error_message = "The backend logs the last X-Forwarded-For entry, which only append mode makes the ALB's own."
  }

  assert {
    condition     = length(aws_wafv2_web_acl.this) == 0
    error_message = "WAF must be opt-in."
  }
}

run "waf_rate_rule_blocks_a_flooding_address" {
  command = plan
  module {
    source = "./modules/endpoint"
  }
  variables {
    waf_rate_limit = 300
  }

  assert {
    condition = (
      one(aws_wafv2_web_acl.this[0].rule).statement[0].rate_based_statement[0].limit == 300 &&
      one(aws_wafv2_web_acl.this[0].rule).statement[0].rate_based_statement[0].aggregate_key_type == "IP" &&
      length(one(aws_wafv2_web_acl.this[0].rule).action[0].block) == 1 &&
      length(aws_wafv2_web_acl_association.this) == 1
    )
    error_message = "The web ACL must block an address past the rate and be associated with the ALB."
  }
}

run "function_url_has_no_load_balancer" {
  command = plan
  module {
    source = "./modules/endpoint"
  }
  variables {
    endpoint_type = "function_url"
  }

  assert {
    condition     = length(aws_lb.this) == 0 && length(aws_lambda_function_url.broker) == 1
    error_message = "A function-URL deployment has a function URL and no ALB."
  }
}
