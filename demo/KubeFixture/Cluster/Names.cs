using System.Security.Cryptography;
using System.Text;

namespace SreSuite.KubeFixture.Cluster;

/// <summary>Deterministic stand-ins for the random parts of Kubernetes names and identifiers.</summary>
public sealed class Names(int seed)
{
    // The alphabet of apimachinery's rand.String: no vowels, no confusable characters.
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    private readonly Random _random = new(seed);

    /// <summary>A pod-name suffix such as <c>x7k2p</c>.</summary>
    public string Suffix(int length = 5)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
            chars[i] = Alphabet[_random.Next(Alphabet.Length)];
        return new string(chars);
    }

    /// <summary>A pod-template-hash such as <c>7c5d8f9b4d</c>.</summary>
    public string TemplateHash() => Suffix(10);

    public int Next(int minInclusive, int maxExclusive) => _random.Next(minInclusive, maxExclusive);

    /// <summary>A stable UID for an object, derived from what it is so it survives regeneration.</summary>
    public static string Uid(string identity) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(identity)).AsSpan(0, 16)).ToString();

    /// <summary>A stable 64-hex-digit digest (image IDs, container IDs).</summary>
    public static string Digest(string identity) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));

    /// <summary>A stable 32-bit hash of a name (string.GetHashCode is randomized per process).</summary>
    public static int Stable(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
                hash = (hash ^ c) * 16777619;
            return hash & 0x7fffffff;
        }
    }
}
