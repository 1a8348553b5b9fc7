using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SreSuite.KubeFixture.Cluster;

namespace SreSuite.KubeFixture.Api;

/// <summary>
/// The API server's REST surface over the <see cref="ObjectStore"/>: discovery, list/get with selectors,
/// chunking and server-side Tables, pod logs, scale, patch and delete, metrics.k8s.io, and Status errors.
/// </summary>
public sealed class KubeApi(ObjectStore store, KubeFixtureOptions options, Func<DateTimeOffset> clock, RequestLog log, ScenarioCluster? scenario = null)
{
    private const string JsonType = "application/json";

    private static readonly string[] ImpersonationHeaders = ["Impersonate-User", "Impersonate-Group", "Impersonate-Uid"];

    /// <summary>The parsed resource part of a request path.</summary>
    private sealed record Target(ApiResource Resource, string? Namespace, string? Name, string? Subresource);

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var recorded = new RecordedRequest(
            clock(), request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? "",
            request.Headers.ToDictionary(h => h.Key, h => h.Value.Select(v => v ?? "").ToArray(), StringComparer.OrdinalIgnoreCase));
        log.Add(recorded);
        var (status, body, contentType) = await AnswerAsync(context);
        recorded.StatusCode = status;
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    private async Task<(int Status, string Body, string ContentType)> AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        // Like a real API server, the health endpoints answer anonymous probes (system:public-info-viewer).
        if (request.Method == HttpMethods.Get && request.Path.Value is "/livez" or "/readyz" or "/healthz")
            return (StatusCodes.Status200OK, "ok", "text/plain");
        if (request.Headers.Authorization.ToString() != $"Bearer {options.Token}")
            return Reply(Statuses.Unauthorized());
        var user = request.Headers["Impersonate-User"].FirstOrDefault() ?? options.User;
        if (request.Headers["Impersonate-User"].Count == 0 && ImpersonationHeaders.Skip(1).Any(h => request.Headers[h].Count > 0))
            return Reply(Statuses.Failure(500, "InternalError", "Internal error occurred: requested [{Group}] without impersonating a user"));

