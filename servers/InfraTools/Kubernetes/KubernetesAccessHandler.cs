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
/// time, turns failures into answers that say what was refused, and scrubs every JSON answer.
/// </summary>
public sealed class KubernetesAccessHandler(KubernetesOptions options, IOptionsMonitor<ToolPolicyOptions> policy, string context) : DelegatingHandler
{
    private const int MaxStatusMessage = 400;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new ToolFailureException("refused: a Kubernetes request without a URL.");
        var call = KubernetesRequest.Parse(request.Method, uri);
        KubernetesAccessPolicy.Check(call, uri, policy.CurrentValue);
        SetImpersonation(request);

        var seconds = Math.Clamp(options.TimeoutSeconds, 1, 300);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ToolFailureException($"the API server of context {context} did not answer within {seconds}s ({call!.Describe()}); it may be overloaded or unreachable. Retry, or raise Kubernetes__TimeoutSeconds.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ToolFailureException($"the API server of context {context} is unreachable ({ex.Message}); check k8s_context and the cluster's health.", ex);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
                throw await FailureAsync(call!, response, cancellationToken);
        }

        if (response.Content.Headers.ContentType?.MediaType == "application/json")
            await ScrubAsync(call!, response, cancellationToken);
        return response;
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
        byte[]? scrubbed;
        try
        {
            scrubbed = ResponseScrubber.Scrub(body);
        }
        catch (JsonException ex)
        {
            throw new ToolFailureException($"the API server answered {call.Describe()} with malformed JSON ({ex.Message}).", ex);
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
        var (reason, message) = ReadStatus(body, response);
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

    private static (string Reason, string Message) ReadStatus(string body, HttpResponseMessage response)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject status && (string?)status["kind"] == "Status")
                return ((string?)status["reason"] ?? response.ReasonPhrase ?? "", Clip(UntrustedText.Sanitize((string?)status["message"] ?? "")));
        }
        catch (JsonException)
        {
        }

        var text = Clip(UntrustedText.Sanitize(body.Trim()));
        return (response.ReasonPhrase ?? "", text.Length > 0 ? text : (response.ReasonPhrase ?? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)));
    }

    private static string Clip(string text) => text.Length <= MaxStatusMessage ? text : text[..MaxStatusMessage] + "…";
}
