using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>What the operator requires before a write tool changes anything (<c>Guardrails__ConfirmWrites</c>).</summary>
public enum ConfirmWritesMode
{
    /// <summary>A person confirms every change; a client that cannot ask one is refused.</summary>
    Required,

    /// <summary>A client that can ask still asks; one that cannot runs the change unconfirmed.</summary>
    Off,
}

/// <summary>
/// Asks the person behind the client to confirm a change before a write tool makes it, showing exactly what will
/// change. Declined or unanswered, nothing changes (<see cref="WriteNotConfirmedException"/>). A client that
/// cannot ask (no elicitation capability, or a transport that cannot carry a server request) is refused unless the
/// operator set <c>Guardrails__ConfirmWrites=off</c>.
/// </summary>
public sealed class WriteConfirmation(IOptionsMonitor<ToolPolicyOptions> policy, SreServerInfo info)
{
    /// <summary>The one field of the confirmation form.</summary>
    public const string ConfirmField = "confirm";

    /// <summary>Returns when the change may go ahead; throws <see cref="WriteNotConfirmedException"/> otherwise.</summary>
    /// <remarks>
    /// Over stateless HTTP a 2026-07-28 client is asked through an input-required result: the first call ends with the
    /// question (<see cref="InputRequiredException"/>), the client retries with the answer and the request state, which
    /// is bound to the preview, so an answer counts only for the change it was shown.
    /// </remarks>
    public async Task ConfirmAsync(RequestContext<CallToolRequestParams> request, string tool, string preview, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var server = request.Server;
        if (!CanAsk(server))
        {
            if (policy.CurrentValue.ConfirmWrites == ConfirmWritesMode.Off)
                return;
            throw new WriteNotConfirmedException(ToolCallOutcome.Denied,
                $"{tool} was not run: this server asks a person to confirm every change, and this client cannot show a confirmation " +
                $"({WhyNot(server)}). Nothing changed. Use a client that supports elicitation, or the operator sets Guardrails__ConfirmWrites=off " +
                "to let enabled write tools run unconfirmed.\nThe change would have been: " + preview);
        }

        if (info.Transport == ServerTransport.Http && server.SessionId is null)
        {
            Decide(tool, AnswerFromRetry(request, tool, preview));
            return;
        }

        // An unanswered question ends just before the tool's own deadline, so it is reported as unanswered, not as a timeout.
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        window.CancelAfter(policy.CurrentValue.TimeoutFor(tool) - TimeSpan.FromSeconds(1));
        ElicitResult answer;
        try
        {
            answer = await server.ElicitAsync(Question(tool, preview), window.Token);
        }
        catch (OperationCanceledException) when (window.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new WriteNotConfirmedException(ToolCallOutcome.Declined,
                $"{tool} was not run: the confirmation was not answered in time. Nothing changed. Call it again to ask again; the operator can allow longer with Guardrails__ToolTimeouts__{tool}.");
        }

        Decide(tool, answer);
    }

    private static void Decide(string tool, ElicitResult answer)
    {
        if (!IsConfirmed(answer))
        {
            throw new WriteNotConfirmedException(ToolCallOutcome.Declined,
                $"{tool} was not run: the person at the client {Described(answer.Action)} the confirmation. Nothing changed.");
        }
    }

    /// <summary>The answer a retried request carries for this very preview, or the question as an input-required result.</summary>
    private static ElicitResult AnswerFromRetry(RequestContext<CallToolRequestParams> request, string tool, string preview)
    {
        var state = StateOf(tool, preview);
        var parameters = request.Params;
        if (parameters?.RequestState == state
            && parameters.InputResponses?.TryGetValue(ConfirmField, out var response) == true
            && response.RawValue.Deserialize(McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ElicitResult))) is ElicitResult answer)
        {
            return answer;
        }

        throw new InputRequiredException(
            new Dictionary<string, InputRequest> { [ConfirmField] = InputRequest.ForElicitation(Question(tool, preview)) }, state);
    }

    private static string StateOf(string tool, string preview) =>
        "confirm:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{tool}\n{preview}")));

    /// <summary>The confirmation form: the preview as its message and one boolean the person must set.</summary>
    public static ElicitRequestParams Question(string tool, string preview) => new()
    {
        Message = $"Confirm {tool}: {preview}",
        RequestedSchema = new ElicitRequestParams.RequestSchema
        {
            Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition>
            {
                [ConfirmField] = new ElicitRequestParams.BooleanSchema { Title = "Make this change", Description = preview, Default = false },
            },
            Required = [ConfirmField],
        },
    };

    private static string Described(string? action) => action switch
    {
        "accept" => "did not tick confirm in",
        "decline" => "declined",
        "cancel" => "dismissed",
        _ => "did not answer",
    };

    private static bool IsConfirmed(ElicitResult answer) =>
        answer.IsAccepted
        && answer.Content is { } content
        && content.TryGetValue(ConfirmField, out var value)
        && value.ValueKind == JsonValueKind.True;

    /// <summary>
    /// Whether a question can reach the person: the client declared elicitation, and the transport can carry a server
    /// request (stdio, a session, or over stateless HTTP a 2026-07-28 client, asked through an input-required result).
    /// </summary>
    private bool CanAsk(McpServer server) =>
        server.ClientCapabilities?.Elicitation is not null
        && (info.Transport == ServerTransport.Stdio || server.SessionId is not null || server.IsMrtrSupported);

    private string WhyNot(McpServer server) =>
        info.Transport == ServerTransport.Http && server.SessionId is null && !server.IsMrtrSupported
            ? $"over stateless HTTP with protocol {ProtocolVersionOf(server)} the server cannot send it a question; 2026-07-28 clients can answer one"
            : "it does not declare the elicitation capability";

    private string ProtocolVersionOf(McpServer server) => Mcp.ProtocolVersion.Of(server, info.Transport);
}

/// <summary>A write tool stopped before changing anything: declined, unanswered, or no one could be asked.</summary>
public sealed class WriteNotConfirmedException(ToolCallOutcome outcome, string message) : Exception(message)
{
    /// <summary><see cref="ToolCallOutcome.Declined"/> or <see cref="ToolCallOutcome.Denied"/>, for the audit.</summary>
    public ToolCallOutcome Outcome { get; } = outcome;
}
