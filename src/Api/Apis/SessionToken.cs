using System.Globalization;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Regions;
using GeoStore.Core.Versioning;

namespace GeoStore.Api.Apis;

/// <summary>
/// Read-your-writes across regions on request. A write answers with its session token
/// (<c>GeoStore-Session: wall.logical@region</c>, the same version as its ETag). A read that sends the
/// token back (or the ETag) in <c>GeoStore-Session</c> is served only once the serving replica has
/// applied that write, waiting at most <c>GeoStore-Max-Wait</c> milliseconds (default
/// <see cref="DefaultWait"/>); otherwise it fails with a stale-read problem.
/// </summary>
public static class SessionToken
{
    public const string Header = "GeoStore-Session";
    public const string MaxWaitHeader = "GeoStore-Max-Wait";
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(2);
    /// <summary>The longest wait a read may ask for: below the API's Orleans response timeout (10 s), so a wait ends as a stale read, not as a timeout.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(8);

    /// <summary>
    /// How far ahead of this region's clock a write's token may be. A write that names a token is
    /// versioned above it, and the region's hybrid clock moves up to it; a token from a region whose
    /// clock runs fast is fine, one from the far future (forged or corrupt) would drag the region's
    /// clock along with it, so it is refused.
    /// </summary>
    public static readonly TimeSpan MaxClockAhead = TimeSpan.FromSeconds(10);

    public static string For(WriteVersion version) => version.ToString();

    /// <summary>The write a write request says it saw (its causal predecessor), or what is wrong with its header.</summary>
    public static (WriteVersion? After, string? Problem) WriteAfterOf(HttpRequest request, IReadOnlyCollection<string> regions, TimeProvider time)
    {
        var (options, problem) = ReadOptionsOf(request, regions);
        if (problem is not null || options?.After is not { } after)
        {
            return (null, problem);
        }

        var ahead = after.Timestamp.WallMs - time.GetUtcNow().ToUnixTimeMilliseconds();
        return ahead > MaxClockAhead.TotalMilliseconds
            ? (null, $"{Header} names a write {ahead} ms ahead of this region's clock; tokens come from writes and may be at most {MaxClockAhead.TotalMilliseconds:0} ms ahead.")
            : (after, null);
    }

    /// <summary>The read options a request asks for, or what is wrong with its headers.</summary>
    public static (ReadOptions? Options, string? Problem) ReadOptionsOf(HttpRequest request, IReadOnlyCollection<string> regions)
    {
        var token = request.Headers[Header].ToString();
        var waitText = request.Headers[MaxWaitHeader].ToString();
        if (token.Length == 0)
        {
            return waitText.Length == 0 ? (ReadOptions.Any, null) : (null, $"{MaxWaitHeader} needs a {Header} token to wait for.");
        }

        if (!WriteVersion.TryParse(token, out var version) || RegionNames.Validate(version!.Region) is not null)
        {
            return (null, $"{Header} must be a write's session token or ETag, such as 1732364400000.0@us-east; got '{Truncate(token)}'.");
        }

        if (!regions.Contains(version.Region, StringComparer.Ordinal))
        {
            return (null, $"{Header} names region '{version.Region}', which does not exist; known regions: {string.Join(", ", regions)}.");
        }

        var wait = DefaultWait;
        if (waitText.Length > 0)
        {
            if (!int.TryParse(waitText, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms > MaxWait.TotalMilliseconds)
            {
                return (null, $"{MaxWaitHeader} is a whole number of milliseconds from 0 to {MaxWait.TotalMilliseconds:0}; got '{Truncate(waitText)}'.");
            }

            wait = TimeSpan.FromMilliseconds(ms);
        }

        return (new ReadOptions(version, wait), null);
    }

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
