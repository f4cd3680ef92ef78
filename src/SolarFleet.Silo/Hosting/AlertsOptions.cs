using SolarFleet.Webhooks;

namespace SolarFleet.Silo.Hosting;

/// <summary>SolarFleet:Alerts — where alert transitions are sent and how (see docs/webhooks.md), and how many resolved alerts the embedded store keeps.</summary>
public sealed class AlertsOptions
{
    /// <summary>The list of webhooks, as settings and start-up errors name it.</summary>
    public const string WebhooksSetting = "SolarFleet:Alerts:Webhooks";

    public const string DeliverySetting = "SolarFleet:Alerts:Delivery";

    public List<WebhookSettings> Webhooks { get; set; } = [];

    public WebhookDeliveryOptions Delivery { get; set; } = new();

    /// <summary>Resolved alerts the in-memory store (SolarFleet:Storage=Memory) keeps; open ones are always kept.</summary>
    public int MaxResolvedInMemory { get; set; } = 10_000;

    /// <summary>The webhooks these settings describe; every entry must be valid (<see cref="ConfigurationErrors"/> checks first).</summary>
    public IReadOnlyList<WebhookEndpoint> ToEndpoints() =>
        [.. Webhooks.Select(webhook => new WebhookEndpoint(webhook.EffectiveName, new Uri(webhook.Url!.Trim()), webhook.Secret!))];
}
