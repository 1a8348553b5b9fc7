using System.Globalization;
using System.Text.Json.Nodes;
using SreSuite.KubeFixture.Api;

namespace SreSuite.KubeFixture.Cluster;

/// <summary>
/// The fixture's etcd: every object as the JSON the API server would return, keyed like etcd
/// (<c>namespace/name</c>, sorted), with one cluster-wide resourceVersion counter.
/// </summary>
public sealed class ObjectStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ApiResource, SortedDictionary<string, JsonObject>> _objects = [];
    private long _revision = 1000;
    private long _compactedRevision;

    /// <summary>The newest resourceVersion handed out.</summary>
    public long Revision
    {
        get
        {
            lock (_lock)
                return _revision;
        }
    }

    /// <summary>Continue tokens older than this revision are expired (410 Gone), as after an etcd compaction.</summary>
    public long CompactedRevision
    {
        get
        {
            lock (_lock)
                return _compactedRevision;
        }
    }

    /// <summary>Compacts history up to now: every continue token handed out so far expires.</summary>
    public void Compact()
    {
        lock (_lock)
            _compactedRevision = ++_revision;
    }

    public static string KeyOf(string? ns, string name) => ns is null ? name : $"{ns}/{name}";

    /// <summary>Stores <paramref name="obj"/>, giving it the next resourceVersion.</summary>
    public void Put(ApiResource resource, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(obj);
        var metadata = obj["metadata"]!.AsObject();
        var key = KeyOf(resource.Namespaced ? (string?)metadata["namespace"] : null, (string)metadata["name"]!);
        lock (_lock)
        {
            metadata["resourceVersion"] = (++_revision).ToString(CultureInfo.InvariantCulture);
            if (!_objects.TryGetValue(resource, out var objects))
                _objects[resource] = objects = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            objects[key] = obj;
        }
    }

    /// <summary>Copies of the objects of <paramref name="resource"/> (in <paramref name="ns"/>, or all), in key order, with their keys.</summary>
    public IReadOnlyList<(string Key, JsonObject Object)> List(ApiResource resource, string? ns)
    {
        lock (_lock)
        {
            if (!_objects.TryGetValue(resource, out var objects))
                return [];
            return [.. objects
                .Where(pair => ns is null || pair.Key.StartsWith(ns + "/", StringComparison.Ordinal))
                .Select(pair => (pair.Key, (JsonObject)pair.Value.DeepClone()))];
        }
    }

    /// <summary>
    /// Hands the object stored under <paramref name="key"/> to <paramref name="read"/> in place, under the store's lock;
    /// false when it is gone. <paramref name="read"/> must neither keep nor change it.
    /// </summary>
    public bool TryRead(ApiResource resource, string key, Action<JsonObject> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_lock)
        {
            if (!_objects.TryGetValue(resource, out var objects) || !objects.TryGetValue(key, out var obj))
                return false;
            read(obj);
            return true;
        }
    }

    /// <summary>
    /// What <paramref name="project"/> makes of each object of <paramref name="resource"/> (in <paramref name="ns"/>, or all),
    /// in key order, read in place rather than copied: <paramref name="project"/> must neither keep nor change the object
    /// it is given. For answers computed from many objects (metrics of 10,000 pods), where copying each was most of the cost.
    /// </summary>
    public List<T> Select<T>(ApiResource resource, string? ns, Func<string, JsonObject, T> project)
    {
        ArgumentNullException.ThrowIfNull(project);
        lock (_lock)
        {
            if (!_objects.TryGetValue(resource, out var objects))
                return [];
            return [.. objects
                .Where(pair => ns is null || pair.Key.StartsWith(ns + "/", StringComparison.Ordinal))
                .Select(pair => project(pair.Key, pair.Value))];
        }
    }

    /// <summary>
    /// Keys of the objects of <paramref name="resource"/> (in <paramref name="ns"/>, or all) that <paramref name="matches"/>,
    /// in key order, without copying them: a list page then copies only its own items (<see cref="GetByKey"/>).
    /// </summary>
    public IReadOnlyList<string> KeysMatching(ApiResource resource, string? ns, Func<JsonObject, bool> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        lock (_lock)
        {
            if (!_objects.TryGetValue(resource, out var objects))
                return [];
            return [.. objects
                .Where(pair => (ns is null || pair.Key.StartsWith(ns + "/", StringComparison.Ordinal)) && matches(pair.Value))
                .Select(pair => pair.Key)];
        }
    }

    /// <summary>A copy of the object stored under <paramref name="key"/>, or null when it is gone.</summary>
    public JsonObject? GetByKey(ApiResource resource, string key)
    {
        lock (_lock)
            return _objects.TryGetValue(resource, out var objects) && objects.TryGetValue(key, out var obj) ? (JsonObject)obj.DeepClone() : null;
    }

    public JsonObject? Get(ApiResource resource, string? ns, string name)
    {
        lock (_lock)
        {
            return _objects.TryGetValue(resource, out var objects) && objects.TryGetValue(KeyOf(ns, name), out var obj)
                ? (JsonObject)obj.DeepClone()
                : null;
        }
    }

    /// <summary>Changes an object in place and bumps its resourceVersion; returns the new copy, or null when absent.</summary>
    public JsonObject? Update(ApiResource resource, string? ns, string name, Action<JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_lock)
        {
            if (!_objects.TryGetValue(resource, out var objects) || !objects.TryGetValue(KeyOf(ns, name), out var obj))
                return null;
            change(obj);
            obj["metadata"]!["resourceVersion"] = (++_revision).ToString(CultureInfo.InvariantCulture);
            return (JsonObject)obj.DeepClone();
        }
    }

    public JsonObject? Remove(ApiResource resource, string? ns, string name)
    {
        lock (_lock)
        {
            if (!_objects.TryGetValue(resource, out var objects) || !objects.Remove(KeyOf(ns, name), out var obj))
                return null;
            _revision++;
            return obj;
        }
    }

    public int Count(ApiResource resource)
    {
        lock (_lock)
            return _objects.TryGetValue(resource, out var objects) ? objects.Count : 0;
    }
}
