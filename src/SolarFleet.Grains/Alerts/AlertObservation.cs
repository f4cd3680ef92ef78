using SolarFleet.Abstractions.Alerts;

namespace SolarFleet.Grains.Alerts;

/// <summary>
/// One rule's verdict at one moment, with the words and figures an alert raised from it carries. A
/// <paramref name="Decisive"/> verdict (a whole day's figures) raises at once rather than after its kind's wait.
/// </summary>
public sealed record AlertObservation(AlertKind Kind, AlertCondition Condition, string Summary = "", string Detail = "", IReadOnlyDictionary<string, double>? Figures = null, bool Decisive = false)
{
    // Most polls observe nothing wrong: those verdicts are shared rather than allocated on every poll.
    private static readonly AlertObservation[] Unknowns = Enum.GetValues<AlertKind>().Select(kind => new AlertObservation(kind, AlertCondition.Unknown)).ToArray();
    private static readonly AlertObservation[] Absents = Enum.GetValues<AlertKind>().Select(kind => new AlertObservation(kind, AlertCondition.Absent)).ToArray();

    public static AlertObservation Unknown(AlertKind kind) => Unknowns[(int)kind];

    public static AlertObservation Absent(AlertKind kind) => Absents[(int)kind];
}
