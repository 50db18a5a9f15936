namespace GeoStore.AppHost.Model;

/// <summary>Configuration that only applies to programs the AppHost runs as declared.</summary>
public static class ExecutableResourceBuilderExtensions
{
    /// <summary>Appends command-line arguments, each passed to the program as is.</summary>
    public static ResourceBuilder<T> WithArgs<T>(this ResourceBuilder<T> builder, params IEnumerable<string> arguments)
        where T : ExecutableResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(arguments);
        builder.Resource.AddArguments(arguments);
        return builder;
    }
}
