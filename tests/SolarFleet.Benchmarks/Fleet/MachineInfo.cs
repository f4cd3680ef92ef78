using System.Globalization;

namespace SolarFleet.Benchmarks.Fleet;

/// <summary>Describes the machine a run was made on (every figure is quoted with it).</summary>
public static class MachineInfo
{
    public static string Describe()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memoryKb = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").Where(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
                .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).FirstOrDefault()
            : 0;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} CPUs ({model ?? "unknown CPU"}), {memoryKb / 1024.0 / 1024.0:0.0} GiB RAM, {Environment.OSVersion}, .NET {Environment.Version}");
    }
}
