using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SolarFleet.Grains.Alerts;
using SolarFleet.Network;
using SolarFleet.Webhooks.Delivery;

namespace SolarFleet.Webhooks.Hosting;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// Sends alert transitions to <paramref name="endpoints"/>: the alert store queues a delivery per webhook and
    /// transition (<see cref="AlertStoreOptions.Webhooks"/>), and a <see cref="WebhookDispatcher"/> hosted service sends
    /// them from the <see cref="IWebhookOutbox"/> the host registered. Connections follow the host's
    /// <see cref="TargetPolicy"/> (<see cref="TargetPolicy.Default"/> unless it registered one) and its
    /// <see cref="IHostResolver"/> (DNS unless it registered one). Register after the silo, so that the dispatcher
    /// starts once the silo (and its storage) has. No endpoints: nothing is registered.
    /// </summary>
    public static IServiceCollection AddSolarFleetWebhooks(
        this IServiceCollection services,
        IReadOnlyList<WebhookEndpoint> endpoints,
        WebhookDeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(options);
        if (endpoints.Count == 0)
        {
            return services;
        }

        services.Configure<AlertStoreOptions>(store => store.Webhooks = [.. endpoints.Select(endpoint => endpoint.Name)]);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(TargetPolicy.Default);
        services.TryAddSingleton<IHostResolver>(DnsHostResolver.Instance);
        services.AddSingleton(provider => new WebhookDispatcher(
            provider.GetRequiredService<IWebhookOutbox>(),
            endpoints,
            options,
            provider.GetRequiredService<TargetPolicy>(),
            provider.GetRequiredService<IHostResolver>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<WebhookDispatcher>>(),
            provider.GetService<IMeterFactory>()));
        services.AddHostedService(provider => provider.GetRequiredService<WebhookDispatcher>());
        return services;
    }
}
