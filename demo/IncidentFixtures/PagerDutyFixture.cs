using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SreSuite.Scenarios;

namespace SreSuite.IncidentFixtures;

/// <summary>
/// PagerDuty REST API v2 over a scenario's <c>pagerduty/</c> files, in the shapes of PagerDuty's OpenAPI: incidents with
/// offset/limit/more pagination (and the 10,000 offset ceiling), log entries, notes, alerts, on-calls, services. Each
/// PagerDuty service the incidents or the catalog name has one escalation policy, named after its catalog owner, whose
/// levels are the on-call entries. Writes change only this memory.
/// </summary>
public sealed class PagerDutyFixture
{
    public const string Prefix = "/pagerduty";
    private const string Web = "https://acme.pagerduty.com";
    private const string Api = "https://api.pagerduty.com";

    private readonly Lock _gate = new();
    private readonly DateTimeOffset _now;
    private readonly List<Incident> _incidents = [];
    private readonly Dictionary<string, (string Name, string Policy, string Team)> _services = new(StringComparer.Ordinal);

    // Escalation policy → its levels: (level, user id, user name, schedule id and name or null for a direct assignment, shift).
    private readonly Dictionary<string, (string Name, Level[] Levels)> _policies = new(StringComparer.Ordinal);

    public PagerDutyFixture(Scenario scenario, string? token = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _now = scenario.Clock.Now;
        Token = token ?? "pd-fixture-" + Guid.NewGuid().ToString("N")[..12];
        Seed(scenario);
    }

    public string Token { get; }

    public FixtureFault Fault { get; set; }

    /// <summary>How many log entries an incident has (the payments story's PINC001 has about 200, for budget tests).</summary>
    public int LogEntryCount(string incidentId)
    {
        lock (_gate)
            return _incidents.First(i => i.Id == incidentId).LogEntries.Count;
    }

    /// <summary>Adds a note as if someone wrote it in PagerDuty (for tests of untrusted text).</summary>
    public void AddNote(string incidentId, string author, string content)
    {
        lock (_gate)
        {
            var incident = _incidents.First(i => i.Id == incidentId);
            incident.Notes.Add(new Note(NextId("PNOTE"), author, content, _now));
        }
    }

    public string? StatusOf(string incidentId)
    {
        lock (_gate)
            return _incidents.FirstOrDefault(i => i.Id == incidentId)?.Status;
    }

    public IReadOnlyList<string> NotesOf(string incidentId)
    {
        lock (_gate)
            return [.. _incidents.First(i => i.Id == incidentId).Notes.Select(n => n.Content)];
    }

    public void Map(IEndpointRouteBuilder routes)
    {
        var pd = routes.MapGroup(Prefix);
        pd.MapGet("/abilities", () => Json(new JsonObject { ["abilities"] = new JsonArray("teams", "read_only_users", "urgencies", "event_rules") }));
        pd.MapGet("/incidents", (HttpRequest request) => ListIncidents(request));
        pd.MapGet("/incidents/{id}", (string id) => WithIncident(id, incident => Json(new JsonObject { ["incident"] = IncidentJson(incident) })));
        pd.MapGet("/incidents/{id}/log_entries", (string id, HttpRequest request) => WithIncident(id, incident => LogEntries(incident, request)));
        pd.MapGet("/incidents/{id}/notes", (string id) => WithIncident(id, incident => Json(new JsonObject
        {
            ["notes"] = new JsonArray([.. incident.Notes.Select(NoteJson)]),
        })));
        pd.MapGet("/incidents/{id}/alerts", (string id, HttpRequest request) => WithIncident(id, incident => Page("alerts", incident.Alerts.Select(a => AlertJson(incident, a)).ToList(), request)));
        pd.MapPost("/incidents/{id}/notes", (string id, HttpRequest request) => AddNoteAsync(id, request));
        pd.MapPut("/incidents/{id}", (string id, HttpRequest request) => UpdateAsync(id, request));
        pd.MapGet("/oncalls", (HttpRequest request) => OnCalls(request));
        pd.MapGet("/services/{id}", (string id) => _services.TryGetValue(id, out var service)
            ? Json(new JsonObject { ["service"] = ServiceJson(id, service) })
            : Error(404, 2100, "Not Found"));
    }

