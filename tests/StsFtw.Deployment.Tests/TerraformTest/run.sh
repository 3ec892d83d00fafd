#!/usr/bin/env bash
# Checks terraform/ with the real hashicorp/aws provider, offline: `terraform validate` and `terraform test`
# (plan only) over a copy of the tree. The suites run under mock_provider "aws" (mock_provider.hcl, prepended),
# except rendered.tftest.hcl, which plans with the real provider and overrides only what would reach AWS, so its
# policies are rendered by the provider itself. Nothing under terraform/ is modified.
#
#   run.sh <repository root> [plugin dir, default /opt/tf-plugins]
#
# The machines carry hashicorp/aws 5.100.0 in an offline plugin directory; the project pins ~> 6.28. The copy
# gets exactly these substitutions, and no other:
#   1. versions.tf: version = "~> 6.28"  ->  ">= 5.100"   (so init accepts the installed provider)
#   2. data.aws_region.<x>.region        ->  .name        (6.x renamed the attribute)
#   3. invoked_via_function_url = true   ->  removed      (an argument of aws_lambda_permission added in 6.28)
# The backend block needs no substitution: init runs with -backend=false.
# The run ignores the user's CLI configuration (TF_CLI_CONFIG_FILE=/dev/null) and never reaches the network.
set -euo pipefail

root=$(cd "$1" && pwd)
plugins=${2:-/opt/tf-plugins}
here=$(cd "$(dirname "$0")" && pwd)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp -R "$root/terraform" "$work/terraform"
rm -rf "$work/terraform/.terraform" "$work/terraform/.terraform.lock.hcl" "$work/terraform/terraform.tfstate"*
mkdir -p "$work/terraform/tests"
# Every suite gets the mock provider, except rendered.tftest.hcl, which plans with the real provider offline.
for test in "$here"/*.tftest.hcl; do
  if [ "$(basename "$test")" = rendered.tftest.hcl ]; then
    cp "$test" "$work/terraform/tests/"
  else
    cat "$here/mock_provider.hcl" - "$test" <<<"" > "$work/terraform/tests/$(basename "$test")"
  fi
done
# A stand-in for the Lambda package: the plan hashes it (filebase64sha256), nothing runs it.
mkdir -p "$work/artifacts/lambda/linux-x64"
printf 'stand-in' > "$work/artifacts/lambda/linux-x64/bootstrap-linux-x64.zip"

cd "$work/terraform"
sed -i 's/version = "~> 6\.28"/version = ">= 5.100"/' versions.tf
grep -q 'version = ">= 5.100"' versions.tf || { echo "substitution 1 (provider version) found nothing to replace" >&2; exit 2; }
grep -rlE 'data\.aws_region\.[a-z_]+\.region' --include=*.tf . | xargs -r sed -i -E 's/(data\.aws_region\.[a-z_]+)\.region/\1.name/g'
grep -rlE '^\s*invoked_via_function_url\s*=' --include=*.tf . | xargs -r sed -i -E '/^\s*invoked_via_function_url\s*=/d'

export TF_CLI_CONFIG_FILE=/dev/null TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
unset TF_DATA_DIR TF_PLUGIN_CACHE_DIR TF_WORKSPACE TF_CLI_ARGS TF_CLI_ARGS_init TF_CLI_ARGS_validate TF_CLI_ARGS_test
echo "== terraform init (offline, $plugins)"
terraform init -backend=false -plugin-dir "$plugins" -input=false -no-color >/dev/null
echo "== terraform validate"
terraform validate -no-color
echo "== terraform test"
terraform test -no-color
