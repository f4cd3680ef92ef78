using System.Runtime.InteropServices;
using System.Text;
using SolarFleet.Protocol.Framing;
using SolarFleet.Protocol.Queries;

namespace SolarFleet.Protocol.Tests.Framing;

public sealed class PiRequestTests
{
    [Fact]
    public void Encodes_every_query_one_per_line_in_wire_order()
    {
        Assert.Equal(
            "PowerNow\nPowerToday\nPowerTotal\nStatus\nGridV\nGridHZ\nUpTime\nTimeStamp\n",
            Encoding.ASCII.GetString(PiRequest.Encode(PiQuerySet.All).Span));
    }

    [Fact]
    public void Encodes_a_subset_in_wire_order_whatever_the_flag_order()
    {
        Assert.Equal("PowerNow\nStatus\nTimeStamp\n",
            Encoding.ASCII.GetString(PiRequest.Encode(PiQuerySet.TimeStamp | PiQuerySet.PowerNow | PiQuerySet.Status).Span));
        Assert.Equal(3, PiRequest.AnswerCount(PiQuerySet.TimeStamp | PiQuerySet.PowerNow | PiQuerySet.Status));
    }

    [Fact]
    public void Builds_each_request_once()
    {
        Assert.True(MemoryMarshal.TryGetArray(PiRequest.Encode(PiQuerySet.GridV | PiQuerySet.GridHZ), out var first));
        Assert.True(MemoryMarshal.TryGetArray(PiRequest.Encode(PiQuerySet.GridV | PiQuerySet.GridHZ), out var second));

        Assert.Same(first.Array, second.Array);
    }

    [Fact]
    public void The_close_line_is_close_and_a_newline()
    {
        Assert.Equal("close\n", Encoding.ASCII.GetString(PiRequest.Close.Span));
    }

    [Theory]
    [InlineData(PiQuerySet.None)]
    [InlineData((PiQuerySet)0x100)]
    public void Refuses_an_empty_or_unknown_set(PiQuerySet queries)
    {
        Assert.Throws<ArgumentException>(() => PiRequest.Encode(queries));
    }
}
