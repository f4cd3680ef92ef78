using Microsoft.Extensions.Logging;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Grains.Alerts;

namespace SolarFleet.Grains.Underproduction;

/// <summary>
/// An inverter's side of peer comparison: it reports each completed window's yield to its cell, and once the window's
/// peers have had time to report (<see cref="UnderproductionOptions.PeerSettle"/>) asks for theirs and judges.
/// Pending judgements live in memory: one lost with an activation is a window not judged, never a wrong verdict.
/// </summary>
public sealed partial class PeerComparison(IGrainFactory grains, UnderproductionOptions options, string inverterKey, ILogger logger)
{
    private readonly List<(CompletedYield Window, double Yield)> _pending = [];
    private bool _judging;

    /// <summary>Whether windows await their peers' yields (and so <see cref="JudgeDueAsync"/> has work).</summary>
    public bool HasPending => _pending.Count > 0;

    /// <summary>Whether an inverter so registered compares its yield: it must say its DC capacity and where it is.</summary>
    public static bool Compares(InverterRegistration registration) =>
        registration is { Settings.DcCapacityW: > 0, Latitude: not null, Longitude: not null };

    /// <summary>Reports completed windows of a registered inverter that compares its yield.</summary>
    public void Report(InverterRegistration registration, IReadOnlyList<CompletedYield> completed)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(completed);
        if (completed.Count == 0 || !Compares(registration) || registration is not { Latitude: { } latitude, Longitude: { } longitude })
        {
            return;
        }

        var cell = grains.GetGrain<IYieldCellGrain>(YieldCells.KeyOf(latitude, longitude, options.PeerRadiusKm));
        foreach (var window in completed)
        {
            if (PeerYields.Of(window, registration.Settings, latitude, longitude) is { } yield)
            {
                cell.Report(window.Window, new PeerYield(inverterKey, latitude, longitude, yield)).Ignore();
                _pending.Add((window, yield));
            }
        }
    }

    /// <summary>
    /// Judges the windows whose peers have settled by <paramref name="now"/>; each verdict goes to
    /// <paramref name="verdict"/> with the window's end as its time, so consecutive windows are exactly a window apart.
    /// With too few peers, <paramref name="own"/> judges. A failure is logged: that window is not judged.
    /// </summary>
    public async Task JudgeDueAsync(InverterRegistration registration, OwnClearSky? own, DateTimeOffset now, Action<AlertObservation, DateTimeOffset> verdict)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(verdict);
        if (_judging || _pending.Count == 0 || _pending[0].Window.Window.End + options.PeerSettle > now)
        {
            return;
        }

        if (registration is not { Latitude: { } latitude, Longitude: { } longitude })
        {
            _pending.Clear();
            return;
        }

        _judging = true;
        try
        {
            var cell = grains.GetGrain<IYieldCellGrain>(YieldCells.KeyOf(latitude, longitude, options.PeerRadiusKm));
            while (_pending.Count > 0 && _pending[0].Window.Window.End + options.PeerSettle <= now)
            {
                var (window, yield) = _pending[0];
                _pending.RemoveAt(0);
                var peers = await cell.PeersAround(window.Window, latitude, longitude, options.PeerRadiusKm, options.NearestPeers, inverterKey);
                verdict(UnderproductionRules.Judge(window.Window, yield, peers, options, own), window.Window.End);
            }
        }
        catch (Exception ex)
        {
            LogPeerComparisonFailed(logger, ex, inverterKey);
        }
        finally
        {
            _judging = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Comparing the yield of inverter {InverterKey} with its neighbours failed; that window is not judged")]
    private static partial void LogPeerComparisonFailed(ILogger logger, Exception exception, string inverterKey);
}
