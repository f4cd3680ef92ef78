using System.Globalization;
using SolarFleet.Cluster.Tests.Infrastructure;

namespace SolarFleet.Cluster.Tests.Api;

/// <summary>
/// One silo on the embedded default, its real Kestrel in front, shared by the tests of a class: the fleet document
/// keeps its documented limit, the other bodies get a small one of their own.
/// </summary>
public sealed class BodyLimitSilo : IAsyncLifetime
{
    /// <summary>The documented default of SolarFleet:Api:MaxFleetDocumentBytes.</summary>
    public const int FleetDocumentLimit = 64 * 1024 * 1024;

    /// <summary>SolarFleet:Api:MaxBodyBytes as configured here.</summary>
    public const int BodyLimit = 8192;

    private SiloProcess? silo;

    public SiloSet Silos { get; } = new();

    public SiloProcess Silo => silo ?? throw new InvalidOperationException("The silo has not started.");

    public async ValueTask InitializeAsync() =>
        silo = await Silos.StartReadyAsync("kestrel", SiloSettings.Memory().With("SolarFleet:Api:MaxBodyBytes", BodyLimit.ToString(CultureInfo.InvariantCulture)));

    public ValueTask DisposeAsync() => Silos.DisposeAsync();
}
