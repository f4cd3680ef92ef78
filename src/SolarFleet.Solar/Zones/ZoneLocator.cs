using System.Collections.Concurrent;

namespace SolarFleet.Solar.Zones;

/// <summary>
/// A site's approximate position from its IANA time zone: the coordinates tzdata gives for the zone's principal
/// city, marked approximate. For sites without coordinates; null (never a guess) when the table or the zone is
/// missing, or the zone has no city (Etc/UTC), so callers can switch daylight alerts off.
/// </summary>
/// <remarks>
/// Links such as US/Pacific are matched to a listed zone with the same Windows zone and the same rules (a link
/// is a copy of its target), as the runtime has no call that names a link's target. The table is read once, at
/// first use; a missing or unreadable file locates nothing.
/// </remarks>
public sealed class ZoneLocator
{
    private readonly string[] _tablePaths;
    private readonly Lazy<Table> _table;
    private readonly ConcurrentDictionary<string, SiteLocation?> _located = new(StringComparer.Ordinal);

    /// <param name="tablePaths">Tables to try in order (zone.tab, zone1970.tab); the first that exists is read.</param>
    public ZoneLocator(params string[] tablePaths)
    {
        ArgumentNullException.ThrowIfNull(tablePaths);
        if (tablePaths.Length == 0)
        {
            throw new ArgumentException("Name at least one zone table.", nameof(tablePaths));
        }

        _tablePaths = tablePaths;
        _table = new Lazy<Table>(Load);
    }

    /// <summary>The system's tzdata: zone.tab (it lists the most zones), else zone1970.tab, under $TZDIR or /usr/share/zoneinfo.</summary>
    public static ZoneLocator Default { get; } = new(SystemTablePaths());

    /// <summary>The principal city of a zone, by IANA id (or a link to one), as an approximate location; null when unknown.</summary>
    public SiteLocation? Locate(string zoneId)
    {
        ArgumentNullException.ThrowIfNull(zoneId);
        return _located.GetOrAdd(zoneId, id => Resolve(id) is { } city ? SiteLocation.Approximate(city, id) : null);
    }

    /// <summary>The principal city of a zone; a Windows zone counts as its primary IANA zone.</summary>
    public SiteLocation? Locate(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (zone.HasIanaId)
        {
            return Locate(zone.Id);
        }

        return TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var ianaId) ? Locate(ianaId) : null;
    }

    private static string[] SystemTablePaths()
    {
        var directory = Environment.GetEnvironmentVariable("TZDIR") is { Length: > 0 } tzdir ? tzdir : "/usr/share/zoneinfo";
        return [Path.Combine(directory, "zone.tab"), Path.Combine(directory, "zone1970.tab")];
    }

    private GeoPoint? Resolve(string zoneId)
    {
        var table = _table.Value;
        if (table.Cities.TryGetValue(zoneId, out var city))
        {
            return city;
        }

        if (table.Cities.Count == 0
            || !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone)
            || !TimeZoneInfo.TryConvertIanaIdToWindowsId(zoneId, out var windowsId)
            || !table.ByWindowsId.Value.TryGetValue(windowsId, out var candidates))
        {
            return null;
        }

        foreach (var candidate in candidates)
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(candidate, out var listed) && listed.HasSameRules(zone))
            {
                return table.Cities[candidate];
            }
        }

        return null;
    }

    private Table Load()
    {
        foreach (var path in _tablePaths)
        {
            try
            {
                return new Table(ZoneTable.Parse(File.ReadLines(path)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Missing or unreadable: try the next table.
            }
        }

        return new Table([]);
    }

    private sealed class Table
    {
        public Table(IReadOnlyList<KeyValuePair<string, GeoPoint>> zones)
        {
            var cities = new Dictionary<string, GeoPoint>(StringComparer.Ordinal);
            foreach (var (id, point) in zones)
            {
                cities.TryAdd(id, point);
            }

            Cities = cities;
            ByWindowsId = new Lazy<Dictionary<string, List<string>>>(() => GroupByWindowsId(zones));
        }

        public Dictionary<string, GeoPoint> Cities { get; }

        /// <summary>Listed zones by Windows zone, in table order; built only when a zone is not listed itself.</summary>
        public Lazy<Dictionary<string, List<string>>> ByWindowsId { get; }

        private static Dictionary<string, List<string>> GroupByWindowsId(IReadOnlyList<KeyValuePair<string, GeoPoint>> zones)
        {
            var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var (id, _) in zones)
            {
                if (TimeZoneInfo.TryConvertIanaIdToWindowsId(id, out var windowsId))
                {
                    if (!groups.TryGetValue(windowsId, out var group))
                    {
                        groups[windowsId] = group = [];
                    }

                    group.Add(id);
                }
            }

            return groups;
        }
    }
}
