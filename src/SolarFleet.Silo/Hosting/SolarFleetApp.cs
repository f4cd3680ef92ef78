using System.Net;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Orleans.Serialization;
using Orleans.Storage;
using SolarFleet.Grains.Alerts;
using SolarFleet.Grains.Hosting;
using SolarFleet.Grains.Telemetry;
using SolarFleet.Postgres.Hosting;
using SolarFleet.Silo.Api;
using SolarFleet.Silo.Api.Fleet;
using SolarFleet.Silo.Api.Json;
using SolarFleet.Silo.Api.OpenApi;
using SolarFleet.Silo.Api.Energy;
using SolarFleet.Silo.Api.Power;
using SolarFleet.Silo.Api.Alerts;
using SolarFleet.Silo.Auth;
using SolarFleet.Silo.Dashboard;
using SolarFleet.Silo.Demo;
using SolarFleet.Silo.Health;
using SolarFleet.Silo.Telemetry;
using SolarFleet.Webhooks.Hosting;

namespace SolarFleet.Silo.Hosting;

/// <summary>Builds the SolarFleet host: an ASP.NET Core application co-hosting an Orleans silo.</summary>
public static class SolarFleetApp
{
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(CommandLine.Normalize(args));
        if (HttpListenAddress.Fallback(builder.Configuration) is { } fallback)
        {
            builder.WebHost.UseUrls(fallback);
        }

        var options = ReadOptions(builder.Configuration);
        var connectionString = builder.Configuration.GetConnectionString("SolarFleet");
        var errors = ConfigurationErrors.Find(options, connectionString).ToList();
        errors.AddRange(AlertRuleErrors.Find(builder.Configuration));
        var certificates = options.Orleans.Tls.IsConfigured ? ClusterCertificates.Load(options.Orleans.Tls, errors) : null;
        if (errors.Count > 0)
        {
            certificates?.Dispose();
            throw new InvalidConfigurationException(errors);
        }

        if (certificates is not null)
        {
            builder.Services.AddSingleton(certificates);
        }

        if (options.Demo.Enabled)
        {
            DemoFleet.ApplyDefaults(builder.Configuration);
        }

        var demoAdminKey = options.Demo.Enabled ? DemoFleet.AddGeneratedAdminKey(options) : null;
        var clock = options.Demo.Enabled ? DemoFleet.CreateClock(options.Demo) : TimeProvider.System;
        builder.Services.AddOptions<SolarFleetOptions>().Bind(builder.Configuration.GetSection(SolarFleetOptions.Section));
        builder.Services.AddSolarFleetClock(clock);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

        // One policy for the API, which refuses to register what it refuses, and for the Pi client, which refuses to poll it.
        builder.Services.AddSingleton(options.Polling.ToPolicy());
        builder.Services.Configure<AlertStoreOptions>(store => store.MaxResolvedInMemory = options.Alerts.MaxResolvedInMemory);
        builder.UseOrleans(silo => ConfigureSilo(silo, options, connectionString, certificates, builder.Configuration));

        // After the silo: the dispatcher starts once the silo and its storage have, and stops before them.
        builder.Services.AddSolarFleetWebhooks(options.Alerts.ToEndpoints(), options.Alerts.Delivery);
        if (options.Demo.Enabled)
        {
            var plan = DemoFleetPlan.At(clock.GetUtcNow());
            builder.Services.AddSingleton(plan);
            builder.Services.AddSingleton<DemoFleet>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoFleet>());

