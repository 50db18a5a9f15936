namespace GeoStore.Bench.Lag;

/// <summary>Raw lag samples of one or more probe runs, merged per condition before they become a <see cref="LagResult"/>.</summary>
public sealed class LagSamples
{
    public List<double> LagsMs { get; } = [];

    public int TimedOut { get; set; }

    public int Failed { get; set; }

    public LagSamples Add(LagSamples other)
    {
        LagsMs.AddRange(other.LagsMs);
        TimedOut += other.TimedOut;
        Failed += other.Failed;
        return this;
    }
}
