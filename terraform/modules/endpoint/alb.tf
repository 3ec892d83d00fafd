# (a) STSFTW's shape: an internet-facing Application Load Balancer on your domain. HTTPS on a TLS 1.3
# policy with an ACM certificate validated through Route 53; port 80 only redirects to HTTPS.

data "aws_route53_zone" "this" {
  count = local.alb ? 1 : 0

  name         = var.route53_zone_name
  private_zone = false
}

resource "aws_acm_certificate" "this" {
  count = local.alb ? 1 : 0

  domain_name       = var.domain_name
  validation_method = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

# Keyed by the (known) domain name, not by the certificate's validation options, so the plan does not
# depend on values ACM only returns after the certificate exists.
resource "aws_route53_record" "certificate_validation" {
  for_each = local.alb ? toset([var.domain_name]) : toset([])

  zone_id         = data.aws_route53_zone.this[0].zone_id
  name            = local.validation_options[each.key].resource_record_name
  type            = local.validation_options[each.key].resource_record_type
  records         = [local.validation_options[each.key].resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "this" {
  count = local.alb ? 1 : 0

  certificate_arn         = aws_acm_certificate.this[0].arn
  validation_record_fqdns = [for record in aws_route53_record.certificate_validation : record.fqdn]
}

# Inbound 443 and 80 from the allowed ranges; no outbound rule, since the ALB reaches Lambda through the
# service, not the network.
resource "aws_security_group" "alb" {
  count = local.alb ? 1 : 0

  name        = "${var.name}-alb"
  description = "StsFtw ${var.name}: HTTPS (and HTTP, redirected) to the load balancer"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "https" {
  for_each = local.alb ? toset(var.allowed_cidr_blocks) : toset([])

  security_group_id = aws_security_group.alb[0].id
  description       = "HTTPS"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_ingress_rule" "http_redirect" {
  for_each = local.alb ? toset(var.allowed_cidr_blocks) : toset([])

  security_group_id = aws_security_group.alb[0].id
  description       = "HTTP, answered only with a redirect to HTTPS"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = each.value
}

resource "aws_lb" "this" {
  count = local.alb ? 1 : 0

  name               = var.name
  internal           = false
  load_balancer_type = "application"
  security_groups    = [aws_security_group.alb[0].id]
  subnets            = var.subnet_ids

  # Refuse requests whose header names are not valid HTTP tokens instead of passing them to the function.
  drop_invalid_header_fields = true

  # "append" (AWS's default, set here so nobody changes it unknowingly): the ALB adds the address it saw as
  # the last X-Forwarded-For entry, and the backend logs and audits exactly that last entry
  # (HttpEventCodec.ClientFromForwardedFor), which no client can forge. "preserve" would pass the client's
  # own header through, forgeable; "remove" would leave the backend no source address at all.
  xff_header_processing_mode = "append"
}

resource "aws_lb_target_group" "broker" {
  count = local.alb ? 1 : 0

  name        = "${var.name}-tg"
  target_type = "lambda"
}

resource "aws_lambda_permission" "alb" {
  count = local.alb ? 1 : 0

  statement_id  = "InvokeFromLoadBalancer"
  action        = "lambda:InvokeFunction"
  function_name = var.function_name
  principal     = "elasticloadbalancing.amazonaws.com"
  source_arn    = aws_lb_target_group.broker[0].arn
}

resource "aws_lb_target_group_attachment" "broker" {
  count = local.alb ? 1 : 0

  target_group_arn = aws_lb_target_group.broker[0].arn
  target_id        = var.function_arn

  depends_on = [aws_lambda_permission.alb]
}

resource "aws_lb_listener" "https" {
  count = local.alb ? 1 : 0

  load_balancer_arn = aws_lb.this[0].arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy
  certificate_arn   = aws_acm_certificate_validation.this[0].certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.broker[0].arn
  }
}

resource "aws_lb_listener" "http_redirect" {
  count = local.alb ? 1 : 0

  load_balancer_arn = aws_lb.this[0].arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      protocol    = "HTTPS"
      port        = "443"
      status_code = "HTTP_301"
    }
  }
}

# allow_overwrite: when StsFtw replaces an STSFTW deployment on the same domain, the apply moves the name to
# the new load balancer instead of failing on the old record.
resource "aws_route53_record" "alias" {
  count = local.alb ? 1 : 0

  zone_id         = data.aws_route53_zone.this[0].zone_id
  name            = var.domain_name
  type            = "A"
  allow_overwrite = true

  alias {
    name                   = aws_lb.this[0].dns_name
    zone_id                = aws_lb.this[0].zone_id
    evaluate_target_health = false
  }
}

# Optional (waf_rate_limit): an AWS WAF web ACL whose rate-based rule blocks a client address that sends more
# than waf_rate_limit requests in 5 minutes. A function URL cannot be associated with WAF.
resource "aws_wafv2_web_acl" "this" {
  count = local.alb && var.waf_rate_limit != null ? 1 : 0

  name        = "${var.name}-rate-limit"
  description = "StsFtw ${var.name}: block client addresses that flood the credential endpoint"
  scope       = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "rate-limit-per-client-address"
    priority = 1

    action {
      block {}
    }

    statement {
      rate_based_statement {
        limit              = var.waf_rate_limit
        aggregate_key_type = "IP"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-rate-limit"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "${var.name}-web-acl"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_association" "this" {
  count = local.alb && var.waf_rate_limit != null ? 1 : 0

  resource_arn = aws_lb.this[0].arn
  web_acl_arn  = aws_wafv2_web_acl.this[0].arn
}
