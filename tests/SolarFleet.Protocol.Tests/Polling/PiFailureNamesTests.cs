using SolarFleet.Protocol.Polling;

namespace SolarFleet.Protocol.Tests.Polling;

/// <summary>The names themselves are pinned where people read them: the poll metrics' result labels (SolarFleetMetricsTests).</summary>
public sealed class PiFailureNamesTests
{
    [Fact]
    public void Every_failure_cause_has_a_lower_snake_case_name_and_only_the_two_timeouts_share_one()
    {
        var kinds = Enum.GetValues<PiFailureKind>();
        foreach (var kind in kinds)
        {
            Assert.Matches("^[a-z]+(_[a-z]+)*$", PiFailureNames.Of(kind));
        }

        Assert.Equal(PiFailureNames.Of(PiFailureKind.ConnectTimeout), PiFailureNames.Of(PiFailureKind.PollTimeout));
        Assert.Equal(kinds.Length - 1, kinds.Select(PiFailureNames.Of).Distinct(StringComparer.Ordinal).Count());
    }
}
