using StsFtw.Deployment.Tests.Hcl;
using StsFtw.Deployment.Tests.Rules;

namespace StsFtw.Deployment.Tests;

/// <summary>The endpoint: TLS 1.3 and a redirect on the ALB, public access only in function-URL mode.</summary>
[Collection(TerraformCollection.Name)]
public sealed class EndpointTests(TerraformTree terraform)
{
    private TerraformModule Endpoint => terraform.Modules["endpoint"];

    [Fact]
    public void HttpsListenerUsesATls13PolicyAndHttpOnlyRedirects()
    {
        Assert.Equal(["http_redirect", "https"], Endpoint.Resources("aws_lb_listener").Keys.Order(StringComparer.Ordinal));
        Assert.Empty(terraform.AllModules.SelectMany(EndpointRules.ListenerProblems));
    }

    [Fact]
    public void RootDefaultTlsPolicyIsATls13Policy()
    {
        var policy = terraform.Root.Variables["alb_ssl_policy"]["default"]?.ToString();

        Assert.True(policy is not null && EndpointRules.IsAcceptedTlsPolicy(policy), policy);
    }

    [Theory]
    [InlineData("ELBSecurityPolicy-TLS13-1-2-2021-06", true)]
    [InlineData("ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09", true)]
    [InlineData("ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04", true)]
    [InlineData("ELBSecurityPolicy-2016-08", false)]
    [InlineData("ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06", false)]
    [InlineData("ELBSecurityPolicy-TLS13-1-1-2021-06", false)]
    [InlineData("ELBSecurityPolicy-TLS-1-2-2017-01", false)]
    public void OnlyTls13PoliciesWithoutLegacyCiphersAreAccepted(string policy, bool accepted) =>
        Assert.Equal(accepted, EndpointRules.IsAcceptedTlsPolicy(policy));

    [Fact]
    public void LoadBalancerDropsInvalidHeaderFields()
    {
        Assert.Single(Endpoint.Resources("aws_lb"));
        Assert.Empty(terraform.AllModules.SelectMany(EndpointRules.LoadBalancerProblems));
    }

    [Fact]
    public void CertificateIsValidatedThroughRoute53BeforeTheListenerUsesIt()
    {
        var certificate = Endpoint.Resources("aws_acm_certificate").Values.Single();
        var listener = Endpoint.Resources("aws_lb_listener")["https"];

        Assert.Equal("DNS", certificate["validation_method"]?.ToString());
        Assert.Single(Endpoint.Resources("aws_acm_certificate_validation"));
        Assert.Equal("${aws_acm_certificate_validation.this[0].certificate_arn}", listener["certificate_arn"]?.ToString());
        Assert.Equal("${data.aws_route53_zone.this[0].zone_id}", Endpoint.Resources("aws_route53_record")["alias"]["zone_id"]?.ToString());
    }

    [Fact]
    public void FunctionUrlAuthorizationNoneExistsOnlyInFunctionUrlMode()
    {
        var url = Endpoint.Resources("aws_lambda_function_url").Values.Single();

        Assert.Equal("NONE", url["authorization_type"]?.ToString());
        Assert.Empty(terraform.AllModules.SelectMany(EndpointRules.PublicAccessOutsideFunctionUrlMode));
    }

    [Fact]
    public void EveryAlbResourceExistsOnlyInAlbMode()
    {
        var albResources = Endpoint.AllResources.Where(r => r.Type.StartsWith("aws_lb", StringComparison.Ordinal)
            || r.Type.StartsWith("aws_acm", StringComparison.Ordinal) || r.Type is "aws_security_group" or "aws_route53_record"
            || r.Type.StartsWith("aws_vpc_security_group", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(albResources);
        Assert.All(albResources, r => Assert.True(
            r.Body["count"]?.ToString() == "${local.alb ? 1 : 0}" || (r.Body["for_each"]?.ToString() ?? string.Empty).StartsWith("${local.alb ?", StringComparison.Ordinal),
            $"{r.Type}.{r.Name} is not limited to ALB mode"));
        Assert.Equal("${var.endpoint_type == \"alb\"}", Endpoint.Locals["alb"]?.ToString());
    }

    [Fact]
    public void LoadBalancerMayInvokeOnlyThroughItsTargetGroup()
    {
        var permission = Endpoint.Resources("aws_lambda_permission")["alb"];

        Assert.Equal("elasticloadbalancing.amazonaws.com", permission["principal"]?.ToString());
        Assert.Equal("${aws_lb_target_group.broker[0].arn}", permission["source_arn"]?.ToString());
    }

    [Fact]
    public void EndpointUrlIsAnOutputInEitherMode()
    {
        var url = Endpoint.Outputs["url"]["value"]?.ToString() ?? string.Empty;

        Assert.Contains("https://${var.domain_name}/", url, StringComparison.Ordinal);
        Assert.Contains("aws_lambda_function_url.broker[*].function_url", url, StringComparison.Ordinal);
        Assert.Equal("${module.endpoint.url}", terraform.Root.Outputs["endpoint_url"]["value"]?.ToString());
    }
}
