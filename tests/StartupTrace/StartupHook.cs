using System.Diagnostics.Tracing;
using System.Text;
using System.Text.RegularExpressions;

/// <summary>
/// Records every closed generic type (and array type) the dependency injection container builds a call site for,
/// by listening to its event source, and appends each as one line <c>assembly&lt;TAB&gt;type name</c> (the form an
/// ILC rd.xml directive takes) to the file named by <c>SRESUITE_STARTUP_TRACE</c>. A Native AOT binary builds each such
/// type at run time unless it was compiled in (the servers' StartupGenerics.rd.xml); StartupGenericsContract compares.
/// </summary>
/// <remarks>
/// The runtime looks a startup hook up by this exact name, in no namespace. Public so that the contract names this
/// assembly and its variable through the type, not by a file name and a copy of the string.
/// </remarks>
#pragma warning disable CA1050 // The runtime requires the hook type in the global namespace.
public static class StartupHook
#pragma warning restore CA1050
{
    public const string TraceFileVariable = "SRESUITE_STARTUP_TRACE";

    // Held so that the listener lives as long as the process.
    private static CallSiteListener? _listener;

    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable(TraceFileVariable) is { Length: > 0 } path)
            _listener = new CallSiteListener(path);
    }

    private sealed class CallSiteListener(string path) : EventListener
    {
        private readonly Dictionary<string, StringBuilder> _chunks = new(StringComparer.Ordinal);
        private readonly HashSet<string> _written = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        /// <summary>
        /// A type the call site names: a service, an implementation or an enumerable's items. Matched, not parsed: the
        /// event's JSON carries constants' ToString() unescaped, quotes included.
        /// </summary>
        private static readonly Regex TypeProperty = new("\"(?<property>serviceType|implementationType|itemType)\": \"(?<type>[^\"]+)\"", RegexOptions.CultureInvariant);

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Extensions-DependencyInjection")
                EnableEvents(eventSource, EventLevel.Verbose, EventKeywords.All);
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            // CallSiteBuilt(serviceType, callSite, chunkIndex, chunkCount, providerHash): a long call site comes in chunks.
            if (eventData.EventName != "CallSiteBuilt" || eventData.Payload is not [string service, string callSite, int index, int count, ..])
                return;
            lock (_gate)
            {
                if (!_chunks.TryGetValue(service, out var text))
                    _chunks[service] = text = new StringBuilder();
                text.Append(callSite);
                if (index < count - 1)
                    return;
                _chunks.Remove(service);
                var lines = new List<string>();
                foreach (Match name in TypeProperty.Matches(text.ToString()))
                {
                    var type = Resolve(name.Groups["type"].Value);
                    // Written so that the test names it: a type this hook cannot find is one it cannot check.
                    if (type is null && _written.Add($"unresolved\t{name.Groups["type"].Value}"))
                        lines.Add($"unresolved\t{name.Groups["type"].Value}");
                    Add(type, lines);
                    // An enumerable is resolved into an array of its items.
                    if (name.Groups["property"].Value == "itemType" && type is not null)
                        Add(type.MakeArrayType(), lines);
                }

                if (lines.Count > 0)
                    File.AppendAllLines(path, lines);
            }
        }

        private void Add(Type? type, List<string> lines)
        {
            if (type is null || type.ContainsGenericParameters || !(type.IsGenericType || type.IsArray))
                return;
            var element = type.IsArray ? type.GetElementType()! : type;
            var home = (element.IsGenericType ? element.GetGenericTypeDefinition() : element).Assembly.GetName().Name;
            var line = $"{home}\t{DirectiveName(type)}";
            if (_written.Add(line))
                lines.Add(line);
        }

        /// <summary>The name as an rd.xml directive takes it: each generic argument in brackets with its assembly.</summary>
        private static string DirectiveName(Type type)
        {
            if (type.IsArray)
                return DirectiveName(type.GetElementType()!) + "[]";
            if (!type.IsGenericType)
                return type.FullName!;
            var arguments = type.GetGenericArguments().Select(argument => $"[{DirectiveName(argument)},{argument.Assembly.GetName().Name}]");
            return $"{type.GetGenericTypeDefinition().FullName}[{string.Join(",", arguments)}]";
        }

        /// <summary>The DI event names a type by <see cref="Type.ToString"/>: no assemblies, so every loaded one is searched.</summary>
        private static Type? Resolve(string name) =>
            Type.GetType(name, assemblyResolver: null, typeResolver: (_, typeName, ignoreCase) =>
            {
                foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
                {
                    if (assembly.GetType(typeName, throwOnError: false, ignoreCase) is { } found)
                        return found;
                }

                return null;
            }, throwOnError: false);
    }
}
