output "url" {
  description = "The URL clients send requests to (Get-StsCredential -Endpoint, STS_ENDPOINT)."
  value       = local.alb ? "https://${var.domain_name}/" : one(aws_lambda_function_url.broker[*].function_url)
}

output "load_balancer_dns_name" {
  description = "ALB mode: the load balancer's own DNS name (null for a function URL)."
  value       = one(aws_lb.this[*].dns_name)
}

output "guarded_arns" {
  description = "ALB mode: the load balancer, its listeners and listener rules (ARN prefixes), target group and web ACL, for the brokered-role guard; empty for a function URL."
  value = local.alb ? concat(
    [
      aws_lb.this[0].arn,
      "${replace(aws_lb.this[0].arn, ":loadbalancer/", ":listener/")}/*",
      "${replace(aws_lb.this[0].arn, ":loadbalancer/", ":listener-rule/")}/*",
      aws_lb_target_group.broker[0].arn,
    ],
    aws_wafv2_web_acl.this[*].arn,
  ) : []
}

output "dns_zone_arn" {
  description = "ALB mode: ARN of the hosted zone holding the endpoint's name; null for a function URL."
  value       = one(data.aws_route53_zone.this[*].arn)
}

output "dns_names" {
  description = "ALB mode: the endpoint's name and the names below it (its certificate's validation record), lowercase; empty for a function URL."
  value       = local.alb ? [lower(var.domain_name), "*.${lower(var.domain_name)}"] : []
}