        var segments = (request.Path.Value ?? "/").Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (request.Method == HttpMethods.Get)
        {
            switch (segments)
            {
                case ["version"]:
                    return Reply(Version());
                case ["api"]:
                    return Reply(new JsonObject
                    {
                        ["kind"] = "APIVersions",
                        ["versions"] = new JsonArray { "v1" },
                        ["serverAddressByClientCIDRs"] = new JsonArray { new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = $"127.0.0.1:{context.Connection.LocalPort}" } },
                    });
                case ["api", "v1"]:
                    return Reply(ResourceList("v1"));
                case ["apis"]:
                    return Reply(GroupList());
                case ["apis", AccessReviews.Group]:
                    return Reply(WithKind(AccessReviews.GroupEntry(), "APIGroup"));
                case ["apis", AccessReviews.Group, AccessReviews.Version]:
                    return Reply(AccessReviews.ResourceList());
                case ["apis", var group]:
                    return GroupList()["groups"]!.AsArray().FirstOrDefault(g => (string?)g!["name"] == group) is { } found
                        ? Reply(WithKind(found.DeepClone().AsObject(), "APIGroup"))
                        : Reply(Statuses.NoSuchResource());
                case ["apis", var group, var version]:
                    return ApiResources.ByGroupVersion(MetricsServed).Any(g => g.Key == $"{group}/{version}")
                        ? Reply(ResourceList($"{group}/{version}"))
                        : Reply(Statuses.NoSuchResource());
            }
        }

        if (request.Method == HttpMethods.Post && segments is ["apis", AccessReviews.Group, AccessReviews.Version, AccessReviews.Plural])
            return await AccessReviewAsync(request, user);

        if (!TryParse(segments, out var target, out var watchPath))
            return Reply(Statuses.NoSuchResource());
        if (target.Resource.Group == "metrics.k8s.io" && options.Metrics == MetricsServer.Unavailable)
            return Reply(Statuses.ServiceUnavailable());

        var query = request.Query;
        var verb = request.Method switch
        {
            "GET" when watchPath || query["watch"] is ["true" or "1"] => "watch",
            "GET" => target.Name is null ? "list" : "get",
            "PATCH" => "patch",
            "DELETE" => target.Name is null ? "deletecollection" : "delete",
            "POST" => "create",
            "PUT" => "update",
            _ => "unknown",
        };
        if (Forbids(verb, target))
            return Reply(Statuses.Forbidden(user, verb, target.Resource, target.Subresource, target.Namespace, target.Name));

        try
        {
            return verb switch
            {
                "watch" => Reply(Statuses.BadRequest("watch is not served by this fixture; list instead")),
                "list" => List(target, request),
                "get" when target.Subresource == "log" => Logs(target, query),
                "get" when target.Subresource == "scale" => Scale(target, null),
                "get" when target.Subresource is null => Get(target, request),
                "patch" => await PatchAsync(target, request),
                "delete" when target.Resource == ApiResources.Pods && target.Subresource is null => DeletePod(target),
                _ => Reply(Statuses.Failure(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource ({verb} {target.Resource.Plural})")),
            };
        }
        catch (SelectorException ex)
        {
            return Reply(Statuses.BadRequest(ex.Message));
        }
    }

    private bool MetricsServed => options.Metrics != MetricsServer.Absent;

    private bool Forbids(string verb, Target target) =>
        Forbids(verb, target.Subresource is null ? target.Resource.Plural : $"{target.Resource.Plural}/{target.Subresource}", target.Namespace);

    private bool Forbids(string verb, string resource, string? ns) => options.Forbidden.Any(rule =>
        (rule.Verb == "*" || rule.Verb == verb)
        && (rule.Resource == "*" || rule.Resource == resource)
        && (rule.Namespace is null || rule.Namespace == ns));

    /// <summary>A SelfSubjectAccessReview, decided by the denials the requests themselves get.</summary>
    private async Task<(int, string, string)> AccessReviewAsync(HttpRequest request, string user)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var asked = AccessReviews.Read(buffer.ToArray(), request.ContentType, out var problem);
        if (asked is null)
            return Reply(Statuses.BadRequest(problem ?? "the access review could not be read"));
        var resource = asked.Subresource.Length == 0 ? asked.Resource : $"{asked.Resource}/{asked.Subresource}";
        var allowed = asked.Resource.Length == 0 || !Forbids(asked.Verb, resource, asked.Namespace.Length == 0 ? null : asked.Namespace);
        var answer = AccessReviews.Answer(asked, user, allowed);
        return (StatusCodes.Status201Created, answer.ToJsonString(JsonFields.Wire), JsonType);
    }

    /// <summary>
    /// Parses <c>/api/v1/[watch/][namespaces/{ns}/]{resource}[/{name}[/{sub}]]</c> and the same under
    /// <c>/apis/{group}/{version}</c>.
    /// </summary>
    private bool TryParse(string[] segments, out Target target, out bool watchPath)
    {
        target = null!;
        watchPath = false;
        string group, version;
        int at;
        if (segments is ["api", "v1", ..])
            (group, version, at) = ("", "v1", 2);
        else if (segments is ["apis", _, _, ..])
            (group, version, at) = (segments[1], segments[2], 3);
        else
            return false;

        var rest = segments[at..];
        if (rest is ["watch", ..])
        {
            watchPath = true;
            rest = rest[1..];
        }

        string? ns = null;
        if (rest is ["namespaces", var nsName, var resourceName, ..] && resourceName is not ("status" or "finalize"))
        {
            ns = nsName;
            rest = rest[2..];
        }

        if (rest.Length is 0 or > 3)
            return false;
        var resource = ApiResources.Find(group, version, rest[0], MetricsServed);
        if (resource is null || (ns is not null && !resource.Namespaced))
            return false;
        var subresource = rest.Length == 3 ? rest[2] : null;
        if (subresource is not null && !resource.Subresources.Contains(subresource))
            return false;
        target = new Target(resource, ns, rest.Length >= 2 ? rest[1] : null, subresource);
        return true;
    }

    private (int, string, string) List(Target target, HttpRequest request)
    {
        var query = request.Query;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"], target.Resource);
        // Metrics are computed per request; stored objects are copied only for the page returned (10,000-pod clusters).
        var metrics = target.Resource.Group == "metrics.k8s.io"
            ? MetricsItems(target).Where(item => labels.Matches(item.Object) && fields.Matches(item.Object)).ToDictionary(item => item.Key, item => item.Object, StringComparer.Ordinal)
            : null;
        var matching = metrics is not null
            ? [.. metrics.Keys]
            : store.KeysMatching(target.Resource, target.Namespace, item => labels.Matches(item) && fields.Matches(item)).ToList();

        var revision = store.Revision;
        var start = 0;
        if (query["continue"].ToString() is { Length: > 0 } token)
        {
            if (!ContinueTokens.TryDecode(token, out var tokenRevision, out var startAfter))
                return Reply(Statuses.BadRequest($"continue key is not valid: {token}"));
            if (tokenRevision < store.CompactedRevision)
            {
                var fresh = matching.Count > 0 ? ContinueTokens.Encode(revision, "") : null;
                return Reply(Statuses.Gone(
                    "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.",
                    fresh));
            }

            revision = tokenRevision;
            start = matching.FindIndex(key => string.CompareOrdinal(key, startAfter) > 0);
            if (start < 0)
                start = matching.Count;
        }

        var keys = matching.Skip(start).ToList();
        string? next = null;
        long? remaining = null;
        if (long.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0 && keys.Count > limit)
        {
            var rest = keys.Count - (int)limit;
            keys = keys.GetRange(0, (int)limit);
            next = ContinueTokens.Encode(revision, keys[^1]);
            // The storage layer only knows the remaining count when no selector filters the list.
            if (string.IsNullOrEmpty(query["labelSelector"]) && string.IsNullOrEmpty(query["fieldSelector"]))
                remaining = rest;
        }

        var rv = revision.ToString(CultureInfo.InvariantCulture);
        var metadata = new JsonObject { ["resourceVersion"] = rv };
        if (next is not null)
            metadata["continue"] = next;
        if (remaining is not null)
            metadata["remainingItemCount"] = remaining;
        if (metrics is null && !Tables.Requested(request.Headers.Accept))
            return (200, StoredList(target.Resource, metadata, keys), JsonType);

        var page = keys
            .Select(key => (Key: key, Object: metrics is not null ? metrics[key] : store.GetByKey(target.Resource, key)!))
            .Where(item => item.Object is not null)
            .ToList();
        if (Tables.Requested(request.Headers.Accept))
            return Reply(Tables.Convert(target.Resource, page.Select(p => p.Object), clock(), query["includeObject"].FirstOrDefault() ?? "Metadata", rv, next, remaining));

        var items = new JsonArray();
        foreach (var (_, obj) in page)
        {
            // Items of a list carry no kind/apiVersion of their own.
            obj.Remove("kind");
            obj.Remove("apiVersion");
            items.Add(obj);
        }

        return Reply(new JsonObject
        {
            ["kind"] = target.Resource.ListKind,
            ["apiVersion"] = target.Resource.GroupVersion,
            ["metadata"] = metadata,
            ["items"] = items,
        });
    }

    /// <summary>
    /// A list of stored objects written straight from the store, the same JSON as copying each object and dropping its
    /// kind/apiVersion: copying 10,000 pods before writing them was most of what a list of them cost the fixture.
    /// </summary>
    private string StoredList(ApiResource resource, JsonObject metadata, List<string> keys)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JsonFields.Wire.Encoder, SkipValidation = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", resource.ListKind);
            writer.WriteString("apiVersion", resource.GroupVersion);
            writer.WritePropertyName("metadata");
            metadata.WriteTo(writer, JsonFields.Wire);
            writer.WriteStartArray("items");
            foreach (var key in keys)
            {
                store.TryRead(resource, key, obj =>
                {
                    // Items of a list carry no kind/apiVersion of their own.
                    writer.WriteStartObject();
                    foreach (var (name, value) in obj)
                    {
                        if (name is "kind" or "apiVersion")
                            continue;
                        writer.WritePropertyName(name);
                        if (value is null)
                            writer.WriteNullValue();
                        else
                            value.WriteTo(writer, JsonFields.Wire);
                    }

                    writer.WriteEndObject();
                });
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private (int, string, string) Get(Target target, HttpRequest request)
    {
        var obj = target.Resource.Group == "metrics.k8s.io"
            ? MetricsItems(target with { Name = null }).Select(m => m.Object).FirstOrDefault(m => JsonFields.Text(m, "metadata.name") == target.Name)
            : store.Get(target.Resource, target.Namespace, target.Name!);
        if (obj is null)
            return Reply(Statuses.NotFound(target.Resource, target.Name!));
        if (target.Resource.Group == "metrics.k8s.io")
        {
            obj["kind"] = target.Resource.Kind;
            obj["apiVersion"] = target.Resource.GroupVersion;
        }

        if (Tables.Requested(request.Headers.Accept))
            return Reply(Tables.Convert(target.Resource, [obj], clock(), request.Query["includeObject"].FirstOrDefault() ?? "Metadata", store.Revision.ToString(CultureInfo.InvariantCulture), null, null));
        return Reply(obj);
    }

    private (int, string, string) Logs(Target target, IQueryCollection query)
    {
        var pod = store.Get(ApiResources.Pods, target.Namespace, target.Name!);
        if (pod is null)
            return Reply(Statuses.NotFound(ApiResources.Pods, target.Name!));
        var previous = query["previous"] is ["true" or "1"];
        var (lines, error) = scenario is null
            ? PodLogs.Read(pod, query["container"].FirstOrDefault(), previous, clock())
            : scenario.Read(pod, query["container"].FirstOrDefault(), previous);
        if (error is not null)
            return Reply(error);
        static long? Number(string? text) => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
        DateTimeOffset? sinceTime = DateTimeOffset.TryParse(query["sinceTime"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since) ? since : null;
        var text = PodLogs.Render(lines!, clock(), Number(query["sinceSeconds"]), sinceTime, Number(query["tailLines"]), query["timestamps"] is ["true" or "1"], Number(query["limitBytes"]));
        return (200, text, "text/plain");
    }

    private (int, string, string) Scale(Target target, int? replicas)
    {
        var obj = replicas is { } count
            ? store.Update(target.Resource, target.Namespace, target.Name!, o =>
            {
                o["spec"]!["replicas"] = count;
                o["metadata"]!["generation"] = JsonFields.Number(o, "metadata.generation") + 1;
            })
            : store.Get(target.Resource, target.Namespace, target.Name!);
        if (obj is null)
            return Reply(Statuses.NotFound(target.Resource, target.Name!));
        var selector = JsonFields.At(obj, "spec.selector.matchLabels") as JsonObject;
        return Reply(new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = target.Name,
                ["namespace"] = target.Namespace,
                ["uid"] = JsonFields.Text(obj, "metadata.uid"),
                ["resourceVersion"] = JsonFields.Text(obj, "metadata.resourceVersion"),
                ["creationTimestamp"] = JsonFields.Text(obj, "metadata.creationTimestamp"),
            },
            ["spec"] = new JsonObject { ["replicas"] = JsonFields.Number(obj, "spec.replicas") },
            ["status"] = new JsonObject
            {
                ["replicas"] = JsonFields.Number(obj, "status.replicas"),
                ["selector"] = selector is null ? "" : string.Join(',', selector.Select(l => $"{l.Key}={l.Value}")),
            },
        });
    }

    private async Task<(int, string, string)> PatchAsync(Target target, HttpRequest request)
    {
        var contentType = request.ContentType ?? "";
        if (!contentType.StartsWith("application/merge-patch+json", StringComparison.Ordinal) && !contentType.StartsWith("application/strategic-merge-patch+json", StringComparison.Ordinal))
            return Reply(Statuses.UnsupportedMediaType(contentType));
        JsonObject patch;
        try
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            patch = JsonNode.Parse(await reader.ReadToEndAsync(request.HttpContext.RequestAborted)) as JsonObject
                ?? throw new JsonException("the patch is not a JSON object");
        }
        catch (JsonException ex)
        {
            return Reply(Statuses.BadRequest($"error decoding patch: {ex.Message}"));
        }

        if (target.Subresource == "scale")
        {
            if (JsonFields.At(patch, "spec.replicas") is not JsonValue value || !value.TryGetValue<int>(out var replicas) || replicas < 0)
                return Reply(Statuses.Failure(422, "Invalid", $"Scale.autoscaling \"{target.Name}\" is invalid: spec.replicas: Invalid value: must be greater than or equal to 0"));
            return Scale(target, replicas);
        }

        if (target.Subresource is not null)
            return Reply(Statuses.Failure(405, "MethodNotAllowed", "the server does not allow this method on the requested resource"));
        var updated = store.Update(target.Resource, target.Namespace, target.Name!, obj =>
        {
            var templateBefore = JsonFields.At(obj, "spec.template")?.ToJsonString();
            MergePatch.Apply(obj, patch);
            if (JsonFields.At(obj, "spec.template")?.ToJsonString() != templateBefore)
                obj["metadata"]!["generation"] = JsonFields.Number(obj, "metadata.generation") + 1;
        });
        return updated is null ? Reply(Statuses.NotFound(target.Resource, target.Name!)) : Reply(updated);
    }

    /// <summary>Deletes a pod gracefully; a ReplicaSet-owned pod gets a replacement, as its controller would create.</summary>
    private (int, string, string) DeletePod(Target target)
    {
        var pod = store.Remove(ApiResources.Pods, target.Namespace, target.Name!);
        if (pod is null)
            return Reply(Statuses.NotFound(ApiResources.Pods, target.Name!));
        var now = clock();
        if (pod["metadata"]!["generateName"] is JsonValue generateName && JsonFields.Items(pod, "metadata.ownerReferences").Any(o => JsonFields.Text(o, "kind") == "ReplicaSet"))
        {
            var replacement = (JsonObject)pod.DeepClone();
            var name = (string)generateName! + new Names(Names.Stable(target.Name! + now.Ticks)).Suffix();
            replacement["metadata"]!["name"] = name;
            replacement["metadata"]!["uid"] = Names.Uid($"pod/{target.Namespace}/{name}");
            replacement["metadata"]!["creationTimestamp"] = JsonFields.Rfc3339(now);
            foreach (var status in JsonFields.Items(replacement, "status.containerStatuses"))
            {
                status["restartCount"] = 0;
                status["lastState"] = new JsonObject();
                status["ready"] = false;
                status["started"] = false;
                status["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } };
                status.Remove("containerID");
            }

            replacement["status"]!["startTime"] = JsonFields.Rfc3339(now);
            store.Put(ApiResources.Pods, replacement);
        }

        pod["metadata"]!["deletionTimestamp"] = JsonFields.Rfc3339(now.AddSeconds(30));
        pod["metadata"]!["deletionGracePeriodSeconds"] = 30;
        return Reply(pod);
    }

    private List<(string Key, JsonObject Object)> MetricsItems(Target target)
    {
        var now = clock();
        var readyNodes = store.List(ApiResources.Nodes, null)
            .Select(n => n.Object)
            .Where(n => JsonFields.Items(n, "status.conditions").Any(c => JsonFields.Text(c, "type") == "Ready" && JsonFields.Text(c, "status") == "True"))
            .ToList();
        var readyNames = readyNodes.Select(n => JsonFields.Text(n, "metadata.name")).ToHashSet();
        // Pods are read in place, not copied (Metrics.Pod only reads them), and grouped by node once: copying 10,000
        // pods and scanning them again for each of 150 nodes took the fixture 1.6-2.1 s per node-metrics list.
        var pods = store.Select(ApiResources.Pods, target.Resource == ApiResources.PodMetrics ? target.Namespace : null, (key, pod) =>
                JsonFields.Text(pod, "spec.nodeName") is { } node && readyNames.Contains(node) && JsonFields.Text(pod, "status.phase") == "Running"
                    ? (Key: key, Object: Metrics.Pod(pod, now, scenario?.Usage), Node: node)
                    : (Key: key, Object: (JsonObject?)null, Node: (string?)null))
            .Where(p => p.Object is not null && JsonFields.Items(p.Object, "containers").Any())
            .Select(p => (p.Key, Object: p.Object!, Node: p.Node!))
            .ToList();
        if (target.Resource == ApiResources.PodMetrics)
            return [.. pods.Select(p => (p.Key, p.Object))];
        var byNode = pods.ToLookup(p => p.Node, p => p.Object, StringComparer.Ordinal);
        return [.. readyNodes.Select(n => (Name: JsonFields.Text(n, "metadata.name")!, Node: n)).Select(n => (n.Name, Metrics.Node(n.Node, byNode[n.Name], now)))];
    }

    private JsonObject ResourceList(string groupVersion)
    {
        var resources = new JsonArray();
        foreach (var r in ApiResources.ByGroupVersion(MetricsServed).First(g => g.Key == groupVersion))
        {
            var verbs = r.Group == "metrics.k8s.io" ? new[] { "get", "list" } : ApiResource.ReadWriteVerbs;
            var entry = new JsonObject
            {
                ["name"] = r.Plural,
                ["singularName"] = r.Singular,
                ["namespaced"] = r.Namespaced,
                ["kind"] = r.Kind,
                ["verbs"] = new JsonArray([.. verbs.Select(v => (JsonNode)v)]),
            };
            if (r.ShortNames.Length > 0)
                entry["shortNames"] = new JsonArray([.. r.ShortNames.Select(s => (JsonNode)s)]);
            if (r.Categories.Length > 0)
                entry["categories"] = new JsonArray([.. r.Categories.Select(c => (JsonNode)c)]);
            entry["storageVersionHash"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Names.Digest(r.GroupVersion + r.Plural)[..8]));
            resources.Add(entry);
            foreach (var sub in r.Subresources)
            {
                var (kind, subVerbs, group, version) = sub switch
                {
                    "log" => ("Pod", new[] { "get" }, (string?)null, (string?)null),
                    "scale" => ("Scale", ["get", "patch", "update"], "autoscaling", "v1"),
                    "eviction" => ("Eviction", ["create"], "policy", "v1"),
                    "exec" or "proxy" or "binding" => (sub == "binding" ? "Binding" : r.Kind + (sub == "exec" ? "ExecOptions" : "ProxyOptions"), ["create", "get"], null, null),
                    "token" => ("TokenRequest", ["create"], "authentication.k8s.io", "v1"),
                    _ => (r.Kind, ["get", "patch", "update"], null, null),
                };
                var subEntry = new JsonObject { ["name"] = $"{r.Plural}/{sub}", ["singularName"] = "", ["namespaced"] = r.Namespaced };
                if (group is not null)
                {
                    subEntry["group"] = group;
                    subEntry["version"] = version;
                }

                subEntry["kind"] = kind;
                subEntry["verbs"] = new JsonArray([.. subVerbs.Select(v => (JsonNode)v)]);
                resources.Add(subEntry);
            }
        }

        return new JsonObject { ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = groupVersion, ["resources"] = resources };
    }

    private JsonObject GroupList()
    {
        var groups = new JsonArray();
        foreach (var group in ApiResources.ByGroupVersion(MetricsServed).Select(g => g.First()).Where(r => r.Group.Length > 0).GroupBy(r => r.Group))
        {
            var versions = new JsonArray([.. group.Select(r => (JsonNode)new JsonObject { ["groupVersion"] = r.GroupVersion, ["version"] = r.Version })]);
            groups.Add(new JsonObject
            {
                ["name"] = group.Key,
                ["versions"] = versions,
                ["preferredVersion"] = new JsonObject { ["groupVersion"] = group.First().GroupVersion, ["version"] = group.First().Version },
            });
        }

        groups.Add(AccessReviews.GroupEntry());
        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    private static JsonObject WithKind(JsonObject obj, string kind)
    {
        var result = new JsonObject { ["kind"] = kind, ["apiVersion"] = "v1" };
        foreach (var (key, value) in obj)
            result[key] = value?.DeepClone();
        return result;
    }

    private static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "31",
        ["gitVersion"] = "v1.31.4",
        ["gitCommit"] = "a78aa47129b8539636eb86a9d00e31b2720fe06b",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2024-12-10T11:37:26Z",
        ["goVersion"] = "go1.22.10",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    private static (int, string, string) Reply(JsonObject body)
    {
        var code = (string?)body["kind"] == "Status" && (string?)body["status"] == "Failure" ? (int)body["code"]! : 200;
        return (code, body.ToJsonString(JsonFields.Wire), JsonType);
    }
}
