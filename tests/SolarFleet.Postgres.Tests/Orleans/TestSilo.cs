using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using SolarFleet.Postgres.Hosting;
using SolarFleet.Postgres.Tests.Infrastructure;

namespace SolarFleet.Postgres.Tests.Orleans;

/// <summary>A real silo in this process: PostgreSQL storage, loopback endpoints on free ports.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost host;

    private TestSilo(IHost host, int siloPort)
    {
        this.host = host;
        SiloPort = siloPort;
    }

    public int SiloPort { get; }

    public IServiceProvider Services => host.Services;

    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<TestSilo> StartAsync(string connectionString, string clusterId, CancellationToken cancellationToken)
    {
        var siloPort = LoopbackPort.Free();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = "solarfleet-tests";
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, LoopbackPort.Free());
            silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.UseSolarFleetPostgres(connectionString);
            silo.AddAdoNetGrainStorage(OrleansAdoNetStorage.Name, (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
                options.Configure<Serializer>((storage, serializer) =>
                {
                    storage.Invariant = PostgresSiloBuilderExtensions.Invariant;
                    storage.ConnectionString = connectionString;
                    storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                }));
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new TestSilo(host, siloPort);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await host.StopAsync(timeout.Token);
        }
        finally
        {
            host.Dispose();
        }
    }
}
