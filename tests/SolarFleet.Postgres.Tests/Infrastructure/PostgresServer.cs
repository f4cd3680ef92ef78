using System.Diagnostics;
using System.Globalization;
using System.Net;
using Npgsql;
using SolarFleet.Postgres.Schema;

namespace SolarFleet.Postgres.Tests.Infrastructure;

/// <summary>
/// A private PostgreSQL server started from the installed binaries: its own data directory under /tmp, a free
/// loopback port, trust authentication, unix sockets inside its directory. Runs as the <c>postgres</c> OS user
/// when the tests run as root (the server refuses root). Never skips: when no server can be started the
/// tests fail with the reason.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string OsUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly string binDirectory;
    private readonly string rootDirectory;
    private readonly string dataDirectory;
    private readonly bool runAsPostgres;

    private PostgresServer(string binDirectory, string rootDirectory, int port, bool runAsPostgres)
    {
        this.binDirectory = binDirectory;
        this.rootDirectory = rootDirectory;
        dataDirectory = Path.Combine(rootDirectory, "data");
        this.runAsPostgres = runAsPostgres;
        Port = port;
    }

    public int Port { get; }

    public bool IsRunning { get; private set; }

    /// <summary>Connection string for the given database as the superuser, over TCP on 127.0.0.1.</summary>
    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = IPAddress.Loopback.ToString(),
        Port = Port,
        Username = OsUser,
        Database = database,
        Timeout = 5,
        // Each test creates and drops databases; pooled connections would keep them busy.
        Pooling = false,
    }.ConnectionString;

    public static async Task<PostgresServer> StartNewAsync(CancellationToken cancellationToken)
    {
        var binDirectory = FindBinDirectory();
        var runAsPostgres = Environment.IsPrivilegedProcess;
        var root = Directory.CreateTempSubdirectory("solarfleet-pg-").FullName;
        var server = new PostgresServer(binDirectory, root, LoopbackPort.Free(), runAsPostgres);
        try
        {
            if (runAsPostgres)
            {
                await RunAsync("chown", ["-R", OsUser, root], asPostgres: false, cancellationToken);
            }

            await server.RunToolAsync(
                "initdb",
                ["-D", server.dataDirectory, "-U", OsUser, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"],
                cancellationToken);
            await File.AppendAllTextAsync(
                Path.Combine(server.dataDirectory, "postgresql.conf"),
                string.Join(
                    '\n',
                    "listen_addresses = '127.0.0.1'",
                    string.Create(CultureInfo.InvariantCulture, $"port = {server.Port}"),
                    $"unix_socket_directories = '{root}'",
                    "fsync = off",
                    "synchronous_commit = off",
                    "full_page_writes = off",
                    "max_connections = 200",
                    "shared_buffers = 32MB",
                    ""),
                cancellationToken);
            if (runAsPostgres)
            {
                await RunAsync("chown", ["-R", OsUser, root], asPostgres: false, cancellationToken);
            }

            await server.StartAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await RunToolAsync(
            "pg_ctl",
            ["-D", dataDirectory, "-l", Path.Combine(rootDirectory, "server.log"), "-w", "-t", "60", "start"],
            cancellationToken);
        IsRunning = true;
    }

    /// <summary>Stops the server at once (<c>pg_ctl stop -m fast</c>): open sessions are cut.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await RunToolAsync("pg_ctl", ["-D", dataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], cancellationToken);
        IsRunning = false;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    /// <summary>Creates an empty database, applies the SolarFleet schema and returns its connection string.</summary>
    public async Task<string> CreateMigratedDatabaseAsync(string prefix, CancellationToken cancellationToken)
    {
        var connectionString = await CreateDatabaseAsync(prefix, cancellationToken);
        await new PostgresMigrator().MigrateAsync(connectionString, cancellationToken);
        return connectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (IsRunning)
        {
            try
            {
                await StopAsync(CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // Removing the directory below still leaves nothing behind once the server exits.
            }
        }

        try
        {
            Directory.Delete(rootDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Task RunToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunAsync(Path.Combine(binDirectory, tool), arguments, runAsPostgres, cancellationToken);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres)
        {
            foreach (var argument in new[] { "-u", OsUser, "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {program}.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"PostgreSQL test server: '{program} {string.Join(' ', arguments)}' exited with {process.ExitCode}.\n{await output}\n{await error}");
        }
    }

    private static string FindBinDirectory()
    {
        var candidates = new List<string>();
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is not null)
            {
                var bin = process.StandardOutput.ReadToEnd().Trim();
                process.WaitForExit();
                candidates.Add(bin);
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No pg_config on the PATH: fall back to the Debian layout below.
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(dir => int.TryParse(Path.GetFileName(dir), out var major) ? major : 0)
                .Select(dir => Path.Combine(dir, "bin")));
        }

        return candidates.FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found via 'pg_config --bindir' or /usr/lib/postgresql/*/bin. "
                + "Install the Debian package 'postgresql' (these tests never skip).");
    }
}
