using System.Diagnostics;

namespace GeoStore.Testing;

/// <summary>Polls a condition until it holds or a deadline passes; distributed tests wait this way, never by sleeping.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(20);

    public static async Task<TimeSpan> HoldsAsync(Func<Task<bool>> condition, string description, TimeSpan? deadline = null, TimeSpan? interval = null)
    {
        var limit = deadline ?? DefaultDeadline;
        var pause = interval ?? TimeSpan.FromMilliseconds(25);
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return clock.Elapsed;
                }

                last = null;
            }
            catch (Exception ex)
            {
                last = ex;
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Not true within {limit.TotalSeconds:0.#} s: {description}", last);
            }

            await Task.Delay(pause);
        }
    }

    public static Task<TimeSpan> HoldsAsync(Func<bool> condition, string description, TimeSpan? deadline = null) =>
        HoldsAsync(() => Task.FromResult(condition()), description, deadline);
}
