using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ModelContextProtocol.Server;
using SreSuite.InfraTools.Kubernetes;
using SreSuite.InfraTools.Triage;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Tools;

[McpServerToolType]
public sealed class ObjectTools(KubernetesConnection kube, ApiKinds kinds, AnswerBudgets budgets, TimeProvider time)
{
    private static readonly string[] ValueFields = ["data", "binaryData"];

    /// <summary>Rows fetched per page; the answer budget shows about this many kubectl rows.</summary>
    private const int PageSize = 100;

    private const string KindHelp = "e.g. deploy, svc or group/version/Kind";

    [McpServerTool(Name = "k8s_list", Title = "Objects: List", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("List any kind as kubectl rows; ConfigMaps as keys. No Secrets.")]
    public async Task<string> ListAsync(
        [Description(KindHelp), StringLength(120)] string kind,
        [Description(Arguments.NamespaceHelp), StringLength(63)] string @namespace = "",
        [Description("e.g. app=web"), StringLength(500)] string label_selector = "",
        [Description("Next-page token"), StringLength(2000)] string @continue = "",
        CancellationToken cancellationToken = default)
    {
        var type = await kinds.ResolveAsync("kind", kind, cancellationToken);
        var ns = type.Namespaced ? Arguments.NamespaceOf(kube, @namespace) : null;
        var configMaps = type is { Group: "", Plural: "configmaps" };
        var query = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"?limit={PageSize}&includeObject={(configMaps ? "Object" : "Metadata")}"));
        AddQuery(query, "labelSelector", label_selector);
        AddQuery(query, "continue", @continue);
        var list = await kube.GetJsonAsync(type.Path(ns) + query, cancellationToken, KubernetesConnection.TableAccept);
        (string, Func<JsonObject?, string>)? keys = configMaps ? ("KEYS", ConfigMapKeys) : null;
        var view = TableRows.From(list, type.Namespaced && ns is null, time.GetUtcNow(), keys);

        var answer = budgets.Start("k8s_list");
        var scope = type.Namespaced ? $" in {Arguments.Scope(ns)}" : "";
        answer.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{type.Qualified}{scope}: {view.Rows.Count}{(view.Continue is null ? "" : " on this page")}"));
        if (view.Rows.Count == 0)
            return answer.AppendLine("none found.").ToString();
        answer.AppendLine(view.Header);
        var written = answer.AppendRows(view.Rows, row => row, type.Plural, "pass label_selector or a namespace");
        if (view.Continue is not null && written == view.Rows.Count)
        {
            var more = view.Remaining is { } left ? string.Create(CultureInfo.InvariantCulture, $"{left} more") : "more";
            answer.Note($"{more}: call again with continue={view.Continue}");
        }

        return answer.ToString();
    }

    [McpServerTool(Name = "k8s_get", Title = "Objects: Get", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Get one object as compact YAML; ConfigMap values as sizes. No Secrets.")]
    public async Task<string> GetAsync(
        [Description(KindHelp), StringLength(120)] string kind,
        [Description("Name"), StringLength(253)] string name,
        [Description(Arguments.NamespaceDefault), StringLength(63)] string @namespace = "",
        [Description("Only this part, e.g. status"), StringLength(200)] string path = "",
        CancellationToken cancellationToken = default)
    {
        var type = await kinds.ResolveAsync("kind", kind, cancellationToken);
        var ns = type.Namespaced ? Arguments.NamespaceOf(kube, @namespace, allowAll: false) : null;
        var obj = await kube.GetJsonAsync(type.Path(ns, Arguments.Name("name", name)), cancellationToken);
        if (type is { Group: "", Plural: "configmaps" })
            HideValues(obj);
        var part = path.Length == 0 ? obj : Navigate(obj, path);

        var answer = budgets.Start("k8s_get");
        var where = ns is null ? name : $"{ns}/{name}";
        answer.AppendLine(UntrustedText.Line($"{type.Kind} {where}{(path.Length == 0 ? "" : " " + path)} ({type.GroupVersion}; managedFields and last-applied-configuration removed):"));
        answer.AppendUntrustedRows($"{type.Qualified} {where}", CompactYaml.Lines(part), "YAML lines",
            "pass path (e.g. status, spec.template.spec.containers[0]) to read one part");
        return answer.ToString();
    }

    private static void AddQuery(StringBuilder query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
            query.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }

    private static string ConfigMapKeys(JsonObject? obj)
    {
        var keys = ValueFields
            .SelectMany(field => obj?[field] is JsonObject values ? values.Select(v => v.Key) : [])
            .ToList();
        return keys.Count == 0 ? "-" : string.Join(',', keys);
    }

    /// <summary>ConfigMap values can be whole files or misplaced credentials: show their size, not their content.</summary>
    private static void HideValues(JsonNode obj)
    {
        foreach (var field in ValueFields)
        {
            if (obj[field] is not JsonObject values)
                continue;
            foreach (var key in values.Select(v => v.Key).ToList())
                values[key] = string.Create(CultureInfo.InvariantCulture, $"<{Encoding.UTF8.GetByteCount((string?)values[key] ?? "")} bytes>");
        }
    }

    /// <summary>Follows <c>a.b[2].c</c> into the object; a wrong step names the keys that exist.</summary>
    private static JsonNode? Navigate(JsonNode root, string path)
    {
        JsonNode? node = root;
        var walked = "";
        foreach (var step in path.Replace("[", ".[", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (step.StartsWith('[') && step.EndsWith(']') && int.TryParse(step[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                node = node is JsonArray array && index < array.Count
                    ? array[index]
                    : throw new ToolInputException("path", $"{(walked.Length == 0 ? "the object" : walked)} has no item {step} ({(node is JsonArray a ? $"{a.Count} items" : "not a list")}).");
            }
            else if (node is JsonObject obj && obj.ContainsKey(step))
            {
                node = obj[step];
            }
            else
            {
                var keys = node is JsonObject o ? string.Join(", ", o.Select(p => p.Key)) : "none (not an object)";
                throw new ToolInputException("path", $"{(walked.Length == 0 ? "the object" : walked)} has no '{step}'; its keys: {keys}.");
            }

            walked = walked.Length == 0 ? step : walked + (step.StartsWith('[') ? step : "." + step);
        }

        return node;
    }
}
