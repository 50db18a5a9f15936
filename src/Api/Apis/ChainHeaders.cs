using GeoStore.Abstractions.Messages;

namespace GeoStore.Api.Apis;

/// <summary>The headers that say how a Chain keyspace answered: the chain, and the member that acknowledged or served.</summary>
public static class ChainHeaders
{
    /// <summary>The chain version and its members, head first: <c>v2 us-east&gt;ap-south</c>.</summary>
    public const string ChainHeader = "GeoStore-Chain";

    /// <summary>The tail that acknowledged a write, or the member that answered a read.</summary>
    public const string ServedByHeader = "GeoStore-Served-By";

    /// <summary>A read's CRAQ path: <c>clean</c> (the member answered alone) or <c>asked-tail</c> (it held an uncommitted version).</summary>
    public const string ReadHeader = "GeoStore-Chain-Read";

    /// <summary>The write's (or the version read's) sequence number in the key's chain history.</summary>
    public const string SequenceHeader = "GeoStore-Chain-Sequence";

    public static string Format(ChainAnswer answer) => $"v{answer.Version} {string.Join('>', answer.Members)}";

    /// <summary>Says how <paramref name="answer"/> was served; nothing for other modes.</summary>
    public static void Describe(HttpContext http, ChainAnswer? answer)
    {
        if (answer is null)
        {
            return;
        }

        var headers = http.Response.Headers;
        headers[ChainHeader] = Format(answer);
        headers[ServedByHeader] = answer.ServedBy;
        headers[SequenceHeader] = answer.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        {
            headers[ReadHeader] = answer.AskedTail ? "asked-tail" : "clean";
        }
    }
}
