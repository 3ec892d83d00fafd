locals {
  alb          = var.endpoint_type == "alb"
  function_url = var.endpoint_type == "function_url"

  validation_options = local.alb ? {
    for option in aws_acm_certificate.this[0].domain_validation_options : option.domain_name => option
  } : {}
}
