using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Kubernetes;

/// <summary>
/// The Kubernetes access layer: every API call of every tool passes through this handler, which enforces
/// <see cref="KubernetesAccessPolicy"/>, sets the configured impersonation (and only that), bounds the call in
/// time, turns failures into answers that say what was refused, and scrubs every answer it lets through: whatever
/// Content-Type the API server claims, a body the client will parse as JSON is scrubbed as JSON, and one that is not
/// JSON is refused. Only pod logs are text. The credentials the request carries are registered with the
/// <see cref="SecretScrubber"/>, so an API server that echoes them (a 403 quoting the token) is masked.
/// </summary>
public sealed class KubernetesAccessHandler(KubernetesOptions options, IOptionsMonitor<ToolPolicyOptions> policy, string context, SecretScrubber scrubber, bool writable = true) : DelegatingHandler
{
    private const int MaxStatusMessage = 400;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new ToolFailureException("refused: a Kubernetes request without a URL.");
        var call = KubernetesRequest.Parse(request.Method, uri);
        KubernetesAccessPolicy.Check(call, uri, policy.CurrentValue, writable, context);
        SetImpersonation(request);
        RegisterCredentials(request);

        var seconds = Math.Clamp(options.TimeoutSeconds, 1, 300);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        // One bound covers the answer's headers and its body (read here to scrub it): under load the body of a
        // large list can take longer than its headers, and the client's own timeout must never be what fires, or
        // the caller hears a bare "operation was canceled" instead of this message.
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
                throw await FailureAsync(call!, response, timeout.Token);
            if (!IsText(call!))
                await ScrubAsync(call!, response, timeout.Token);
            return response;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            throw new ToolFailureException($"the API server of context {context} did not answer within {seconds}s ({call!.Describe()}); it may be overloaded or unreachable. Retry, or raise Kubernetes__TimeoutSeconds.", ex);
        }
        catch (HttpRequestException ex)
        {
            response?.Dispose();
            throw new ToolFailureException($"the API server of context {context} is unreachable ({ex.Message}); check k8s_context and the cluster's health.", ex);
        }
        catch
        {
            response?.Dispose();
            throw;
        }
    }

    /// <summary>Pod logs are the one answer that is text, not JSON; everything else the client parses as JSON.</summary>
    private static bool IsText(KubernetesRequest call) => call.Resource == "pods" && call.Subresource == "log";

    /// <summary>
    /// The credential this request carries (a kubeconfig token, an exec plugin's fresh token, basic auth) joins the
    /// redactor's runtime secrets, so it is masked wherever it reappears; start-up registered the kubeconfig's own.
    /// </summary>
    private void RegisterCredentials(HttpRequestMessage request)
    {
        if (request.Headers.Authorization is not { Parameter: { Length: > 0 } parameter } authorization || scrubber.IsKnown(parameter))
            return;
        var values = new List<string> { parameter };
        if (string.Equals(authorization.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
            values.AddRange(KubeconfigCredentials.BasicParts(parameter));
        scrubber.AddRuntimeSecrets(values);
    }

    /// <summary>Replaces any caller-supplied <c>Impersonate-*</c> header with the configured identity.</summary>
    private void SetImpersonation(HttpRequestMessage request)
    {
        foreach (var header in request.Headers.Select(h => h.Key).Where(IsImpersonation).ToList())
            request.Headers.Remove(header);
        if (string.IsNullOrWhiteSpace(options.ImpersonateUser))
            return;
        request.Headers.TryAddWithoutValidation("Impersonate-User", options.ImpersonateUser.Trim());
        if (!string.IsNullOrWhiteSpace(options.ImpersonateGroup))
            request.Headers.TryAddWithoutValidation("Impersonate-Group", options.ImpersonateGroup.Trim());
    }

    public static bool IsImpersonation(string header) => header.StartsWith("Impersonate-", StringComparison.OrdinalIgnoreCase);

    private static async Task ScrubAsync(KubernetesRequest call, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (body.Length == 0)
            return;
        byte[]? scrubbed;
        try
        {
            scrubbed = ResponseScrubber.Scrub(body);
        }
        catch (JsonException ex)
        {
            var contentType = response.Content.Headers.ContentType?.ToString() is { Length: > 0 } type ? UntrustedText.Line(type, 80) : "none";
            throw new ToolFailureException($"the API server answered {call.Describe()} with something that is not JSON (Content-Type: {contentType}; {UntrustedText.Line(ex.Message, 120)}); InfraTools only reads JSON from the API server.", ex);
        }

        if (scrubbed is null)
            throw new ToolFailureException($"refused: the API server answered {call.Describe()} with Secret data; InfraTools never passes secret contents on.");
        var headers = response.Content.Headers.Where(h => h.Key != "Content-Length" && h.Key != "Content-Type").ToList();
        response.Content.Dispose();
        response.Content = new ByteArrayContent(scrubbed);
        response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        foreach (var (name, values) in headers)
            response.Content.Headers.TryAddWithoutValidation(name, values);
    }

    private async Task<ToolFailureException> FailureAsync(KubernetesRequest call, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var code = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var (reason, message) = ReadStatus(scrubber.Scrub(body), response);
        var status = new KubernetesStatusException(code, reason, message, call);
        var what = call.Describe();
        var text = response.StatusCode switch
        {
            HttpStatusCode.Forbidden =>
                $"forbidden: Kubernetes RBAC refused {call.Verb} on {call.QualifiedResource}{NamespacePart(call)} (403: {message}). The identity InfraTools uses{ImpersonationPart()} lacks this permission; ask a cluster admin to grant '{call.Verb}' on '{call.QualifiedResource}', or ask about a namespace it can read.",
            HttpStatusCode.Unauthorized =>
                $"the API server of context {context} rejected the credentials (401 Unauthorized) for {what}; the kubeconfig's token or certificate is invalid or expired. Refresh the kubeconfig and restart InfraTools.",
            HttpStatusCode.NotFound when reason == "NotFound" && call.Name is not null && message.Contains("not found", StringComparison.Ordinal) =>
                $"not found: {message}{NamespacePart(call)}. Check the name with k8s_list_pods or k8s_list.",
            HttpStatusCode.NotFound =>
                $"not found: the API server does not serve {call.QualifiedResource} ({what}: {message}).",
            HttpStatusCode.Gone =>
                $"expired: {message.Split('.')[0]}. List again without 'continue' to start from the first page.",
            HttpStatusCode.BadRequest =>
                $"Kubernetes rejected {what}: {message}",
            HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity =>
                $"Kubernetes refused the change ({what}): {message}",
            HttpStatusCode.TooManyRequests =>
                $"the API server is throttling requests (429) for {what}; retry in a few seconds.",
            _ =>
                $"the API server failed {what} ({code} {reason}: {message}); retry later, or check the cluster's health.",
        };
        return new ToolFailureException(text, status);
    }

    private string ImpersonationPart() =>
        string.IsNullOrWhiteSpace(options.ImpersonateUser) ? "" : $" (impersonating {options.ImpersonateUser.Trim()})";

    private static string NamespacePart(KubernetesRequest call) =>
        call.Namespace is null ? " across all namespaces / at cluster scope" : $" in namespace {call.Namespace}";

    /// <summary>
    /// The reason and message of a failure, each on one line (newlines and fence markers made visible), so an API
    /// server cannot start a line of the answer; <paramref name="body"/> has already been through the redactor.
    /// </summary>
    private static (string Reason, string Message) ReadStatus(string body, HttpResponseMessage response)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject status && status["kind"] is JsonValue kind && kind.GetValueKind() == JsonValueKind.String
                && (string?)kind == "Status")
            {
                return (UntrustedText.Line(Text(status["reason"]) ?? response.ReasonPhrase, 80), UntrustedText.Line(Text(status["message"]), MaxStatusMessage));
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
        }

        var text = UntrustedText.Line(body, MaxStatusMessage);
        return (UntrustedText.Line(response.ReasonPhrase, 80), text.Length > 0 ? text : UntrustedText.Line(response.ReasonPhrase, 80, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)));
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : node?.ToJsonString();
}
