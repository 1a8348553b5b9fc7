using System.Net.Sockets;
using k8s.Autorest;

namespace SreSuite.InfraTools.Kubernetes;

/// <summary>Turns client exceptions into one line an operator can act on.</summary>
public static class KubernetesErrors
{
    public static string Describe(Exception exception) => exception switch
    {
        HttpOperationException http => $"HTTP {(int)http.Response.StatusCode} {http.Response.ReasonPhrase}".TrimEnd(),
        OperationCanceledException or TimeoutException => "timed out",
        HttpRequestException { InnerException: SocketException socket } => socket.Message,
        HttpRequestException request => request.Message,
        _ => exception.Message.Split('\n')[0],
    };
}
