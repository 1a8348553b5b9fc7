namespace SreSuite.ServiceDefaults.Security;

/// <summary>Whether callers must present a token (HTTP with an authority configured).</summary>
public sealed record AuthenticationState(bool Required);
