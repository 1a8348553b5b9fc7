using System.Text.Json.Nodes;

namespace SreSuite.KubeFixture.Cluster;

/// <summary>Pod templates of the demo workloads, shaped like the manifests teams apply.</summary>
internal static class Templates
{
    public static JsonObject Labels(Workload w, string? version = null) => new()
    {
        ["app"] = w.Name,
        ["app.kubernetes.io/name"] = w.Name,
        ["app.kubernetes.io/part-of"] = w.Namespace,
        ["app.kubernetes.io/version"] = version ?? w.Version,
        ["team"] = w.Team,
    };

    public static JsonObject Selector(Workload w) => new() { ["matchLabels"] = new JsonObject { ["app"] = w.Name } };

    /// <summary>The pod template of <paramref name="w"/> at <paramref name="version"/>, with <paramref name="image"/> overriding the image.</summary>
    public static JsonObject PodTemplate(Workload w, string version, string? image = null)
    {
        var containers = new JsonArray { AppContainer(w, image ?? $"{w.Registry}/{w.ImageName ?? w.Name}:{version}") };
        if (w.Mesh)
            containers.Add(EnvoyContainer());
        var annotations = new JsonObject
        {
            ["prometheus.io/scrape"] = "true",
            ["prometheus.io/port"] = w.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (w.Mesh)
            annotations["kubectl.kubernetes.io/default-container"] = w.Name;
        var spec = new JsonObject
        {
            ["containers"] = containers,
            ["restartPolicy"] = w.Kind == "Job" ? "OnFailure" : "Always",
            ["terminationGracePeriodSeconds"] = 30,
            ["dnsPolicy"] = "ClusterFirst",
            ["serviceAccountName"] = w.Name,
            ["serviceAccount"] = w.Name,
            ["securityContext"] = new JsonObject { ["fsGroup"] = 10001, ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" } },
            ["schedulerName"] = "default-scheduler",
        };
        if (w.HasConfigMap)
        {
            spec["volumes"] = new JsonArray
            {
                new JsonObject
                {
                    ["name"] = "config",
                    ["configMap"] = new JsonObject { ["name"] = $"{w.Name}-config", ["defaultMode"] = 420 },
                },
            };
        }

        if (w.Kind == "DaemonSet")
        {
            spec["hostNetwork"] = true;
            spec["priorityClassName"] = "system-node-critical";
            spec["tolerations"] = new JsonArray { new JsonObject { ["operator"] = "Exists" } };
        }
        else if (w.Replicas > 1 && w.Kind == "Deployment")
        {
            spec["topologySpreadConstraints"] = new JsonArray
            {
                new JsonObject
                {
                    ["maxSkew"] = 1,
                    ["topologyKey"] = "topology.kubernetes.io/zone",
                    ["whenUnsatisfiable"] = "ScheduleAnyway",
                    ["labelSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = w.Name } },
                },
            };
        }

        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = Labels(w, version), ["annotations"] = annotations },
            ["spec"] = spec,
        };
    }

    private static JsonObject AppContainer(Workload w, string image)
    {
        var env = new JsonArray
        {
            new JsonObject { ["name"] = "ASPNETCORE_ENVIRONMENT", ["value"] = "Production" },
            new JsonObject { ["name"] = "OTEL_SERVICE_NAME", ["value"] = w.Name },
            new JsonObject
            {
                ["name"] = "POD_NAME",
                ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["apiVersion"] = "v1", ["fieldPath"] = "metadata.name" } },
            },
        };
        foreach (var (variable, value) in w.Env)
            env.Add(new JsonObject { ["name"] = variable, ["value"] = value });
        foreach (var (variable, secret, key) in w.SecretEnv)
        {
            env.Add(new JsonObject
            {
                ["name"] = variable,
                ["valueFrom"] = new JsonObject { ["secretKeyRef"] = new JsonObject { ["name"] = secret, ["key"] = key } },
            });
        }

        var container = new JsonObject
        {
            ["name"] = w.Name,
            ["image"] = image,
            ["ports"] = new JsonArray { new JsonObject { ["name"] = "http", ["containerPort"] = w.Port, ["protocol"] = "TCP" } },
            ["env"] = env,
        };
        if (w.HasConfigMap)
            container["envFrom"] = new JsonArray { new JsonObject { ["configMapRef"] = new JsonObject { ["name"] = $"{w.Name}-config" } } };
        container["resources"] = new JsonObject
        {
            ["limits"] = new JsonObject { ["memory"] = w.MemoryLimit },
            ["requests"] = new JsonObject { ["cpu"] = w.Cpu, ["memory"] = w.Memory },
        };
        if (w.HasConfigMap)
            container["volumeMounts"] = new JsonArray { new JsonObject { ["name"] = "config", ["readOnly"] = true, ["mountPath"] = "/app/config" } };
        if (w.Kind != "Job")
        {
            container["livenessProbe"] = Probe("/healthz", 10);
            container["readinessProbe"] = Probe("/healthz", 5);
        }

        container["terminationMessagePath"] = "/dev/termination-log";
        container["terminationMessagePolicy"] = "File";
        container["imagePullPolicy"] = "IfNotPresent";
        container["securityContext"] = new JsonObject
        {
            ["allowPrivilegeEscalation"] = false,
            ["capabilities"] = new JsonObject { ["drop"] = new JsonArray { "ALL" } },
            ["readOnlyRootFilesystem"] = true,
            ["runAsNonRoot"] = true,
            ["runAsUser"] = 10001,
        };
        return container;
    }

    private static JsonObject EnvoyContainer() => new()
    {
        ["name"] = "envoy",
        ["image"] = "docker.io/envoyproxy/envoy:v1.31.5",
        ["args"] = new JsonArray { "--config-path", "/etc/envoy/envoy.yaml", "--service-cluster", "mesh", "--log-level", "warn" },
        ["ports"] = new JsonArray { new JsonObject { ["name"] = "envoy-admin", ["containerPort"] = 15000, ["protocol"] = "TCP" } },
        ["resources"] = new JsonObject
        {
            ["limits"] = new JsonObject { ["memory"] = "128Mi" },
            ["requests"] = new JsonObject { ["cpu"] = "50m", ["memory"] = "64Mi" },
        },
        ["readinessProbe"] = new JsonObject
        {
            ["httpGet"] = new JsonObject { ["path"] = "/ready", ["port"] = 15000, ["scheme"] = "HTTP" },
            ["timeoutSeconds"] = 1,
            ["periodSeconds"] = 5,
            ["successThreshold"] = 1,
            ["failureThreshold"] = 3,
        },
        ["terminationMessagePath"] = "/dev/termination-log",
        ["terminationMessagePolicy"] = "File",
        ["imagePullPolicy"] = "IfNotPresent",
    };

    private static JsonObject Probe(string path, int period) => new()
    {
        ["httpGet"] = new JsonObject { ["path"] = path, ["port"] = "http", ["scheme"] = "HTTP" },
        ["initialDelaySeconds"] = 5,
        ["timeoutSeconds"] = 1,
        ["periodSeconds"] = period,
        ["successThreshold"] = 1,
        ["failureThreshold"] = 3,
    };
}
