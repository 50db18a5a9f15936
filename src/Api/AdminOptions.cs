namespace GeoStore.Api;

/// <summary>
/// The admin API's bearer token (<c>GeoStore:AdminToken</c>, env <c>GeoStore__AdminToken</c>), and the
/// AppHost's resource control when the AppHost started this API (<c>GeoStore:AppHostUrl</c>).
/// </summary>
public sealed class AdminOptions
{
    public string? AdminToken { get; set; }

    public string? AppHostUrl { get; set; }
}
