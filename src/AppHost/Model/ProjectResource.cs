namespace GeoStore.AppHost.Model;

/// <summary>A .NET project of this repository, run as <c>dotnet &lt;its built dll&gt;</c> in its project directory, like Aspire's <c>ProjectResource</c>.</summary>
public sealed class ProjectResource(string name, string kind, ProjectMetadata project) : Resource(name, kind)
{
    public ProjectMetadata Project { get; } = project ?? throw new ArgumentNullException(nameof(project));
}
