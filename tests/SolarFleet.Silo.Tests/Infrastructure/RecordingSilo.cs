using Microsoft.Extensions.DependencyInjection;
using SolarFleet.Protocol.Polling;

namespace SolarFleet.Silo.Tests.Infrastructure;

/// <summary>The real SolarFleet host whose Pi client only records what it is asked to poll.</summary>
public class RecordingSilo : IAsyncLifetime
{
    public RecordingSilo()
        : this([])
    {
    }

    protected RecordingSilo(IEnumerable<KeyValuePair<string, string>> settings)
    {
        Factory = new SolarFleetFactory().WithServices(services => services.AddSingleton<IPiClient>(PiClient));
        foreach (var (key, value) in settings)
        {
            Factory.With(key, value);
        }
    }

    public SolarFleetFactory Factory { get; }

    public RecordingPiClient PiClient { get; } = new();

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Reader { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Admin = Factory.Client(SolarFleetFactory.AdminKey);
        Reader = Factory.Client(SolarFleetFactory.ReaderKey);
        return ValueTask.CompletedTask;
    }

    /// <summary>Whether the grains asked to poll <paramref name="host"/> (as stored, so in canonical form).</summary>
    public bool Polled(string host) => PiClient.Polled.Any(e => e.Host == host);

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        Reader.Dispose();
        await Factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A <see cref="RecordingSilo"/> whose policy allows only 10.0.0.0/8: loopback, in any notation, is not listed.</summary>
public sealed class TenOnlyRecordingSilo()
    : RecordingSilo([new("SolarFleet:Polling:AllowedNetworks:0", "10.0.0.0/8")]);
