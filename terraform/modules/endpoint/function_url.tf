# (b) A Lambda function URL: https://<id>.lambda-url.<region>.on.aws/ on AWS's own certificate. No ALB, no
# ACM certificate, no DNS, no hourly charge.
#
# Authorization type NONE, deliberately: the callers are people without AWS credentials (that is the point
# of StsFtw), so they cannot sign requests for AWS_IAM. The TOTP code in the body is the authentication,
# checked by the backend with single use and lockout.

resource "aws_lambda_function_url" "broker" {
  count = local.function_url ? 1 : 0

  function_name      = var.function_name
  authorization_type = "NONE"
}

# A NONE function URL still needs the function's resource policy to allow public invocation, and function
# URLs created since October 2025 need both of these statements.
resource "aws_lambda_permission" "function_url" {
  count = local.function_url ? 1 : 0

  statement_id           = "PublicInvokeThroughFunctionUrl"
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = var.function_name
  principal              = "*"
  function_url_auth_type = "NONE"
}

resource "aws_lambda_permission" "function_url_invoke" {
  count = local.function_url ? 1 : 0

  statement_id             = "PublicInvokeOnlyViaFunctionUrl"
  action                   = "lambda:InvokeFunction"
  function_name            = var.function_name
  principal                = "*"
  invoked_via_function_url = true
}
