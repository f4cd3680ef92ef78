using SolarFleet.Benchmarks.Fleet;

namespace SolarFleet.Benchmarks.Curve;

/// <summary>One fleet size's costs, taken from its fleet run.</summary>
public sealed record CurvePoint(
    int Inverters,
    string Date,
    double SiloCpuMsPerPoll,
    double FloorCpuMsPerPoll,
    double PeakRssMiB,
    double RssAtEndMiB,
    double RegistrationSeconds,
    double? AllPolledSeconds,
    double GcPauseWindowSeconds,
    double WindowSeconds,
    double Completion,
    IReadOnlyList<string> FleetTargetsMissed)
{
    /// <summary>Peak resident memory over the inverters: what a fleet of this size costs each inverter, fixed costs included.</summary>
    public double PeakKbPerInverter => PeakRssMiB * 1024 / Inverters;

    public double EndKbPerInverter => RssAtEndMiB * 1024 / Inverters;

    /// <summary>GC pause as a share of the window: runs of different lengths compare.</summary>
    public double GcPauseShare => WindowSeconds > 0 ? GcPauseWindowSeconds / WindowSeconds : 0;

    public static CurvePoint From(FleetReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var silo = report.Silo;
        return new CurvePoint(
            report.Inverters, report.Date, silo.CpuMillisecondsPerPoll, report.Floor.CpuMillisecondsPerPoll, silo.PeakRssMiB, silo.RssAtEndMiB,
            silo.RegistrationSeconds, silo.AllPolledSeconds, silo.GcPauseWindowSeconds, silo.WindowSeconds, silo.Completion, report.TargetsMissed);
    }
}
