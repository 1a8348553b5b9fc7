using System.Text.Json.Serialization;

namespace SreSuite.ServiceDefaults.Security;

/// <summary>OAuth 2.0 Protected Resource Metadata (RFC 9728), served at <c>/.well-known/oauth-protected-resource</c>.</summary>
public sealed record ProtectedResourceMetadata(
    [property: JsonPropertyName("resource")] string Resource,
    [property: JsonPropertyName("authorization_servers")] IReadOnlyList<string> AuthorizationServers,
    [property: JsonPropertyName("scopes_supported")] IReadOnlyList<string> ScopesSupported,
    [property: JsonPropertyName("bearer_methods_supported")] IReadOnlyList<string> BearerMethodsSupported,
    [property: JsonPropertyName("resource_name")] string ResourceName);

[JsonSerializable(typeof(ProtectedResourceMetadata))]
internal sealed partial class SecurityJsonContext : JsonSerializerContext;
