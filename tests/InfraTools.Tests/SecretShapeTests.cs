using System.Text;
using SreSuite.InfraTools.Kubernetes;

namespace SreSuite.InfraTools.Tests;

/// <summary>The response scrubber on its own: Secrets are recognised by their fields and any spelling of kind, in both passes.</summary>
public sealed class SecretShapeTests
{
    [Theory]
    [InlineData("""{"kind":"secret","metadata":{"name":"db"},"data":{"password":"aHVudGVyMg=="}}""")]
    [InlineData("""{"kind":" SECRET ","metadata":{"name":"db"},"data":{"password":"aHVudGVyMg=="}}""")]
    [InlineData("""{"kind":"v1/Secret","metadata":{"name":"db"},"data":{"password":"aHVudGVyMg=="}}""")]
    [InlineData("""{"metadata":{"name":"db"},"stringData":{"password":"hunter2"}}""")]
    [InlineData("""{"metadata":{"name":"db"},"type":"Opaque","data":{"password":"aHVudGVyMg=="}}""")]
    [InlineData("""{"metadata":{"name":"db"},"data":{"password":"aHVudGVyMg=="}}""")]
    [InlineData("""{"kind":"PodList","items":[{"metadata":{"name":"p"}},{"metadata":{"name":"db"},"data":{"tls.key":"aHVudGVyMg=="},"type":"kubernetes.io/tls"}]}""")]
    [InlineData("""{"kind":"PodList","items":[{"metadata":{"name":"db"},"stringData":{"password":"hunter2"}}]}""")]
    [InlineData("""{"kind":"secretlist","items":[{"metadata":{"name":"db"},"data":{"password":"aHVudGVyMg=="}}]}""")]
    [InlineData("""{"kind":"Table","rows":[{"cells":["db"],"object":{"kind":"secret","metadata":{"name":"db"},"data":{"p":"aHVudGVyMg=="}}}]}""")]
    public void A_secret_in_any_spelling_or_by_its_fields_is_refused(string json)
    {
        Assert.Null(ResponseScrubber.Scrub(Encoding.UTF8.GetBytes(json)));
        Assert.False(ResponseScrubber.TryScrub(System.Text.Json.Nodes.JsonNode.Parse(json)));
    }

    [Theory]
    [InlineData("""{"kind":"ConfigMap","metadata":{"name":"c"},"data":{"LOG_LEVEL":"info"}}""")]
    [InlineData("""{"kind":"ConfigMapList","items":[{"metadata":{"name":"c"},"data":{"LOG_LEVEL":"info"}}]}""")]
    [InlineData("""{"kind":"Event","involvedObject":{"kind":"Secret","name":"db"},"type":"Warning","message":"x"}""")]
    [InlineData("""{"kind":"Service","metadata":{"name":"s"},"spec":{"type":"ClusterIP"}}""")]
    [InlineData("""{"kind":"ControllerRevision","metadata":{"name":"r"},"data":{"spec":{}},"revision":3}""")]
    public void Objects_that_only_mention_or_resemble_a_secret_are_kept(string json)
    {
        Assert.NotNull(ResponseScrubber.Scrub(Encoding.UTF8.GetBytes(json)));
        Assert.True(ResponseScrubber.TryScrub(System.Text.Json.Nodes.JsonNode.Parse(json)));
    }

    [Theory]
    [InlineData("""{"kind":"Secret","kind":"ConfigMap","metadata":{"name":"db"},"data":{"password":"aHVudGVyMg=="}}""")]
    [InlineData("""{"type":"kubernetes.io/tls","type":"Opaque","metadata":{"name":"db"},"data":{"tls.key":"aHVudGVyMg=="}}""")]
    public void A_repeated_kind_or_type_key_cannot_clear_the_secret_mark(string json)
    {
        // Refused either way: null (Secret data) or JsonException (the whole-document pass refuses repeated keys).
        byte[]? scrubbed = [];
        var notJson = Record.Exception(() => scrubbed = ResponseScrubber.Scrub(Encoding.UTF8.GetBytes(json)));
        Assert.True(scrubbed is null || notJson is System.Text.Json.JsonException, $"passed on: {(scrubbed is null ? "" : Encoding.UTF8.GetString(scrubbed))}");
    }

    [Fact]
    public void Every_spelling_of_the_last_applied_annotation_is_dropped()
    {
        const string json = """{"kind":"Pod","metadata":{"name":"p","annotations":{"kubectl.kubernetes.io/Last-Applied-Configuration":"x","example.com/last-applied-config":"y","team":"payments"}}}""";

        var scrubbed = Encoding.UTF8.GetString(ResponseScrubber.Scrub(Encoding.UTF8.GetBytes(json))!);

        Assert.DoesNotContain("ast-", scrubbed, StringComparison.Ordinal);
        Assert.Contains("\"team\":\"payments\"", scrubbed, StringComparison.Ordinal);
    }
}
