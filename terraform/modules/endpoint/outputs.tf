output "url" {
  description = "The URL clients send requests to (Get-StsCredential -Endpoint, STS_ENDPOINT)."
  value       = local.alb ? "https://${var.domain_name}/" : one(aws_lambda_function_url.broker[*].function_url)
}

output "load_balancer_dns_name" {
  description = "ALB mode: the load balancer's own DNS name (null for a function URL)."
  value       = one(aws_lb.this[*].dns_name)
}
