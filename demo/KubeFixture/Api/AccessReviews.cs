using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SreSuite.KubeFixture.Api;

/// <summary>
/// <c>authorization.k8s.io/v1</c> SelfSubjectAccessReview, which every real API server serves: clients ask "may I
/// list pods cluster-wide?" before they try. client-go based tools (the Go kubernetes-mcp-server) fall back to the
/// kubeconfig's namespace when the review fails, so without it they saw one namespace of a scenario cluster. The
/// review is decided by the same RBAC denials (<see cref="KubeFixtureOptions.Forbidden"/>) the requests get.
/// client-go posts it as protobuf, kubectl as JSON; the answer is JSON, which both accept.
/// </summary>
internal static class AccessReviews
{
    public const string Group = "authorization.k8s.io";
    public const string Version = "v1";
    public const string Plural = "selfsubjectaccessreviews";

    private static readonly byte[] ProtobufMagic = [(byte)'k', (byte)'8', (byte)'s', 0];

    /// <summary>What a review asks: the resource attributes (the non-resource form is answered as allowed).</summary>
    public sealed record Attributes(string Namespace, string Verb, string Group, string Version, string Resource, string Subresource, string Name);

    /// <summary>The group as <c>/apis</c> lists it.</summary>
    public static JsonObject GroupEntry() => new()
    {
        ["name"] = Group,
        ["versions"] = new JsonArray { new JsonObject { ["groupVersion"] = $"{Group}/{Version}", ["version"] = Version } },
        ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{Group}/{Version}", ["version"] = Version },
    };

    /// <summary><c>/apis/authorization.k8s.io/v1</c>.</summary>
    public static JsonObject ResourceList() => new()
    {
        ["kind"] = "APIResourceList",
        ["apiVersion"] = "v1",
        ["groupVersion"] = $"{Group}/{Version}",
        ["resources"] = new JsonArray
        {
            new JsonObject { ["name"] = Plural, ["singularName"] = "selfsubjectaccessreview", ["namespaced"] = false, ["kind"] = "SelfSubjectAccessReview", ["verbs"] = new JsonArray { "create" } },
        },
    };

    /// <summary>Reads the review from a JSON or protobuf body; null with a reason when it cannot be read.</summary>
    public static Attributes? Read(byte[] body, string? contentType, out string? problem)
    {
        problem = null;
        try
        {
            if (contentType?.StartsWith("application/vnd.kubernetes.protobuf", StringComparison.OrdinalIgnoreCase) == true)
                return FromProtobuf(body);
            var json = JsonNode.Parse(body)?["spec"];
            if (json?["resourceAttributes"] is not JsonObject attributes)
                return json?["nonResourceAttributes"] is JsonObject ? new Attributes("", "get", "", "", "", "", "") : Missing(out problem);
            string Field(string name) => attributes[name]?.GetValue<string>() ?? "";
            return new Attributes(Field("namespace"), Field("verb"), Field("group"), Field("version"), Field("resource"), Field("subresource"), Field("name"));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            problem = $"couldn't get version/kind; json parse error: {ex.Message}";
            return null;
        }
    }

    private static Attributes? Missing(out string problem)
    {
        problem = "spec.resourceAttributes or spec.nonResourceAttributes is required";
        return null;
    }

    /// <summary>The review's answer: the spec echoed with the decision, as the API server writes it.</summary>
    public static JsonObject Answer(Attributes asked, string user, bool allowed)
    {
        var attributes = new JsonObject();
        void Put(string name, string value)
        {
            if (value.Length > 0)
                attributes[name] = value;
        }

        Put("namespace", asked.Namespace);
        Put("verb", asked.Verb);
        Put("group", asked.Group);
        Put("version", asked.Version);
        Put("resource", asked.Resource);
        Put("subresource", asked.Subresource);
        Put("name", asked.Name);
        var status = new JsonObject { ["allowed"] = allowed };
        if (!allowed)
            status["reason"] = $"RBAC: user \"{user}\" cannot {asked.Verb} {asked.Resource}";
        return new JsonObject
        {
            ["kind"] = "SelfSubjectAccessReview",
            ["apiVersion"] = $"{Group}/{Version}",
            ["metadata"] = new JsonObject { ["creationTimestamp"] = null },
            ["spec"] = new JsonObject { ["resourceAttributes"] = attributes },
            ["status"] = status,
        };
    }

    /// <summary>
    /// The Kubernetes protobuf envelope (<c>k8s\0</c> + runtime.Unknown{raw = 2}) around SelfSubjectAccessReview
    /// {spec = 2 {resourceAttributes = 1 {namespace 1, verb 2, group 3, version 4, resource 5, subresource 6, name 7}}}.
    /// </summary>
    private static Attributes FromProtobuf(byte[] body)
    {
        if (body.Length < ProtobufMagic.Length || !body.AsSpan(0, ProtobufMagic.Length).SequenceEqual(ProtobufMagic))
            throw new FormatException("the protobuf body does not start with the k8s\\0 envelope");
        var raw = Field(body.AsMemory(ProtobufMagic.Length), 2) ?? throw new FormatException("the protobuf envelope has no raw object");
        var spec = Field(raw, 2) ?? ReadOnlyMemory<byte>.Empty;
        if (Field(spec, 1) is not { } attributes)
            return new Attributes("", "get", "", "", "", "", "");
        string Text(int number) => Field(attributes, number) is { } value ? Encoding.UTF8.GetString(value.Span) : "";
        return new Attributes(Text(1), Text(2), Text(3), Text(4), Text(5), Text(6), Text(7));
    }

    /// <summary>The first length-delimited field <paramref name="number"/> of a protobuf message; other wire types are skipped.</summary>
    private static ReadOnlyMemory<byte>? Field(ReadOnlyMemory<byte> message, int number)
    {
        var span = message.Span;
        var at = 0;
        while (at < span.Length)
        {
            var key = Varint(span, ref at);
            var (field, wire) = ((int)(key >> 3), (int)(key & 7));
            switch (wire)
            {
                case 0:
                    Varint(span, ref at);
                    break;
                case 1:
                    at += 8;
                    break;
                case 2:
                    var length = (int)Varint(span, ref at);
                    if (length < 0 || at + length > span.Length)
                        throw new FormatException("a protobuf field runs past the end of the body");
                    if (field == number)
                        return message.Slice(at, length);
                    at += length;
                    break;
                case 5:
                    at += 4;
                    break;
                default:
                    throw new FormatException($"protobuf wire type {wire} is not supported");
            }
        }

        return null;
    }

    private static ulong Varint(ReadOnlySpan<byte> span, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (at >= span.Length)
                throw new FormatException("a protobuf varint runs past the end of the body");
            var b = span[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
                return value;
        }

        throw new FormatException("a protobuf varint is longer than 64 bits");
    }
}
