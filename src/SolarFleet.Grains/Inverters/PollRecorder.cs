using Microsoft.Extensions.Logging;
using SolarFleet.Abstractions.Alerts;
using SolarFleet.Abstractions.Energy;
using SolarFleet.Abstractions.Health;
using SolarFleet.Grains.Alerts;
using SolarFleet.Grains.Energy;
using SolarFleet.Grains.Telemetry;
using SolarFleet.Protocol.Polling;

namespace SolarFleet.Grains.Inverters;

/// <summary>
/// Where an applied poll goes besides the grain's own state: poll metrics, changed ledger rows to the history store,
/// the reading to the reading log, alert transitions to the alert store, and the log lines people read. None of it
/// waits: each store buffers. One per silo, shared by its inverters: it holds nothing of any one inverter.
/// </summary>
public sealed partial class PollRecorder(
    IEnergyLedgerStore ledgerStore,
    IReadingLog readingLog,
    IAlertStore alertStore,
    SolarFleetMetrics metrics,
    ILogger logger)
{
    public void Record(PiPollResult result, PollOutcome outcome, InverterMonitor monitor, IReadOnlyList<DailyEnergy> changedRows, DateTimeOffset polledAt)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(changedRows);
        var (siteId, inverterId) = (monitor.SiteId, monitor.InverterId);
        metrics.RecordPoll(result.Failure?.Kind, result.Elapsed);
        if (outcome.DataAge is { } age)
        {
            metrics.RecordDataAge(age);
        }

        foreach (var row in changedRows)
        {
            ledgerStore.Upsert(row);
        }

        RecordAlerts(monitor, monitor.AlertTransitions);
        if (result.Reading is { } good)
        {
            readingLog.Append(new InverterReadingRecord(
                siteId,
                inverterId,
                polledAt,
                good.Timestamp,
                good.PowerNowW,
                good.PowerTodayWh,
                monitor.ToKilowattHours(good.PowerTotal),
                good.StatusCode,
                good.GridVoltageV,
                good.GridFrequencyHz,
                good.UptimeSeconds));
        }

        if (outcome.ClockSkewStarted is { } skew)
        {
            LogClockSkewed(siteId, inverterId, skew);
        }

        if (outcome.HealthChanged)
        {
            LogHealthChanged(siteId, inverterId, outcome.PreviousHealth, outcome.Health, monitor.State.StatusCode, monitor.State.LastError);
        }
    }

    /// <summary>
    /// Hands the transitions of <paramref name="monitor"/>'s inverter to the alert store; <paramref name="announce"/>
    /// logs each (not when re-recording what is held). A refusal is logged under the inverter's own ids: the store
    /// refuses a transition whose ids it cannot keep.
    /// </summary>
    public void RecordAlerts(InverterMonitor monitor, IEnumerable<AlertTransition> transitions, bool announce = true)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(transitions);
        foreach (var transition in transitions)
        {
            try
            {
                alertStore.Record(transition);
            }
            catch (ArgumentException ex)
            {
                // A transition the store refuses must not stop polling, nor an activation.
                LogAlertRefused(ex, monitor.SiteId, monitor.InverterId, transition.Alert.Kind);
                continue;
            }

            if (announce)
            {
                LogAlert(monitor.SiteId, monitor.InverterId, transition.Alert.Kind, transition.Transition, transition.Alert.Summary);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inverter {SiteId}/{InverterId} configured: {Host}:{Port} every {PollSeconds} s ({Change})")]
    public partial void LogConfigured(string siteId, string inverterId, string host, int port, int pollSeconds, RegistrationChange change);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inverter {SiteId}/{InverterId} removed")]
    public partial void LogRemoved(string siteId, string inverterId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The alert store refused alert {Kind} of inverter {SiteId}/{InverterId}")]
    private partial void LogAlertRefused(Exception exception, string siteId, string inverterId, AlertKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inverter {SiteId}/{InverterId} health {Previous} -> {Health} (status {StatusCode}, last error {LastError})")]
    private partial void LogHealthChanged(string siteId, string inverterId, InverterHealth previous, InverterHealth health, int? statusCode, string? lastError);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inverter {SiteId}/{InverterId} clock-skewed: {ClockSkew}")]
    private partial void LogClockSkewed(string siteId, string inverterId, string clockSkew);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inverter {SiteId}/{InverterId} alert {Kind} {Transition}: {Summary}")]
    private partial void LogAlert(string siteId, string inverterId, AlertKind kind, AlertTransitionKind transition, string summary);
}
