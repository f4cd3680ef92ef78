namespace SolarFleet.Silo.Tests.Infrastructure;

/// <summary>The checkout the tests were built from, for tests about its files (docs, the silo project).</summary>
public static class RepositoryRoot
{
    public static string Directory { get; } = Find();

    public static string File(params string[] parts) => Path.Combine([Directory, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "SolarFleet.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No SolarFleet.sln above {AppContext.BaseDirectory}.");
    }
}
