using GeoStore.AppHost.Model;

namespace GeoStore.AppHost.Processes;

/// <summary>A supervised process ended.</summary>
/// <param name="Resource">The resource it ran.</param>
/// <param name="Pid">Its process id.</param>
/// <param name="ExitCode">Its exit code; 128 + n when signal n ended it.</param>
/// <param name="Requested">The AppHost had asked it to stop.</param>
public sealed record ProcessExit(Resource Resource, int Pid, int ExitCode, bool Requested);