    /// <summary>Answers a request before its route when a fault is switched on, or the token is wrong.</summary>
    public IResult? Gate(HttpRequest request)
    {
        switch (Fault)
        {
            case FixtureFault.Unauthorized:
                return Error(401, 2006, "Authentication failed");
            case FixtureFault.RateLimited:
                request.HttpContext.Response.Headers["ratelimit-limit"] = "960";
                request.HttpContext.Response.Headers["ratelimit-remaining"] = "0";
                request.HttpContext.Response.Headers["ratelimit-reset"] = "37";
                return Error(429, 2020, "Rate Limit Exceeded");
            case FixtureFault.NotFound:
                return Error(404, 2100, "Not Found");
            case FixtureFault.ServerError:
                return Results.Text("<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html", statusCode: 502);
            default:
                break;
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization == $"Token token={Token}" ? null : Error(401, 2006, "Authentication failed");
    }

    private IResult ListIncidents(HttpRequest request)
    {
        var statuses = request.Query["statuses[]"].OfType<string>().ToHashSet(StringComparer.Ordinal);
        var services = request.Query["service_ids[]"].OfType<string>().ToHashSet(StringComparer.Ordinal);
        var urgencies = request.Query["urgencies[]"].OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (!TryTime(request.Query["since"], out var since) || !TryTime(request.Query["until"], out var until))
            return Error(400, 2001, "Invalid Input Provided", "since and until must be ISO-8601 times");
        since ??= _now.AddMonths(-1);
        until ??= _now.AddMinutes(1);
        List<Incident> matching;
        lock (_gate)
        {
            matching = [.. _incidents.Where(i =>
                (statuses.Count == 0 || statuses.Contains(i.Status))
                && (services.Count == 0 || services.Contains(i.ServiceId))
                && (urgencies.Count == 0 || urgencies.Contains(i.Urgency))
                && i.CreatedAt >= since && i.CreatedAt < until)];
        }

        var ascending = request.Query["sort_by"].ToString().Equals("created_at:asc", StringComparison.Ordinal);
        matching = ascending ? [.. matching.OrderBy(i => i.CreatedAt)] : [.. matching.OrderByDescending(i => i.CreatedAt)];
        return Page("incidents", [.. matching.Select(IncidentJson)], request);
    }

    private IResult LogEntries(Incident incident, HttpRequest request)
    {
        var overview = request.Query["is_overview"].ToString() == "true";
        List<JsonNode> entries;
        lock (_gate)
        {
            // PagerDuty lists log entries newest first.
            entries = [.. incident.LogEntries
                .Where(e => !overview || e.Type is not ("notify_log_entry" or "repeat_escalation_path_log_entry"))
                .OrderByDescending(e => e.At)
                .ThenByDescending(e => e.Id, StringComparer.Ordinal)
                .Select(e => LogEntryJson(incident, e))];
        }

        return Page("log_entries", entries, request);
    }

    private async Task<IResult> AddNoteAsync(string id, HttpRequest request)
    {
        var from = request.Headers["From"].ToString();
        if (string.IsNullOrWhiteSpace(from))
            return Error(400, 2001, "Invalid Input Provided", "You must specify a user's email address in the \"From\" header to perform this action");
        using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        var content = body.RootElement.TryGetProperty("note", out var note) && note.TryGetProperty("content", out var text) ? text.GetString() : null;
        if (string.IsNullOrEmpty(content))
            return Error(400, 2001, "Invalid Input Provided", "Note content can't be blank");
        Note added;
        lock (_gate)
        {
            var incident = _incidents.FirstOrDefault(i => i.Id == id);
            if (incident is null)
                return Error(404, 2100, "Not Found");
            added = new Note(NextId("PNOTE"), UserOf(from), content, DateTimeOffset.UtcNow);
            incident.Notes.Add(added);
            incident.LogEntries.Add(new LogEntry(NextId("R"), "annotate_log_entry", "Note added", added.At, ("user_reference", UserId(UserOf(from)), UserOf(from))));
        }

        return Json(new JsonObject { ["note"] = NoteJson(added) });
    }

    private async Task<IResult> UpdateAsync(string id, HttpRequest request)
    {
        var from = request.Headers["From"].ToString();
        if (string.IsNullOrWhiteSpace(from))
            return Error(400, 2001, "Invalid Input Provided", "You must specify a user's email address in the \"From\" header to perform this action");
        using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        var status = body.RootElement.TryGetProperty("incident", out var incidentBody) && incidentBody.TryGetProperty("status", out var s) ? s.GetString() : null;
        if (status is not ("acknowledged" or "resolved" or "triggered"))
            return Error(400, 2001, "Invalid Input Provided", "Incident status must be triggered, acknowledged or resolved");
        lock (_gate)
        {
            var incident = _incidents.FirstOrDefault(i => i.Id == id);
            if (incident is null)
                return Error(404, 2100, "Not Found");
            var now = DateTimeOffset.UtcNow;
            incident.Status = status;
            if (status == "acknowledged")
                incident.Acknowledgers.Add((UserOf(from), now));
            if (status == "resolved")
                incident.ResolvedAt = now;
            var type = status switch
            {
                "acknowledged" => "acknowledge_log_entry",
                "resolved" => "resolve_log_entry",
                _ => "trigger_log_entry",
            };
            incident.LogEntries.Add(new LogEntry(NextId("R"), type, $"{char.ToUpperInvariant(status[0])}{status[1..]} by {UserOf(from)}.", now, ("user_reference", UserId(UserOf(from)), UserOf(from))));
            return Json(new JsonObject { ["incident"] = IncidentJson(incident) });
        }
    }

    private IResult OnCalls(HttpRequest request)
    {
        var policies = request.Query["escalation_policy_ids[]"].OfType<string>().ToHashSet(StringComparer.Ordinal);
        var schedules = request.Query["schedule_ids[]"].OfType<string>().ToHashSet(StringComparer.Ordinal);
        var oncalls = _policies
            .Where(p => policies.Count == 0 || policies.Contains(p.Key))
            .SelectMany(p => p.Value.Levels
                .Where(l => schedules.Count == 0 || (l.ScheduleId is not null && schedules.Contains(l.ScheduleId)))
                .Select(l => (JsonNode)new JsonObject
                {
                    ["escalation_policy"] = Reference("escalation_policy_reference", p.Key, p.Value.Name, $"escalation_policies/{p.Key}"),
                    ["escalation_level"] = l.Number,
                    ["schedule"] = l.ScheduleId is null ? null : Reference("schedule_reference", l.ScheduleId, l.Schedule!, $"schedules/{l.ScheduleId}"),
                    ["user"] = Reference("user_reference", UserId(l.User), l.User, $"users/{UserId(l.User)}"),
                    ["start"] = l.Start is { } start ? Iso(start) : null,
                    ["end"] = l.End is { } end ? Iso(end) : null,
                }))
            .ToList();
        return Page("oncalls", oncalls, request);
    }

    private IResult WithIncident(string id, Func<Incident, IResult> answer)
    {
        Incident? incident;
        lock (_gate)
            incident = _incidents.FirstOrDefault(i => i.Id == id);
        return incident is null ? Error(404, 2100, "Not Found") : answer(incident);
    }

    /// <summary>PagerDuty's classic pagination: limit (default 25, at most 100), offset, more, and total only when asked.</summary>
    private static IResult Page(string key, List<JsonNode> items, HttpRequest request)
    {
        var limit = int.TryParse(request.Query["limit"], out var l) ? Math.Clamp(l, 1, 100) : 25;
        var offset = int.TryParse(request.Query["offset"], out var o) ? Math.Max(0, o) : 0;
        if (offset + limit > 10_000)
            return Error(400, 2002, "Invalid Input Provided", "Offset must be less than 10000.");
        var page = items.Skip(offset).Take(limit).ToList();
        var total = request.Query["total"].ToString() == "true";
        return Json(new JsonObject
        {
            [key] = new JsonArray([.. page.Select(item => item.DeepClone())]),
            ["limit"] = limit,
            ["offset"] = offset,
            ["more"] = offset + page.Count < items.Count,
            ["total"] = total ? items.Count : null,
        });
    }

    private JsonNode IncidentJson(Incident incident)
    {
        var service = _services[incident.ServiceId];
        var policy = _policies[service.Policy];
        return new JsonObject
        {
            ["id"] = incident.Id,
            ["type"] = "incident",
            ["summary"] = $"[#{incident.Number}] {incident.Title}",
            ["self"] = $"{Api}/incidents/{incident.Id}",
            ["html_url"] = $"{Web}/incidents/{incident.Id}",
            ["incident_number"] = incident.Number,
            ["title"] = incident.Title,
            ["created_at"] = Iso(incident.CreatedAt),
            ["updated_at"] = Iso(incident.LogEntries.Count == 0 ? incident.CreatedAt : incident.LogEntries.Max(e => e.At)),
            ["status"] = incident.Status,
            ["incident_key"] = Sha(incident.Id)[..32],
            ["service"] = Reference("service_reference", incident.ServiceId, service.Name, $"services/{incident.ServiceId}"),
            ["assignments"] = incident.Status == "resolved" ? new JsonArray() : new JsonArray([.. incident.Assignees.Select(a => (JsonNode)new JsonObject
            {
                ["at"] = Iso(incident.CreatedAt),
                ["assignee"] = Reference("user_reference", UserId(a), a, $"users/{UserId(a)}"),
            })]),
            ["assigned_via"] = "escalation_policy",
            ["last_status_change_at"] = Iso(incident.ResolvedAt ?? incident.Acknowledgers.Select(a => a.At).DefaultIfEmpty(incident.CreatedAt).Max()),
            ["resolved_at"] = incident.ResolvedAt is { } resolved ? Iso(resolved) : null,
            ["first_trigger_log_entry"] = incident.LogEntries.FirstOrDefault(e => e.Type == "trigger_log_entry") is { } trigger
                ? Reference("trigger_log_entry_reference", trigger.Id, trigger.Summary, $"log_entries/{trigger.Id}?incident_id={incident.Id}")
                : null,
            ["alert_counts"] = new JsonObject
            {
                ["all"] = incident.Alerts.Count,
                ["triggered"] = incident.Alerts.Count(a => a.Status == "triggered"),
                ["resolved"] = incident.Alerts.Count(a => a.Status == "resolved"),
            },
            ["is_mergeable"] = true,
            ["incident_type"] = new JsonObject { ["name"] = "incident_default" },
            ["escalation_policy"] = Reference("escalation_policy_reference", service.Policy, policy.Name, $"escalation_policies/{service.Policy}"),
            ["teams"] = new JsonArray(Reference("team_reference", "PT" + service.Team.GetHashCode(StringComparison.Ordinal).ToString("X", CultureInfo.InvariantCulture)[..5], service.Team, "teams")),
            ["pending_actions"] = new JsonArray(),
            ["acknowledgements"] = incident.Status != "acknowledged" ? new JsonArray() : new JsonArray([.. incident.Acknowledgers.Select(a => (JsonNode)new JsonObject
            {
                ["at"] = Iso(a.At),
                ["acknowledger"] = Reference("user_reference", UserId(a.User), a.User, $"users/{UserId(a.User)}"),
            })]),
            ["alert_grouping"] = null,
            ["priority"] = incident.Urgency == "high" ? Reference("priority_reference", "P53ZZH5", "P1", "priorities/P53ZZH5") : null,
            ["resolve_reason"] = null,
            ["urgency"] = incident.Urgency,
        };
    }

    private static JsonNode LogEntryJson(Incident incident, LogEntry entry) => new JsonObject
    {
        ["id"] = entry.Id,
        ["type"] = entry.Type,
        ["summary"] = entry.Summary,
        ["self"] = $"{Api}/log_entries/{entry.Id}?incident_id={incident.Id}",
        ["html_url"] = $"{Web}/incidents/{incident.Id}/log_entries/{entry.Id}",
        ["created_at"] = Iso(entry.At),
        ["agent"] = Reference(entry.Agent.Type, entry.Agent.Id, entry.Agent.Name, entry.Agent.Type == "service_reference" ? $"services/{entry.Agent.Id}" : $"users/{entry.Agent.Id}"),
        ["channel"] = new JsonObject { ["type"] = entry.Type == "notify_log_entry" ? "auto" : "api" },
        ["incident"] = Reference("incident_reference", incident.Id, $"[#{incident.Number}] {incident.Title}", $"incidents/{incident.Id}"),
        ["teams"] = new JsonArray(),
        ["contexts"] = new JsonArray(),
    };

    private static JsonNode NoteJson(Note note) => new JsonObject
    {
        ["id"] = note.Id,
        ["user"] = Reference("user_reference", UserId(note.Author), note.Author, $"users/{UserId(note.Author)}"),
        ["channel"] = new JsonObject { ["summary"] = "The PagerDuty website or APIs" },
        ["content"] = note.Content,
        ["created_at"] = Iso(note.At),
        ["updated_at"] = Iso(note.At),
    };

    private static JsonNode AlertJson(Incident incident, Alert alert) => new JsonObject
    {
        ["id"] = alert.Id,
        ["type"] = "alert",
        ["summary"] = alert.Summary,
        ["self"] = $"{Api}/incidents/{incident.Id}/alerts/{alert.Id}",
        ["html_url"] = $"{Web}/alerts/{alert.Id}",
        ["created_at"] = Iso(alert.At),
        ["status"] = alert.Status,
        ["alert_key"] = Sha(alert.Id)[..32],
        ["service"] = Reference("service_reference", incident.ServiceId, incident.ServiceId, $"services/{incident.ServiceId}"),
        ["body"] = new JsonObject
        {
            ["type"] = "alert_body",
            ["contexts"] = new JsonArray(),
            ["details"] = new JsonObject([.. alert.Details.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value))]),
        },
        ["incident"] = new JsonObject { ["id"] = incident.Id, ["type"] = "incident_reference" },
        ["suppressed"] = false,
        ["severity"] = alert.Severity,
        ["integration"] = Reference("events_api_v2_inbound_integration_reference", "PINTAM1", "Alertmanager", $"services/{incident.ServiceId}/integrations/PINTAM1"),
    };

    private static JsonNode ServiceJson(string id, (string Name, string Policy, string Team) service) => new JsonObject
    {
        ["id"] = id,
        ["type"] = "service",
        ["summary"] = service.Name,
        ["self"] = $"{Api}/services/{id}",
        ["html_url"] = $"{Web}/service-directory/{id}",
        ["name"] = service.Name,
        ["status"] = "critical",
        ["auto_resolve_timeout"] = 14400,
        ["acknowledgement_timeout"] = 1800,
        ["alert_creation"] = "create_alerts_and_incidents",
        ["escalation_policy"] = Reference("escalation_policy_reference", service.Policy, $"{service.Team} escalation", $"escalation_policies/{service.Policy}"),
        ["teams"] = new JsonArray(),
        ["integrations"] = new JsonArray(),
    };

    private static JsonObject Reference(string type, string id, string summary, string path) => new()
    {
        ["id"] = id,
        ["type"] = type,
        ["summary"] = summary,
        ["self"] = $"{Api}/{path}",
        ["html_url"] = $"{Web}/{path}",
    };

    private static IResult Json(JsonNode body) => Results.Text(body.ToJsonString(), "application/json; charset=utf-8");

    private static IResult Error(int status, int code, string message, params string[] errors) =>
        Results.Text(new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["code"] = code, ["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)e)]) },
        }.ToJsonString(), "application/json; charset=utf-8", statusCode: status);

    private static bool TryTime(string? value, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrEmpty(value))
            return true;
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            return false;
        time = parsed;
        return true;
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The person a From address names: a known name whose letters match its local part, else the local part in words.</summary>
    private string UserOf(string email)
    {
        var local = email.Split('@')[0];
        return _people.FirstOrDefault(p => Letters(p) == Letters(local))
            ?? string.Join(' ', local.Split('.', '-', '_').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));

        static string Letters(string name) => new([.. name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);
    }

    private static string UserId(string name) => "PU" + Sha(name)[..5].ToUpperInvariant();

    private static string Sha(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));

    private int _nextId = 1000;

    private string NextId(string prefix) => string.Create(CultureInfo.InvariantCulture, $"{prefix}{Interlocked.Increment(ref _nextId)}");

    private readonly HashSet<string> _people = new(StringComparer.Ordinal);

    private void Seed(Scenario scenario)
    {
        // Services: every PagerDuty service the catalog or the incidents name; the incidents' own name for it wins.
        foreach (var entry in scenario.Catalog.Where(e => e.PagerDutyServiceId is not null))
            _services.TryAdd(entry.PagerDutyServiceId!, (entry.Name, "PE" + entry.PagerDutyServiceId![1..], entry.Owner ?? entry.Name));
        foreach (var incident in scenario.Incidents)
        {
            _services[incident.ServiceId] = _services.TryGetValue(incident.ServiceId, out var known)
                ? known with { Name = incident.ServiceName }
                : (incident.ServiceName, "PE" + incident.ServiceId[1..], incident.ServiceName);
        }

        foreach (var (id, service) in _services)
        {
            var levels = scenario.OnCalls
                .Where(o => o.ServiceId is null || o.ServiceId == id)
                .OrderBy(o => o.EscalationLevel)
                .Select(o => new Level(o.EscalationLevel, o.User, o.Schedule is null ? null : "PS" + Sha(o.Schedule)[..5].ToUpperInvariant(), o.Schedule, o.Start, o.End))
                .ToArray();
            _policies[service.Policy] = ($"{service.Team} escalation", levels);
        }

        var serviceNames = _services.ToDictionary(s => s.Value.Name, s => s.Key, StringComparer.Ordinal);
        foreach (var source in scenario.Incidents)
        {
            var incident = new Incident(source.Id, source.Number, source.Title, source.ServiceId, source.Urgency, source.CreatedAt) { Status = source.Status };
            incident.Assignees.AddRange(source.Assignees);
            incident.Alerts.AddRange(source.Alerts.Select(a => new Alert(a.Id, a.Summary, a.Status, a.Severity, a.CreatedAt, a.Details)));
            incident.LogEntries.AddRange(source.LogEntries.Select(e => new LogEntry(e.Id, e.Type, e.Summary, e.CreatedAt,
                serviceNames.TryGetValue(e.Agent, out var serviceId) ? ("service_reference", serviceId, e.Agent) : ("user_reference", UserId(e.Agent), e.Agent))));
            incident.Notes.AddRange(source.Notes.Select(n => new Note(n.Id, n.User, n.Content, n.CreatedAt)));
            if (source.Status == "acknowledged")
            {
                incident.Acknowledgers.AddRange(source.LogEntries.Where(e => e.Type == "acknowledge_log_entry").Select(e => (e.Agent, e.CreatedAt)));
                if (incident.Acknowledgers.Count == 0 && source.Assignees.Count > 0)
                    incident.Acknowledgers.Add((source.Assignees[0], source.CreatedAt));
            }

            if (source.Status == "resolved")
                incident.ResolvedAt = source.LogEntries.Where(e => e.Type == "resolve_log_entry").Max(e => e.CreatedAt);
            _incidents.Add(incident);
            _people.UnionWith(source.Assignees);
            _people.UnionWith(source.Notes.Select(n => n.User));
            _people.UnionWith(source.LogEntries.Where(e => !serviceNames.ContainsKey(e.Agent)).Select(e => e.Agent));
        }

        _people.UnionWith(scenario.OnCalls.Select(o => o.User));
    }

    private sealed class Incident(string id, int number, string title, string serviceId, string urgency, DateTimeOffset createdAt)
    {
        public string Id { get; } = id;
        public int Number { get; } = number;
        public string Title { get; } = title;
        public string ServiceId { get; } = serviceId;
        public string Urgency { get; } = urgency;
        public DateTimeOffset CreatedAt { get; } = createdAt;
        public string Status { get; set; } = "triggered";
        public DateTimeOffset? ResolvedAt { get; set; }
        public List<string> Assignees { get; } = [];
        public List<(string User, DateTimeOffset At)> Acknowledgers { get; } = [];
        public List<LogEntry> LogEntries { get; } = [];
        public List<Note> Notes { get; } = [];
        public List<Alert> Alerts { get; } = [];
    }

    private sealed record LogEntry(string Id, string Type, string Summary, DateTimeOffset At, (string Type, string Id, string Name) Agent);

    private sealed record Note(string Id, string Author, string Content, DateTimeOffset At);

    private sealed record Alert(string Id, string Summary, string Status, string Severity, DateTimeOffset At, IReadOnlyDictionary<string, string> Details);

    private sealed record Level(int Number, string User, string? ScheduleId, string? Schedule, DateTimeOffset? Start, DateTimeOffset? End);
}
