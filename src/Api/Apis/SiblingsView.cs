using GeoStore.Core.Causality;

namespace GeoStore.Api.Apis;

/// <summary>
/// The body of a <c>300 Multiple Choices</c> answer: every sibling of a MultiValue key, and the
/// causal context that a write must carry (<c>GeoStore-Causal-Context</c>) to replace them all.
/// </summary>
public sealed record SiblingsView(string Context, IReadOnlyList<SiblingView> Siblings)
{
    public static SiblingsView From(SiblingSet set, string context) => new(context, [.. set.Siblings.Select(SiblingView.From)]);
}

/// <summary>One sibling: its version, its value (text when its content type is textual, else base64) or a delete.</summary>
public sealed record SiblingView(string Version, string Region, bool Deleted, string? ContentType, string? Text, string? Base64)
{
    public static SiblingView From(Sibling sibling)
    {
        var loser = ConflictLoserView.From(sibling.Value);
        return new(sibling.Value.Version.ToString(), sibling.Dot.Region, sibling.IsTombstone, loser.ContentType, loser.Text, loser.Base64);
    }
}
