using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Runtime;
using SolarFleet.Abstractions.Fleet;
using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Hosting;
using SolarFleet.Grains.Persistence;
using SolarFleet.Grains.Validation;

namespace SolarFleet.Grains.Fleet;

/// <summary>
/// The fleet: knows its site ids (persisted) and sums the reports they push (memory). Reads only touch what was
/// pushed; they never call a site or an inverter. Kept active so the pushed reports are not lost to idle collection.
/// Reentrant: every site of a bulk registration calls <see cref="AddSite"/>, and calls that arrive while the id list
/// is being written share the next write instead of each writing the whole, growing list in turn.
/// </summary>
[KeepAlive]
[Reentrant]
public sealed partial class FleetGrain : Grain, IFleetGrain
{
    private readonly IPersistentState<FleetState> _state;
    private readonly TimeProvider _time;
    private readonly TimeProvider _directoryTime;
    private readonly SolarFleetGrainOptions _options;
    private readonly ILogger<FleetGrain> _logger;
    private readonly FleetRollup _rollup = new();
    private readonly HashSet<string> _siteIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RemovedSite> _removed = new(StringComparer.Ordinal);
    private readonly SerialStateWriter _writer;
    private readonly Queue<SiloAddress> _wokenFor = new();
    private readonly FleetViewKeeper _view;
    private readonly SiteWalks _walks;

    private static readonly TimeSpan SilentSiteRetry = TimeSpan.FromSeconds(10);
    private const int SilentSitesPerAsk = 1_000;
    private const int LostSilosRemembered = 64;

    // Changes whenever the list of sites gains or loses one.
    private long _membership;

