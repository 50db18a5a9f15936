using System.Reflection;

namespace GeoStore.AppHost.Model;

/// <summary>
/// Where a project launched by the AppHost lives and what its build produced, like Aspire's
/// <c>IProjectMetadata</c>. The paths come from <c>[AssemblyMetadata]</c> that the build writes into
/// the AppHost for every <c>ProjectReference</c> marked <c>EmbedOutputPath="true"</c>
/// (see Directory.Build.targets), for the configuration the AppHost itself was built in.
/// </summary>
/// <param name="AssemblyName">The project's assembly name, e.g. <c>GeoStore.Silo</c>.</param>
/// <param name="ProjectDirectory">The project's directory: the working directory of its process.</param>
/// <param name="OutputPath">The built entry assembly, run as <c>dotnet &lt;OutputPath&gt;</c>.</param>
public sealed record ProjectMetadata(string AssemblyName, string ProjectDirectory, string OutputPath)
{
    public const string ProjectKeyPrefix = "GeoStore.Project:";
    public const string OutputKeyPrefix = "GeoStore.ProjectOutput:";

    /// <summary>Whether the build output exists, so the project can be launched.</summary>
    public bool IsBuilt => File.Exists(OutputPath);

    /// <summary>Reads the metadata of <paramref name="assemblyName"/> embedded in <paramref name="host"/>.</summary>
    /// <exception cref="InvalidOperationException">The host carries no metadata for that project.</exception>
    public static ProjectMetadata Read(Assembly host, string assemblyName)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentException.ThrowIfNullOrEmpty(assemblyName);

        string? directory = null;
        string? output = null;
        foreach (var attribute in host.GetCustomAttributes<AssemblyMetadataAttribute>())
        {
            if (attribute.Key == ProjectKeyPrefix + assemblyName)
            {
                directory = attribute.Value;
            }
            else if (attribute.Key == OutputKeyPrefix + assemblyName)
            {
                output = attribute.Value;
            }
        }

        if (directory is null || output is null)
        {
            throw new InvalidOperationException(
                $"{host.GetName().Name} carries no project metadata for {assemblyName}: reference its project with EmbedOutputPath=\"true\".");
        }

        return new ProjectMetadata(assemblyName, directory, output);
    }
}
