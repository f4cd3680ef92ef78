using SolarFleet.Silo.Hosting;
using SolarFleet.Webhooks;

namespace SolarFleet.Silo.Tests.Hosting;

public sealed class WebhookSettingsTests
{
    private const string Secret = "a-secret-of-enough-length";

    private static IReadOnlyList<string> Errors(Action<SolarFleetOptions> configure)
    {
        var options = new SolarFleetOptions();
        configure(options);
        return ConfigurationErrors.Find(options, null);
    }

    private static WebhookSettings Webhook(string url, string? secret = Secret, string? name = null) => new() { Url = url, Secret = secret, Name = name };

    [Fact]
    public void A_webhook_on_an_allowed_network_with_a_long_secret_is_valid_and_named_after_its_url_when_unnamed()
    {
        var options = new SolarFleetOptions();
        options.Alerts.Webhooks.Add(Webhook("http://10.1.2.3:8080/hook"));
        options.Alerts.Webhooks.Add(Webhook("https://hooks.internal.example/solarfleet", name: "ops"));

        Assert.Empty(ConfigurationErrors.Find(options, null));
        var endpoints = options.Alerts.ToEndpoints();
        Assert.Equal([WebhookEndpoint.DefaultName("http://10.1.2.3:8080/hook"), "ops"], endpoints.Select(e => e.Name));
        Assert.StartsWith("url-", endpoints[0].Name, StringComparison.Ordinal);
    }

    [Fact]
    public void A_webhook_address_the_polling_policy_refuses_stops_the_start_without_repeating_the_url()
    {
        var errors = Errors(options =>
        {
            options.Alerts.Webhooks.Add(Webhook("http://203.0.113.5/hook?token=abc"));
            options.Alerts.Webhooks.Add(Webhook("http://169.254.169.254/latest"));
        });

        Assert.Equal(2, errors.Count);
        Assert.StartsWith("SolarFleet:Alerts:Webhooks:0:Url: the policy does not allow sending to", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("SolarFleet:Alerts:Webhooks:1:Url", errors[1], StringComparison.Ordinal);
        Assert.DoesNotContain(errors, error => error.Contains("token=abc", StringComparison.Ordinal));
    }

    [Fact]
    public void Loopback_is_refused_when_the_allowed_networks_leave_it_out()
    {
        var errors = Errors(options =>
        {
            options.Polling.AllowedNetworks = ["10.0.0.0/8"];
            options.Alerts.Webhooks.Add(Webhook("http://127.0.0.1:61001/hook"));
        });

        Assert.StartsWith("SolarFleet:Alerts:Webhooks:0:Url: the policy does not allow", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Short_secrets_bad_urls_bad_or_repeated_names_and_unworkable_delivery_settings_name_their_settings()
    {
        var errors = Errors(options =>
        {
            options.Alerts.Webhooks.Add(Webhook("http://10.0.0.1/a", secret: "short"));
            options.Alerts.Webhooks.Add(Webhook("ftp://10.0.0.1/b"));
            options.Alerts.Webhooks.Add(Webhook("http://user:pw@10.0.0.1/c"));
            options.Alerts.Webhooks.Add(Webhook("http://10.0.0.1/d", name: "has space"));
            options.Alerts.Webhooks.Add(Webhook("http://10.0.0.1/e", name: "ops"));
            options.Alerts.Webhooks.Add(Webhook("http://10.0.0.1/f", name: "OPS"));
            options.Alerts.Delivery.LeaseTime = options.Alerts.Delivery.Timeout;
            options.Alerts.Delivery.MaxAttempts = 0;
        });

        Assert.Contains("SolarFleet:Alerts:Webhooks:0:Secret must be at least 16 characters.", errors);
        Assert.Contains("SolarFleet:Alerts:Webhooks:1:Url must be an absolute http:// or https:// URL.", errors);
        Assert.Contains(errors, error => error.StartsWith("SolarFleet:Alerts:Webhooks:2:Url must not carry a user name", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("SolarFleet:Alerts:Webhooks:3:Name must be", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("SolarFleet:Alerts:Webhooks:5:Name 'OPS' is already the name of SolarFleet:Alerts:Webhooks:4", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("SolarFleet:Alerts:Delivery:LeaseTime must be longer than Timeout", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("SolarFleet:Alerts:Delivery:MaxAttempts must be at least 1", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, error => error.Contains("pw@", StringComparison.Ordinal));
    }
}