            // Shown once on the console after start-up, never logged: the key exists only in this process.
            builder.Services.AddSingleton(new DemoWelcome(demoAdminKey, new DemoNewcomerPi(plan.Sites[0], clock)));
        }

        AddApi(builder.Services, options);
        AddTelemetry(builder, options.Metrics);
        var health = builder.Services.AddHealthChecks()
            .AddCheck<SiloReadinessCheck>("silo", tags: ["ready"]);
        if (options.Storage == StorageKind.Postgres)
        {
            health.AddCheck<HistoryReadinessCheck>("history", tags: ["ready"]);
            health.AddCheck<AlertStoreReadinessCheck>("alerts", tags: ["ready"]);
        }
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        // A store that cannot answer is a 503 (try again), not a 500 (a bug).
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => StoreUnavailable.Is(ex) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();

        var api = app.MapGroup("/api").CheckRouteIds();
        api.MapSiteEndpoints();
        api.MapInverterEndpoints();
        api.MapFleetEndpoints();
        api.MapEnergyEndpoints();
        api.MapPowerEndpoints();
        api.MapAlertEndpoints();
        app.MapDashboard();
        if (app.Services.GetService<DemoWelcome>() is { } welcome)
        {
            app.Lifetime.ApplicationStarted.Register(() => welcome.Print(app.Urls, Console.Out));
        }

        return app;
    }

    /// <summary>Binds the SolarFleet section, naming the setting when a value has the wrong type.</summary>
    public static SolarFleetOptions ReadOptions(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(SolarFleetOptions.Section).Get<SolarFleetOptions>() ?? new SolarFleetOptions();
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidConfigurationException(ex.Message, ex);
        }
    }

    private static void ConfigureSilo(ISiloBuilder silo, SolarFleetOptions options, string? connectionString, ClusterCertificates? certificates, ConfigurationManager configuration)
    {
        silo.AddSolarFleetGrains(grains => configuration.GetSection(SolarFleetOptions.Section + ":Grains").Bind(grains));
        silo.Services.Configure<AlertRuleOptions>(configuration.GetSection(AlertRuleOptions.Section));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, WatchdogStartStamp>();
        var cluster = options.Orleans;
        if (certificates is not null)
        {
            // Mutual TLS on every Orleans connection: silo to silo both ways, and a gateway's clients. Each end shows a
            // certificate of the cluster CA, and accepts only such a certificate from the other.
            silo.UseTls(tls =>
            {
                tls.LocalCertificate = certificates.Certificate;
                tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
                tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
                tls.RemoteCertificateValidation = certificates.Accepts;
            });
        }

        if (options.Storage == StorageKind.Memory)
        {
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
            // The Orleans binary format, as on PostgreSQL. Orleans' default here is JSON with type names, and every
            // grain's stored state stays in this process for the life of the silo: an inverter's took about 3.2 KB as
            // JSON, and takes about 0.5 KB in binary (without the empty alert tracks AlertBook no longer keeps).
            silo.AddMemoryGrainStorage(SolarFleetStorage.GrainStateProvider, storage => storage.Configure<Serializer>(
                (o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));
            silo.UseInMemoryReminderService();

            // In-memory state ends with the process; writing it while the storage's own grains go away only fails.
            silo.Services.Configure<SolarFleetGrainOptions>(grains => grains.WriteStateOnShutdown = false);
        }
        else
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            var advertised = string.IsNullOrWhiteSpace(cluster.AdvertisedIp) ? null : IPAddress.Parse(cluster.AdvertisedIp);
            if (advertised is not null)
            {
                silo.ConfigureEndpoints(advertised, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
            }
            else
            {
                silo.ConfigureEndpoints(cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
            }

            if (cluster.GatewayPort == 0)
            {
                // listenOnAnyHostAddress sets a gateway endpoint even for port 0, which would open one on a random port.
                silo.Configure<EndpointOptions>(o => o.GatewayListeningEndpoint = null);
            }

            silo.UseSolarFleetPostgres(
                connectionString!,
                history => configuration.GetSection(SolarFleetOptions.Section + ":History").Bind(history),
                alerts => configuration.GetSection(SolarFleetOptions.Section + ":Alerts:Store").Bind(alerts));
        }
    }

    private static void AddApi(IServiceCollection services, SolarFleetOptions options)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            if (context.ProblemDetails.Status == StatusCodes.Status503ServiceUnavailable && StoreUnavailable.Is(context.Exception))
            {
                context.ProblemDetails.Detail = StoreUnavailable.Detail;
                context.HttpContext.Response.Headers.RetryAfter = "5";
            }
        });
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;

            // Numbers are numbers: "50000" is not a port (the web defaults would read it, and advertise it).
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.AllowDuplicateProperties = false;
        });
        services.AddSingleton<JsonBody>();
        services.AddSingleton<EnergyReports>();
        services.AddSingleton<PowerCurves>();
        services.AddSingleton<FleetDocuments>();
        services.AddSingleton(new ApiKeyStore(options.ApiKeys));
        var authentication = services.AddAuthentication(AuthPolicies.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthPolicies.Scheme, null);
        var anonymousReads = options.Auth.AllowAnonymousReads || options.Demo.Enabled;
        services.AddDashboard(authentication, anonymousReads);
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Read, p => p.RequireAssertion(c => anonymousReads || c.User.IsInRole("reader") || c.User.IsInRole("admin")))
            .AddPolicy(AuthPolicies.Admin, p => p.RequireAuthenticatedUser().RequireRole("admin"));
        services.AddOpenApi(openApi =>
        {
            var security = new ApiKeySecurityTransformer();
            openApi.AddDocumentTransformer(security);
            openApi.AddOperationTransformer(security);
            openApi.AddOperationTransformer<ParameterTransformer>();
            openApi.AddSchemaTransformer<RequestSchemaTransformer>();
        });
    }

    private static void AddTelemetry(WebApplicationBuilder builder, MetricsOptions metrics)
    {
        builder.Services.AddSingleton<FleetMetrics>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FleetMetrics>());
        builder.Services.AddSingleton<IHealthCheckPublisher, ReadinessMetrics>();
        builder.Services.Configure<HealthCheckPublisherOptions>(o =>
        {
            o.Delay = TimeSpan.FromSeconds(2);
            o.Period = metrics.RefreshInterval;
            o.Predicate = c => c.Tags.Contains("ready");
        });
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("solarfleet-silo"))
            .WithMetrics(m =>
            {
                m.AddMeter(SolarFleetMetrics.MeterName, MetricViews.OrleansMeter)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddSolarFleetViews(metrics)
                    // Every series would carry otel_scope_name; the names say where they come from.
                    .AddPrometheusExporter(o => o.ScopeInfoEnabled = false);
                if (otlp)
                {
                    m.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(t => t.AddAspNetCoreInstrumentation().AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application").AddOtlpExporter());
        }
    }
}
