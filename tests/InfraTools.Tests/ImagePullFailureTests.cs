using SreSuite.InfraTools.Triage;

namespace SreSuite.InfraTools.Tests;

public sealed class ImagePullFailureTests
{
    [Theory]
    [InlineData("Failed to pull image \"registry.example.com/search/indexer:3.8.0\": rpc error: code = NotFound desc = failed to pull and unpack image \"registry.example.com/search/indexer:3.8.0\": failed to resolve reference: registry.example.com/search/indexer:3.8.0: not found", "not-found")]
    [InlineData("Failed to pull image \"ghcr.io/acme/api:v1\": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token: 401 Unauthorized", "unauthorized")]
    [InlineData("Failed to pull image \"nginx:1.27\": toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading", "rate-limited")]
    [InlineData("Failed to pull image \"registry.internal/app:v2\": dial tcp: lookup registry.internal on 10.96.0.10:53: no such host", "registry-unreachable")]
    [InlineData("Failed to apply default image tag \"Nginx:Latest\": couldn't parse image reference \"Nginx:Latest\": invalid reference format: repository name must be lowercase", "invalid-name")]
    [InlineData("Back-off pulling image \"nginx@sha256:4291a4010429aa401b\"", null)]
    [InlineData(null, null)]
    public void The_kubelet_s_pull_error_names_its_cause(string? message, string? cause)
    {
        Assert.Equal(cause, ImagePullFailure.Cause(message));
    }
}
