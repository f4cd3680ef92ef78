namespace SolarFleet.Silo.Hosting;

/// <summary>
/// The files of the cluster's TLS in one directory, named as the keys of a Kubernetes TLS secret (tls.crt, tls.key,
/// ca.crt) plus the CA's key. Keys are written readable by their owner only (0600).
/// </summary>
public sealed class ClusterTlsFiles(string directory)
{
    public const string CaCertificate = "ca.crt";

    public const string CaKey = "ca.key";

    public const string Certificate = "tls.crt";

    public const string Key = "tls.key";

    public static readonly IReadOnlyList<string> All = [CaCertificate, CaKey, Certificate, Key];

    public string Directory { get; } = System.IO.Path.GetFullPath(directory);

    public string Path(string name) => System.IO.Path.Combine(Directory, name);

    /// <summary>Which of <paramref name="names"/> are there already.</summary>
    public IReadOnlyList<string> Existing(IEnumerable<string> names) => [.. names.Where(n => File.Exists(Path(n)) || System.IO.Directory.Exists(Path(n)))];

    public Task<string> ReadAsync(string name, CancellationToken cancellationToken) => File.ReadAllTextAsync(Path(name), cancellationToken);

    /// <summary>
    /// Writes every file, each first to a temporary file beside it and then renamed into place, so that a reader never
    /// sees half a file. Without <paramref name="overwrite"/> an existing file is an <see cref="IOException"/>.
    /// </summary>
    public async Task WriteAsync(IReadOnlyDictionary<string, string> contents, bool overwrite, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var written = new List<(string Temporary, string Name)>();
        try
        {
            foreach (var (name, text) in contents)
            {
                var temporary = Path($".{name}.{Guid.NewGuid():N}.tmp");
                written.Add((temporary, name));
                await using var stream = new FileStream(temporary, Options(IsKey(name)));
                await using var writer = new StreamWriter(stream);
                await writer.WriteAsync(text.AsMemory(), cancellationToken);
            }

            foreach (var (temporary, name) in written)
            {
                File.Move(temporary, Path(name), overwrite);
            }
        }
        finally
        {
            foreach (var (temporary, _) in written)
            {
                File.Delete(temporary);
            }
        }
    }

    private static bool IsKey(string name) => name is CaKey or Key;

    private static FileStreamOptions Options(bool key)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = key
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }

        return options;
    }
}
