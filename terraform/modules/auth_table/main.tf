# The auth table, key-compatible with STSFTW: issuer (hash) + account_name (range), both strings. Every other
# attribute (url, roles, secondary_authorization, totp_secret_ciphertext, last_time_step, failed_attempts,
# locked_until, created_at, updated_at, revision) is schemaless and needs no declaration.
#
# No TTL: nothing in the table expires by itself. A lock is the locked_until attribute, compared with the
# clock in code on every request (DynamoDB's TTL deletes items late, and deleting an entry would delete the
# enrollment, not the lock).

resource "aws_dynamodb_table" "auth" {
  name         = var.table_name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "issuer"
  range_key    = "account_name"

  attribute {
    name = "issuer"
    type = "S"
  }

  attribute {
    name = "account_name"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  # Removing the table removes every enrollment: turn this off deliberately, in its own apply, first.
  deletion_protection_enabled = true
}
