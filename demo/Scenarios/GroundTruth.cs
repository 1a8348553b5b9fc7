using System.Text.RegularExpressions;

namespace SreSuite.Scenarios;

/// <summary>
/// What really happened, in ITBench's ground truth v1 shape: the fault on an entity, the entity groups (with name
/// filters matched against real object names), which of them are the root cause, aliases and how the fault propagated.
/// </summary>
public sealed record GroundTruth(IReadOnlyList<Fault> Faults, IReadOnlyList<EntityGroup> Groups, IReadOnlyList<IReadOnlyList<string>> Aliases, IReadOnlyList<Propagation> Propagations)
{
    public IEnumerable<EntityGroup> RootCauses => Groups.Where(g => g.RootCause);

    /// <summary>The alerts the fault raises (alert name and the group it is about).</summary>
    public IReadOnlyList<GroundTruthAlert> Alerts { get; init; } = [];

    public EntityGroup Group(string id) => Groups.First(g => g.Id == id);
}

public sealed record GroundTruthAlert(string Id, string GroupId, string? Description);

public sealed record Fault(string GroupId, string EntityName, string Kind, string Condition, string Category, string Mechanism);

/// <summary>Objects of one kind in one namespace whose names match any of <see cref="Filters"/>.</summary>
public sealed record EntityGroup(string Id, string Kind, string? Namespace, IReadOnlyList<Regex> Filters, bool RootCause)
{
    public bool Matches(string? objectNamespace, string name) =>
        (Namespace is null || Namespace == objectNamespace) && Filters.Any(filter => filter.IsMatch(name));
}

public sealed record Propagation(string Source, string Target, string Condition, string Effect);
