using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SolarFleet.Webhooks.Tests.Infrastructure;

/// <summary>One request as the receiver saw it.</summary>
public sealed record ReceivedRequest(string? Signature, string? DeliveryId, string? ContentType, byte[] Body);

/// <summary>
/// A webhook receiver on 127.0.0.1 (a port the system picks): Kestrel answering each request with what the test's
/// script says for that request's number (1 for the first), and remembering every request.
/// </summary>
public sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedRequest> requests = new();
    private int count;

    private LoopbackReceiver(Func<int, CancellationToken, Task<int>> script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            requests.Enqueue(new ReceivedRequest(
                context.Request.Headers["X-SolarFleet-Signature"],
                context.Request.Headers["X-SolarFleet-Delivery"],
                context.Request.ContentType,
                body.ToArray()));
            context.Response.StatusCode = await script(Interlocked.Increment(ref count), context.RequestAborted);
        });
    }

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Requests => [.. requests];

    /// <summary>A receiver answering request n with <paramref name="script"/>(n): a status code, after whatever wait it likes.</summary>
    public static async Task<LoopbackReceiver> StartAsync(Func<int, CancellationToken, Task<int>> script, CancellationToken cancellationToken)
    {
        var receiver = new LoopbackReceiver(script);
        await receiver.app.StartAsync(cancellationToken);
        var address = receiver.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = new Uri(new Uri(address), "/hooks/solarfleet");
        return receiver;
    }

    /// <summary>Answers the listed status codes in turn, then 200.</summary>
    public static Task<LoopbackReceiver> AnsweringAsync(CancellationToken cancellationToken, params int[] statuses) =>
        StartAsync((n, _) => Task.FromResult(n <= statuses.Length ? statuses[n - 1] : 200), cancellationToken);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
