using k8s.Models;
using SreSuite.InfraTools.Triage;

namespace SreSuite.InfraTools.Tests;

public sealed class EventDigestTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);

    private static Corev1Event Event(string pod, string type, string reason, string message, int count, int firstMinutesAgo, int lastMinutesAgo) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"{pod}.{reason}", NamespaceProperty = "payments" },
        InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = pod, NamespaceProperty = "payments" },
        Type = type,
        Reason = reason,
        Message = message,
        Count = count,
        FirstTimestamp = Now.AddMinutes(-firstMinutesAgo),
        LastTimestamp = Now.AddMinutes(-lastMinutesAgo),
    };

    [Fact]
    public void Identical_normal_events_of_several_pods_are_one_line_with_count_and_first_and_last_seen_warnings_stay_per_pod()
    {
        Corev1Event[] events =
        [
            Event("payments-api-a", "Normal", "Started", "Started container app", 1, 50, 50),
            Event("payments-api-b", "Normal", "Started", "Started container app", 2, 40, 12),
            Event("payments-api-c", "Normal", "Started", "Started container app", 1, 30, 30),
            Event("payments-api-c", "Normal", "Scheduled", "Successfully assigned payments/payments-api-c to node-05", 1, 31, 31),
            Event("payments-api-a", "Warning", "BackOff", "Back-off restarting failed container app", 9, 45, 2),
            Event("payments-api-b", "Warning", "BackOff", "Back-off restarting failed container app", 7, 35, 3),
        ];

        var lines = EventDigest.MergeRepeatedNormal(EventDigest.ByObjectAndReason(events))
            .Select(g => EventDigest.Format(g, Now, withNamespace: false))
            .ToList();

        Assert.Equal(
            [
                "2m-ago Warning BackOff pod/payments-api-a ×9 (since 45m): Back-off restarting failed container app",
                "3m-ago Warning BackOff pod/payments-api-b ×7 (since 35m): Back-off restarting failed container app",
                "12m-ago Normal Started 3 pods ×4 (since 50m): Started container app",
                "31m-ago Normal Scheduled pod/payments-api-c: Successfully assigned payments/payments-api-c to node-05",
            ],
            lines);
    }
}
