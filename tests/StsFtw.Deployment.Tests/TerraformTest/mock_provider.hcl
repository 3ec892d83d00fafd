# Prepended by run.sh to every *.tftest.hcl: the mocked AWS answers the plans need (fixed account, region,
# deployer and hosted zone; every aws_iam_policy_document renders an empty policy, so assertions read the
# documents' statements, not their JSON).
mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
      arn        = "arn:aws:sts::123456789012:assumed-role/Deployer/ci"
      user_id    = "AROAEXAMPLE:ci"
    }
  }

  mock_data "aws_partition" {
    defaults = { partition = "aws", dns_suffix = "amazonaws.com" }
  }

  mock_data "aws_region" {
    defaults = { name = "us-east-1" }
  }

  mock_data "aws_iam_session_context" {
    defaults = { issuer_arn = "arn:aws:iam::123456789012:role/Deployer", issuer_name = "Deployer" }
  }

  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }

  mock_data "aws_route53_zone" {
    defaults = { zone_id = "Z0123456789ABCDEFGHIJ", arn = "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ" }
  }
}
