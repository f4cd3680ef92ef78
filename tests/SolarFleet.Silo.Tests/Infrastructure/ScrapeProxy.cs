using System.Net;
using SolarFleet.Postgres.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Infrastructure;

/// <summary>
/// The in-memory test host's /metrics on a real loopback port, for a Prometheus server to scrape: each request is
/// answered with a fresh scrape through the test client.
/// </summary>
public sealed class ScrapeProxy : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ScrapeProxy(HttpClient client)
    {
        _client = client;
        Port = LoopbackPort.Free();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        _listener.Close();
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            using var response = await _client.GetAsync(new Uri(context.Request.Url!.PathAndQuery, UriKind.Relative), _stop.Token);
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            await response.Content.CopyToAsync(context.Response.OutputStream, _stop.Token);
            context.Response.Close();
        }
    }
}
