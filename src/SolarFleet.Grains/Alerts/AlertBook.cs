using SolarFleet.Abstractions.Alerts;

namespace SolarFleet.Grains.Alerts;

/// <summary>
/// One inverter's alerts, free of Orleans: observations in, transitions out. A condition raises its alert once it has
/// held for the kind's <see cref="AlertTiming.RaiseAfter"/>, and resolves it once clear for
/// <see cref="AlertTiming.ClearAfter"/>; an unknown observation changes nothing. The tracks are the caller's state.
/// </summary>
public sealed class AlertBook
{
    private readonly Dictionary<AlertKind, AlertTrack> _tracks;
    private readonly AlertRuleOptions _options;
    private readonly string _siteId;
    private readonly string _inverterId;

    public AlertBook(Dictionary<AlertKind, AlertTrack> tracks, AlertRuleOptions options, string siteId, string inverterId)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        ArgumentNullException.ThrowIfNull(options);
        _tracks = tracks;
        _options = options;
        _siteId = siteId;
        _inverterId = inverterId;
    }

    /// <summary>The open alerts, most severe first.</summary>
    public IEnumerable<Alert> Open => _tracks.Values.Select(t => t.Open).OfType<Alert>().OrderByDescending(a => a.Severity).ThenBy(a => a.RaisedAt);

    /// <summary>The worst severity open, or null when nothing is.</summary>
    public AlertSeverity? Worst => _tracks.Values.Select(t => t.Open?.Severity).Max();

    /// <summary>Applies observations; each transition it causes is added to <paramref name="transitions"/>.</summary>
    public void Observe(IEnumerable<AlertObservation> observations, DateTimeOffset now, ICollection<AlertTransition> transitions)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(transitions);
        foreach (var observation in observations)
        {
            if (Observe(observation, now) is { } transition)
            {
                transitions.Add(transition);
            }
        }
    }

    /// <summary>Resolves every open alert at once (the inverter was removed): <paramref name="why"/> ends each detail.</summary>
    public void ResolveAll(DateTimeOffset now, string why, ICollection<AlertTransition> transitions)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        foreach (var track in _tracks.Values.Where(t => t.Open is not null))
        {
            transitions.Add(Resolve(track, now, why));
        }
    }

    /// <summary>Every alert this inverter holds (open, and the last resolved of each kind), as transitions to record again.</summary>
    public IEnumerable<AlertTransition> Held()
    {
        foreach (var track in _tracks.Values)
        {
            if (track.LastResolved is { } resolved)
            {
                yield return new AlertTransition(resolved with { ResolvedAt = null }, AlertTransitionKind.Raised);
                yield return new AlertTransition(resolved, AlertTransitionKind.Resolved);
            }

            if (track.Open is { } open)
            {
                yield return new AlertTransition(open, AlertTransitionKind.Raised);
            }
        }
    }

    private AlertTransition? Observe(AlertObservation observation, DateTimeOffset now)
    {
        if (observation.Condition == AlertCondition.Unknown)
        {
            return null;
        }

        if (!_tracks.TryGetValue(observation.Kind, out var track))
        {
            if (observation.Condition != AlertCondition.Present)
            {
                // A clear condition with nothing running and nothing open changes nothing: a track made for it would
                // only hold nulls. Every inverter observes every kind clear on its first polls, and those empty tracks
                // were about 0.8 KB of each inverter's memory and of its stored state.
                return null;
            }

            track = new AlertTrack();
            _tracks[observation.Kind] = track;
        }

        var timing = _options.TimingOf(observation.Kind);
        if (observation.Condition == AlertCondition.Present)
        {
            track.ClearSince = null;
            track.ConditionSince ??= now;
            if (track.Open is not null || (now - track.ConditionSince.Value < timing.RaiseAfter && !observation.Decisive))
            {
                return null;
            }

            track.Open = new Alert(
                Guid.CreateVersion7(now).ToString(),
                observation.Kind,
                AlertCatalog.SeverityOf(observation.Kind),
                _siteId,
                _inverterId,
                now,
                ResolvedAt: null,
                AcknowledgedAt: null,
                AcknowledgedBy: null,
                observation.Summary,
                observation.Detail,
                observation.Figures ?? new Dictionary<string, double>());
            return new AlertTransition(track.Open, AlertTransitionKind.Raised);
        }

        track.ConditionSince = null;
        if (track.Open is null)
        {
            if (track.LastResolved is null)
            {
                // Nothing left to hold (a condition that cleared before it raised, or a track stored empty before).
                _tracks.Remove(observation.Kind);
            }

            return null;
        }

        track.ClearSince ??= now;
        return now - track.ClearSince.Value >= timing.ClearAfter ? Resolve(track, now, why: null) : null;
    }

    private static AlertTransition Resolve(AlertTrack track, DateTimeOffset now, string? why)
    {
        var open = track.Open!;
        var resolved = open with { ResolvedAt = now, Detail = why is null ? open.Detail : $"{open.Detail} Resolved: {why}" };
        track.Open = null;
        track.ClearSince = null;
        track.ConditionSince = null;
        track.LastResolved = resolved;
        return new AlertTransition(resolved, AlertTransitionKind.Resolved);
    }
}
