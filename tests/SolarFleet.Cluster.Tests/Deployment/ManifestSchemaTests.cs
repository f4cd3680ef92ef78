using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Cluster.Tests.Deployment;

/// <summary>
/// The deployment files, checked without a cluster or a Docker engine by .ci/node-checks/validate.mjs: every k8s/
/// document against the Kubernetes schema of its kind, the compose file against the Compose specification, the cluster
/// TLS files as the Deployment and the compose silos get them, and the silo's ports against what the image exposes, the
/// Deployment declares and the NetworkPolicy opens.
/// </summary>
public sealed class ManifestSchemaTests
{
    [Fact]
    public async Task The_kubernetes_manifests_and_the_compose_file_match_their_schemas_the_cluster_tls_files_and_the_silo_ports()
    {
        var (code, output) = await NodeChecks.RunAsync("node", ["validate.mjs"], TestContext.Current.CancellationToken);

        Assert.True(code == 0, $"validate.mjs found problems:\n{output}");
        Assert.Contains("ok   k8s/silo.yaml", output, StringComparison.Ordinal);
        Assert.Contains("ok   deploy/docker-compose.yml", output, StringComparison.Ordinal);
        Assert.Contains("ok   cluster TLS", output, StringComparison.Ordinal);
    }
}
