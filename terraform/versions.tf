terraform {
  # 1.9: a variable's validation may name other variables; 1.10: the S3 backend's use_lockfile.
  required_version = ">= 1.10.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 6.28 added aws_lambda_permission.invoked_via_function_url, which function URLs created since
      # October 2025 need (lambda:InvokeFunction as well as lambda:InvokeFunctionUrl).
      version = "~> 6.28"
    }
  }

  # State lives in S3. Nothing is hard-coded here: pass the bucket, key and region at init time,
  #   terraform init -backend-config=backend.hcl
  # (see backend.hcl.example). Terraform cannot read variables inside a backend block, which is why the
  # state bucket is not a variable of this module.
  backend "s3" {}
}

provider "aws" {
  region = var.region

  default_tags {
    tags = merge({ Application = var.app_name }, var.tags)
  }
}
