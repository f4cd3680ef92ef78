using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace SolarFleet.Postgres.Schema;

/// <summary>One versioned schema change, shipped as an embedded <c>Migrations/NNNN_name.sql</c> resource.</summary>
public sealed record MigrationScript(int Version, string Name, string Sql, string Checksum)
{
    private const string ResourceFolder = ".Migrations.";

    /// <summary>Every script in this assembly, in version order.</summary>
    public static IReadOnlyList<MigrationScript> All { get; } = Load(typeof(MigrationScript).Assembly);

    internal static IReadOnlyList<MigrationScript> Load(Assembly assembly)
    {
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.Contains(ResourceFolder, StringComparison.Ordinal)
                && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => FromResource(assembly, name))
            .OrderBy(script => script.Version)
            .ToList();

        var clash = scripts.GroupBy(script => script.Version).FirstOrDefault(group => group.Count() > 1);
        if (clash is not null)
        {
            throw new InvalidOperationException(
                $"Two migrations share version {clash.Key}: {string.Join(", ", clash.Select(script => script.Name))}.");
        }

        return scripts;
    }

    private static MigrationScript FromResource(Assembly assembly, string resourceName)
    {
        var fileName = resourceName[(resourceName.LastIndexOf(ResourceFolder, StringComparison.Ordinal) + ResourceFolder.Length)..];
        var name = fileName[..^".sql".Length];
        var underscore = name.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0 || !int.TryParse(name.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"Migration '{fileName}' is not named NNNN_description.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Migration resource '{resourceName}' cannot be read.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var sql = reader.ReadToEnd().ReplaceLineEndings("\n");
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
        return new MigrationScript(version, name, sql, checksum);
    }
}
