using System.Globalization;
using System.Net;
using SolarFleet.Network;
using SolarFleet.Silo.Auth;

namespace SolarFleet.Silo.Hosting;

/// <summary>Checks the bound configuration; every message names the setting it is about.</summary>
public static class ConfigurationErrors
{
    public static IReadOnlyList<string> Find(SolarFleetOptions options, string? connectionString)
    {
        var errors = new List<string>();
        var orleans = options.Orleans;

        if (!Enum.IsDefined(options.Storage))
        {
            errors.Add($"SolarFleet:Storage must be Memory or Postgres (was '{options.Storage}').");
        }

        if (options.Storage == StorageKind.Postgres && string.IsNullOrWhiteSpace(connectionString))
        {
            errors.Add("ConnectionStrings:SolarFleet is required when SolarFleet:Storage is Postgres.");
        }

        CheckPort(errors, "SolarFleet:Orleans:SiloPort", orleans.SiloPort);
        if (orleans.GatewayPort is < 0 or > 65535)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"SolarFleet:Orleans:GatewayPort must be 0 (no gateway) or 1-65535 (was {orleans.GatewayPort})."));
        }

        if (orleans.GatewayPort != 0 && orleans.SiloPort == orleans.GatewayPort)
        {
            errors.Add("SolarFleet:Orleans:SiloPort and SolarFleet:Orleans:GatewayPort must differ.");
        }

        // Grains are the whole fleet: nothing reaches them over the network without a certificate of the cluster.
        if (orleans.GatewayPort != 0 && !orleans.Tls.IsConfigured)
        {
            errors.Add("SolarFleet:Orleans:GatewayPort needs TLS (SolarFleet:Orleans:Tls:CertificatePath and CaPath): a gateway admits only clients with a certificate of the cluster CA.");
        }

        if (options.Storage == StorageKind.Postgres && orleans.Tls.Required && !orleans.Tls.IsConfigured)
        {
            errors.Add("SolarFleet:Orleans:Tls:CertificatePath and SolarFleet:Orleans:Tls:CaPath are required when SolarFleet:Storage is Postgres: silos talk over mutual TLS. For one silo on one host, whose silo port nobody else reaches, set SolarFleet:Orleans:Tls:Required=false.");
        }

        if (string.IsNullOrWhiteSpace(orleans.ClusterId))
        {
            errors.Add("SolarFleet:Orleans:ClusterId must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(orleans.ServiceId))
        {
            errors.Add("SolarFleet:Orleans:ServiceId must not be empty.");
        }

        if (!string.IsNullOrWhiteSpace(orleans.AdvertisedIp) && !IPAddress.TryParse(orleans.AdvertisedIp, out _))
        {
            errors.Add($"SolarFleet:Orleans:AdvertisedIp must be an IP address (was '{orleans.AdvertisedIp}').");
        }

        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            if (string.IsNullOrWhiteSpace(key.Key) || key.Key.Length < 16)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"SolarFleet:ApiKeys:{i}:Key must be at least 16 characters."));
            }

            if (!Enum.IsDefined(key.Role))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"SolarFleet:ApiKeys:{i}:Role must be reader or admin."));
            }

            // The name is written into alert history as who acknowledged: text a person reads and a database stores.
            if (key.Name is { } name && (string.IsNullOrWhiteSpace(name) || name.Length > 100 || name.Any(char.IsControl)))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"SolarFleet:ApiKeys:{i}:Name must be 1-100 characters with no control characters, or left out."));
            }
        }

        if (options.Metrics.MaxInverterSeries is < 0 or > 100_000)
        {
            errors.Add("SolarFleet:Metrics:MaxInverterSeries must be 0-100000.");
        }

        if (options.Metrics.MaxSiteSeries is < 0 or > 1_000_000)
        {
            errors.Add("SolarFleet:Metrics:MaxSiteSeries must be 0-1000000.");
        }

        if (options.Metrics.RefreshInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add("SolarFleet:Metrics:RefreshInterval must be at least 00:00:01.");
        }

        if (options.Api.MaxBodyBytes < 1024)
        {
            errors.Add("SolarFleet:Api:MaxBodyBytes must be at least 1024.");
        }

        if (options.Api.MaxFleetDocumentBytes < options.Api.MaxBodyBytes)
        {
            errors.Add("SolarFleet:Api:MaxFleetDocumentBytes must be at least SolarFleet:Api:MaxBodyBytes.");
        }

        if (options.Api.MaxReportDays < 1)
        {
            errors.Add("SolarFleet:Api:MaxReportDays must be at least 1.");
        }

        if (options.Demo.Speed is < 1 or > 3600)
        {
            errors.Add("SolarFleet:Demo:Speed must be 1-3600.");
        }

        if (options.Demo.BasePort != 0 && options.Demo.BasePort is < 49152 or > 65535)
        {
            errors.Add("SolarFleet:Demo:BasePort must be 0 (any free port) or 49152-65535.");
        }

        var networks = options.Polling.AllowedNetworks ?? [];
        var networksValid = true;
        for (var i = 0; i < networks.Count; i++)
        {
            if (!NetworkRange.TryParse(networks[i], out _, out var problem))
            {
                networksValid = false;
                errors.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{PollingOptions.AllowedNetworksSetting}:{i} must be a network in CIDR notation such as 192.168.0.0/16 (was '{networks[i]}': {problem})."));
            }
        }

        // Webhooks connect out on the same policy as polls: judged only once the policy itself is sound.
        CheckAlerts(errors, options.Alerts, networksValid ? options.Polling.ToPolicy() : null);
        return errors;
    }

    private static void CheckAlerts(List<string> errors, AlertsOptions alerts, TargetPolicy? policy)
    {
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < alerts.Webhooks.Count; i++)
        {
            var setting = string.Create(CultureInfo.InvariantCulture, $"{AlertsOptions.WebhooksSetting}:{i}");
            var webhook = alerts.Webhooks[i];
            errors.AddRange(webhook.Errors(setting, policy));
            if (!names.TryAdd(webhook.EffectiveName, i))
            {
                errors.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{setting}:Name '{webhook.EffectiveName}' is already the name of {AlertsOptions.WebhooksSetting}:{names[webhook.EffectiveName]}: each webhook needs its own (without a Name, its own URL)."));
            }
        }

        errors.AddRange(alerts.Delivery.Problems().Select(problem => $"{AlertsOptions.DeliverySetting}:{problem}."));
        if (alerts.MaxResolvedInMemory < 0)
        {
            errors.Add("SolarFleet:Alerts:MaxResolvedInMemory must be 0 or more.");
        }
    }

    private static void CheckPort(List<string> errors, string setting, int port)
    {
        if (port is < 1 or > 65535)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{setting} must be 1-65535 (was {port})."));
        }
    }
}
