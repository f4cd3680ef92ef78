namespace SolarFleet.Silo.Api.Contracts;

/// <summary>The inverter fields a request carries, alone (PUT of one inverter) or in a fleet document: checked by one rule.</summary>
public interface IInverterFields
{
    string? Host { get; }

    int? Port { get; }

    int? PollSeconds { get; }

    string? PowerTotalUnit { get; }

    int? DcCapacityW { get; }

    double? TiltDegrees { get; }

    double? AzimuthDegrees { get; }
}
