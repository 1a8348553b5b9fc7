using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Server;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ServiceDefaults.Mcp;

/// <summary>
/// Several backends of one kind behind one server (cluster contexts, Prometheus sources), chosen per call by one
/// optional argument. With one backend nothing is added and the tools' schemas stay exactly as they were. With
/// several, every tool the selector applies to gets the argument as an enum of the allowed names, so a name outside
/// the list is refused by the argument check before the tool runs and before any backend request. The chosen name
/// holds for the whole call (an async-local the guardrail pipeline sets), so no tool can forget to pass it on, and
/// the audit record names it.
/// </summary>
public sealed class BackendSelector
{
    private readonly AsyncLocal<string?> _current = new();
    private readonly Func<string, bool> _appliesTo;
    private readonly HashSet<string>? _writable;

    /// <param name="argument">The argument's name, e.g. <c>context</c> or <c>source</c>.</param>
    /// <param name="kind">What a name names, in the audit and in messages, e.g. <c>context</c> or <c>prometheus</c>.</param>
    /// <param name="names">The allowed names; the first is listed first.</param>
    /// <param name="defaultName">The name used when a call gives none; one of <paramref name="names"/>.</param>
    /// <param name="appliesTo">Which tools (by name) take the argument; the others touch every backend or none.</param>
    /// <param name="writable">The names write tools may act on; null when every name is writable.</param>
    /// <param name="writableSetting">The setting that lists <paramref name="writable"/>, for refusals that name it.</param>
    public BackendSelector(
        string argument, string kind, IReadOnlyList<string> names, string defaultName, Func<string, bool> appliesTo,
        IReadOnlyCollection<string>? writable = null, string? writableSetting = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(argument);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(appliesTo);
        if (!names.Contains(defaultName, StringComparer.Ordinal))
            throw new ArgumentException($"the default '{defaultName}' is not one of the names", nameof(defaultName));
        Argument = argument;
        Kind = kind;
        Names = names;
        Default = defaultName;
        _appliesTo = appliesTo;
        _writable = writable is null ? null : new HashSet<string>(writable, StringComparer.Ordinal);
        WritableSetting = writableSetting;
    }

    public string Argument { get; }

    public string Kind { get; }

    public IReadOnlyList<string> Names { get; }

    public string Default { get; }

    public string? WritableSetting { get; }

    /// <summary>True when there is a choice to make, and so an argument to advertise.</summary>
    public bool IsChoice => Names.Count > 1;

    /// <summary>The backend of the call in progress: the one the caller named, else the default.</summary>
    public string Current => _current.Value ?? Default;

    public bool AppliesTo(string tool) => _appliesTo(tool);

    public bool IsWritable(string name) => _writable is null || _writable.Contains(name);

    /// <summary>The names write tools may act on.</summary>
    public IReadOnlyList<string> WritableNames => [.. Names.Where(IsWritable)];

    /// <summary>Why a write tool may not act on <paramref name="name"/>, or null when it may.</summary>
    public string? WriteRefusal(string tool, string name)
    {
        if (IsWritable(name))
            return null;
        var writable = WritableNames;
        return $"refused: {Kind} {name} is read-only for this server, so {tool} will not change anything there (even enabled). "
            + (writable.Count == 0
                ? $"No {Kind} is writable; the operator lists the ones that are in {WritableSetting}."
                : $"Writable: {string.Join(", ", writable)} ({WritableSetting}).");
    }

    /// <summary>The name a call's arguments give, or null when they give none (or not as a string).</summary>
    public string? NameIn(JsonNode? arguments) =>
        arguments is JsonObject values && values[Argument] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>
    /// Makes <paramref name="name"/> the backend of the rest of this call. It is an async-local set by the pipeline's
    /// filter: it flows into the tool the filter awaits and is gone when the filter returns.
    /// </summary>
    internal void Enter(string name) => _current.Value = name;

    /// <summary>Adds the argument (an enum of the names) to the tool's schema when it applies to the tool; nothing with one name.</summary>
    public void AddArgument(McpServerTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        if (!IsChoice)
            return;
        var protocolTool = tool.ProtocolTool;
        if (!AppliesTo(protocolTool.Name) || JsonNode.Parse(protocolTool.InputSchema.GetRawText()) is not JsonObject schema)
            return;
        if (schema["properties"] is not JsonObject properties)
            schema["properties"] = properties = [];
        if (properties.ContainsKey(Argument))
            return;
        var names = new JsonArray([.. Names.Select(name => (JsonNode)JsonValue.Create(name))]);
        properties[Argument] = new JsonObject { ["description"] = $"Default {Default}", ["type"] = "string", ["enum"] = names };
        protocolTool.InputSchema = JsonSerializer.SerializeToElement(schema, GuardrailJsonContext.Default.JsonObject);
    }
}
