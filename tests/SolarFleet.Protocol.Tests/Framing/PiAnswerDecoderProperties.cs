using FsCheck.Xunit;
using SolarFleet.Protocol.Framing;
using static SolarFleet.Protocol.Tests.Framing.DecoderHarness;

namespace SolarFleet.Protocol.Tests.Framing;

public sealed class PiAnswerDecoderProperties
{
    [Property(Arbitrary = [typeof(DecoderArbitraries)], MaxTest = 500)]
    public bool Any_split_of_a_valid_stream_in_any_terminator_style_decodes_to_the_same_reading(AnswerScript script, int[] cuts)
    {
        var decoder = DecodeInChunks(script.Bytes(), cuts, script.Queries);

        return decoder.Status == PiDecodeStatus.Complete && decoder.GetReading() == script.Expected();
    }

    [Property(Arbitrary = [typeof(DecoderArbitraries)], MaxTest = 500)]
    public bool Garbage_never_throws_and_always_ends_in_a_typed_result(byte[] garbage, int[] cuts)
    {
        var decoder = DecodeInChunks(garbage, cuts);

        return decoder.Status switch
        {
            PiDecodeStatus.Complete => decoder.Failure is null && decoder.GetReading() is not null,
            PiDecodeStatus.Failed => decoder.Failure is { Message: var message } && !message.Contains('\n', StringComparison.Ordinal),
            _ => false,
        };
    }

    [Property(Arbitrary = [typeof(DecoderArbitraries)], MaxTest = 500)]
    public bool How_bytes_are_split_never_changes_the_outcome(byte[] garbage, int[] cuts)
    {
        var whole = DecodeInChunks(garbage, []);
        var split = DecodeInChunks(garbage, cuts);

        return whole.Status == split.Status
            && whole.Failure == split.Failure
            && (whole.Status != PiDecodeStatus.Complete || whole.GetReading() == split.GetReading());
    }
}
