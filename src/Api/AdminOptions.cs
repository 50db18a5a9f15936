namespace GeoStore.Api;

/// <summary>The admin API's bearer token (<c>GeoStore:AdminToken</c>, env <c>GeoStore__AdminToken</c>).</summary>
public sealed class AdminOptions
{
    public string? AdminToken { get; set; }
}