    public FleetGrain(
        [PersistentState("fleet", SolarFleetStorage.GrainStateProvider)] IPersistentState<FleetState> state,
        [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
        [FromKeyedServices(TimeProviderNames.GrainDirectory)] TimeProvider directoryTime,
        IOptions<SolarFleetGrainOptions> options,
        ILogger<FleetGrain> logger)
    {
        _state = state;
        _time = time;
        _directoryTime = directoryTime;
        _options = options.Value;
        _logger = logger;
        _writer = new SerialStateWriter(WriteStateAsync);
        _view = new FleetViewKeeper(BuildView, directoryTime, _options.FleetViewFreshness);
        _walks = new SiteWalks(GrainFactory, directoryTime);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _siteIds.UnionWith(_state.State.SiteIds);
        foreach (var removed in _state.State.Removed)
        {
            _removed[removed.SiteId] = removed;
        }

        // Reports are memory only: after a failover or a restart, ask every site for its report again and wake its
        // inverters (this silo's loss may have taken some), a bounded number of sites at a time.
        if (_siteIds.Count > 0)
        {
            LogResuming(_siteIds.Count);
            _walks.Then(ResumeAsync);
        }

        // A site known but not heard from is asked again, until it reports: an ask sent to a site on a silo that just
        // died is lost, and a site whose first report was waiting to be pushed there may not be called again by anyone.
        this.RegisterGrainTimer(
            static (grain, _) => grain.AskSilentSites(),
            this,
            new GrainTimerCreationOptions { DueTime = SilentSiteRetry, Period = SilentSiteRetry, Interleave = true });
        return Task.CompletedTask;
    }

    private Task AskSilentSites()
    {
        // A walk under way reaches them anyway (a site it activates reports); asks on top of it would undo its bound.
        if (_walks.IsIdle && _rollup.Count < _siteIds.Count)
        {
            var silent = _siteIds.Where(id => !_rollup.Has(id)).Take(SilentSitesPerAsk).ToList();
            _walks.Then(() => _walks.VisitAsync(silent, async site =>
            {
                await site.ResendReport();
                return 0;
            }));
        }

        return Task.CompletedTask;
    }

    private async Task ResumeAsync()
    {
        var result = await _walks.VisitAsync(_siteIds.ToList(), async site =>
        {
            await site.ResendReport();
            return await site.WakeInverters();
        });
        LogResumed(result.Sites, result.Inverters, result.Took.TotalSeconds, result.Failed.Count);
    }

    public async Task AddSite(string siteId)
    {
        RegistrationRules.ValidateSiteId(siteId);

        // Already known but a write is under way: the id may not be stored yet, so wait for a write that has it.
        var revived = _removed.Remove(siteId);
        _membership++;
        if (_siteIds.Add(siteId) || revived || _writer.IsBusy)
        {
            await WriteAsync();
        }
    }

    public async Task RemoveSite(RemovedSite removed)
    {
        ArgumentNullException.ThrowIfNull(removed);
        _rollup.Remove(removed.SiteId);
        _membership++;
        var known = _removed.TryGetValue(removed.SiteId, out var held) && held == removed;
        _removed[removed.SiteId] = removed;
        if (_siteIds.Remove(removed.SiteId) || !known || _writer.IsBusy)
        {
            await WriteAsync();
        }
    }

    public Task<IReadOnlyList<RemovedSite>> GetRemovedSites()
    {
        var now = _time.GetUtcNow();
        IReadOnlyList<RemovedSite> removed = _removed.Values
            .Where(site => now - site.RemovedAt <= _options.RemovedRetention)
            .OrderBy(site => site.SiteId, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(removed);
    }

    public Task<IReadOnlyList<string>> GetSiteIds()
    {
        var ids = _siteIds.ToList();
        ids.Sort(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyList<string>>(ids);
    }

    public Task Report(SiteReport report)
    {
        // A late report from a site removed meanwhile is dropped.
        if (report.Summary.SiteId is { } siteId && _siteIds.Contains(siteId) && _rollup.Apply(report))
        {
            _membership++;
        }

        return Task.CompletedTask;
    }

    public Task<FleetView?> GetView(long heldStamp)
    {
        var view = View;
        return Task.FromResult(view.Stamp == heldStamp ? null : view);
    }

    private FleetView View => _view.Current(_membership, _time.GetUtcNow());

    private FleetView BuildView(DateTimeOffset now, long stamp) => new(
        stamp,
        _rollup.Summarize(_siteIds.Count, now),
        _rollup.SiteSummaries(now),
        _rollup.Problems(_options.MaxFleetProblems));

    public Task WakeAfterSiloLoss(SiloAddress silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (_wokenFor.Contains(silo))
        {
            return Task.CompletedTask;
        }

        _wokenFor.Enqueue(silo);
        if (_wokenFor.Count > LostSilosRemembered)
        {
            _wokenFor.Dequeue();
        }

        // Not awaited: the survivor that asked need not wait, and the fleet stays reentrant for reports meanwhile.
        _walks.Then(() => WakeAsync(silo));
        return Task.CompletedTask;
    }

    private async Task WakeAsync(SiloAddress silo)
    {
        var sites = _siteIds.ToList();
        LogWaking(silo, sites.Count);
        var result = await _walks.VisitAsync(sites, site => site.WakeInverters());
        LogWoken(silo, result.Sites, result.Inverters, result.Took.TotalSeconds, result.Failed.Count, string.Join(", ", result.Failed.Take(10)));
    }

    private Task WriteAsync() => ReloadOnFailedWrite.WriteAsync(_writer.WriteAsync, DeactivateOnIdle);

    // Captures the ids as they are when the write starts, so it covers every call that arrived before; sites removed
    // longer ago than the retention are forgotten on the way.
    private Task WriteStateAsync()
    {
        var now = _time.GetUtcNow();
        foreach (var expired in _removed.Values.Where(site => now - site.RemovedAt > _options.RemovedRetention).ToList())
        {
            _removed.Remove(expired.SiteId);
        }

        _state.State.SiteIds = _siteIds.Order(StringComparer.Ordinal).ToList();
        _state.State.Removed = _removed.Values.OrderBy(site => site.SiteId, StringComparer.Ordinal).ToList();
        return _state.WriteStateAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fleet resumed with {Sites} sites; asking each for its report and waking its inverters")]
    private partial void LogResuming(int sites);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fleet resumed: {Sites} sites asked and {Inverters} inverters woken in {Seconds:0.0} s; {Failed} sites failed and are asked again while silent")]
    private partial void LogResumed(int sites, int inverters, double seconds, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} was lost: waking the inverters of {Sites} sites")]
    private partial void LogWaking(SiloAddress silo, int sites);

    [LoggerMessage(Level = LogLevel.Information, Message = "After the loss of silo {Silo}, {Sites} sites woke {Inverters} inverters in {Seconds:0.0} s; {Failed} sites failed ({FailedSites}) and wait for their reminders")]
    private partial void LogWoken(SiloAddress silo, int sites, int inverters, double seconds, int failed, string failedSites);
}
