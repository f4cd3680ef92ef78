using System.Globalization;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Network;
using SolarFleet.Silo.Api.Contracts;
using SolarFleet.Silo.Api.Validation;

namespace SolarFleet.Silo.Dashboard.Admin;

/// <summary>An inverter as typed into the dashboard's form, checked by the API's rules and the polling policy.</summary>
public sealed class InverterForm
{
    public string? Id { get; set; }

    public string? Host { get; set; }

    public string? Port { get; set; }

    public string? PollSeconds { get; set; }

    public string? PowerTotalUnit { get; set; }

    public string? DcCapacityW { get; set; }

    public string? TiltDegrees { get; set; }

    public string? AzimuthDegrees { get; set; }

    public static InverterForm Of(InverterSnapshot inverter)
    {
        ArgumentNullException.ThrowIfNull(inverter);
        return new InverterForm
        {
            Id = inverter.InverterId,
            Host = inverter.Settings.Host,
            Port = inverter.Settings.Port.ToString(CultureInfo.InvariantCulture),
            PollSeconds = inverter.Settings.PollSeconds.ToString(CultureInfo.InvariantCulture),
            PowerTotalUnit = RequestValidator.UnitName(inverter.Settings.PowerTotalUnit),
            DcCapacityW = inverter.Settings.DcCapacityW?.ToString(CultureInfo.InvariantCulture),
            TiltDegrees = inverter.Settings.TiltDegrees?.ToString(CultureInfo.InvariantCulture),
            AzimuthDegrees = inverter.Settings.AzimuthDegrees?.ToString(CultureInfo.InvariantCulture),
        };
    }

    public InverterSettings? Check(ValidationErrors errors, TargetPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(errors);
        RequestValidator.CheckId(errors, "id", Id?.Trim());
        var port = FormNumbers.Whole(errors, "port", Port);
        var pollSeconds = FormNumbers.Whole(errors, "pollSeconds", PollSeconds);
        var capacity = FormNumbers.Whole(errors, "dcCapacityW", DcCapacityW);
        var tilt = FormNumbers.Number(errors, "tiltDegrees", TiltDegrees);
        var azimuth = FormNumbers.Number(errors, "azimuthDegrees", AzimuthDegrees);
        var request = new InverterRequest(Host, port, pollSeconds, string.IsNullOrWhiteSpace(PowerTotalUnit) ? null : PowerTotalUnit, capacity, tilt, azimuth);
        var settings = RequestValidator.CheckInverter(errors, "", request, policy);
        return errors.IsEmpty ? settings : null;
    }
}
