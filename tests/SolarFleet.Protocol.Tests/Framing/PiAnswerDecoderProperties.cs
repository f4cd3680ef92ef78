using System.Text.RegularExpressions;
using FsCheck.Xunit;
using SolarFleet.Protocol.Framing;
using SolarFleet.Protocol.Queries;
using static SolarFleet.Protocol.Tests.Framing.DecoderHarness;

namespace SolarFleet.Protocol.Tests.Framing;

public sealed class PiAnswerDecoderProperties
{
    /// <summary>
    /// Every failure message the decoder may give: only its own words, query names from the catalogue and numbers, so
    /// nothing a peer sends (a banner, say) can come back to whoever reads the message.
    /// </summary>
    private static readonly Regex OwnWords = BuildOwnWords();

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

    [Property(Arbitrary = [typeof(DecoderArbitraries)], MaxTest = 1000)]
    public bool A_failure_is_told_in_solarfleets_words_and_numbers_never_with_the_peers_bytes(byte[] garbage, int[] cuts)
    {
        var decoder = DecodeInChunks(garbage, cuts);

        return decoder.Failure is not { Message: var message } || OwnWords.IsMatch(message);
    }

    [Fact]
    public void A_failure_template_does_not_match_text_a_peer_chose()
    {
        Assert.Matches(OwnWords, "protocol error: the Pi sent a line that is not an answer (31 bytes)");
        Assert.DoesNotMatch(OwnWords, "protocol error: the Pi sent 'SSH-2.0-OpenSSH_9.6', which is not an answer");
        Assert.DoesNotMatch(OwnWords, "protocol error: PowerNow value 'root:x:0:0' is not an integer");
    }

    private static Regex BuildOwnWords()
    {
        var query = "(" + string.Join('|', PiQueryCatalog.All.Select(PiQueryCatalog.WireName)) + ")";
        string[] templates =
        [
            @"protocol error: the Pi sent more than \d+ bytes in one poll",
            @"protocol error: the Pi sent a (non-ASCII|control) byte \(byte \d+ of the poll\)",
            @"protocol error: the Pi sent a line longer than \d+ bytes",
            @"protocol error: the Pi sent a line that is not an answer \(\d+ bytes?\)",
            $@"protocol error: the Pi answered {query} with an error other than 'invalid query' \(\d+ bytes?\)",
            $@"protocol error: the Pi answered {query}, which was not asked",
            $@"protocol error: the Pi answered {query} twice",
            $@"protocol error: {query} value is empty",
            $@"protocol error: {query} value of \d+ bytes? is not (an integer|a number|a valid date-time|a date-time \(yyyy-mm-dd hh:mm:ss\))",
            $@"protocol error: {query} value is outside 0-\d+( W| Wh| V| Hz| s)?",
            @"connection closed by the Pi after \d+ of \d+ answers",
        ];
        return new Regex("^(" + string.Join('|', templates) + ")$", RegexOptions.CultureInvariant);
    }
}
