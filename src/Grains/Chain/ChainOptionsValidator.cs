using Microsoft.Extensions.Options;

namespace GeoStore.Grains.Chain;

/// <summary>Fails start-up with a clear message when <c>GeoStore:Chain</c> does not make sense.</summary>
public sealed class ChainOptionsValidator : IValidateOptions<ChainOptions>
{
    public static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(30);

    public ValidateOptionsResult Validate(string? name, ChainOptions options) =>
        options.Timeout < MinTimeout || options.Timeout > MaxTimeout
            ? ValidateOptionsResult.Fail($"{ChainOptions.SectionName}:Timeout must be between {MinTimeout} and {MaxTimeout}; got {options.Timeout}.")
            : ValidateOptionsResult.Success;
}
