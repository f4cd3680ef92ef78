using System.Text;
using SolarFleet.Protocol.Framing;
using SolarFleet.Protocol.Polling;
using SolarFleet.Protocol.Queries;
using SolarFleet.Protocol.Readings;
using SolarFleet.Protocol.Tests.Peers;
using static SolarFleet.Protocol.Tests.Framing.DecoderHarness;

namespace SolarFleet.Protocol.Tests.Framing;

public sealed class PiAnswerDecoderTests
{
    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Decodes_every_quantity_with_either_line_end(string terminator)
    {
        var decoder = Decode(SampleAnswers.All(terminator));

        Assert.Equal(PiDecodeStatus.Complete, decoder.Status);
        Assert.Equal(SampleAnswers.Reading, decoder.GetReading());
        Assert.Equal(8, decoder.AnswersReceived);
    }

    [Theory]
    [InlineData("12345.678", 3)]
    [InlineData("12346", 0)]
    [InlineData("12345.6 ", 1)]
    public void Power_total_says_its_resolution_by_the_digits_after_the_point(string answer, int decimals)
    {
        var decoder = Decode($"success: PowerTotal {answer}\n", PiQuerySet.PowerTotal);

        Assert.Equal(decimals, decoder.GetReading().PowerTotalDecimals);
    }

    [Fact]
    public void Without_terminators_markers_end_answers_and_a_pause_ends_the_last()
    {
        var decoder = Decode(SampleAnswers.All(terminator: string.Empty));

        Assert.Equal(PiDecodeStatus.NeedMore, decoder.Status);
        Assert.True(decoder.HasPartialAnswer);
        Assert.Equal(7, decoder.AnswersReceived);

        Assert.Equal(PiDecodeStatus.Complete, decoder.EndOfAnswer());
        Assert.Equal(SampleAnswers.Reading, decoder.GetReading());
    }

    [Fact]
    public void Without_terminators_the_close_ends_the_last_answer()
    {
        var decoder = Decode(SampleAnswers.All(terminator: string.Empty), closed: true);

        Assert.Equal(PiDecodeStatus.Complete, decoder.Status);
        Assert.Equal(SampleAnswers.Reading, decoder.GetReading());
    }

    [Fact]
    public void Decodes_one_byte_at_a_time()
    {
        var decoder = new PiAnswerDecoder(PiQuerySet.All);
        foreach (var b in Encoding.ASCII.GetBytes(SampleAnswers.All("\r\n")))
        {
            decoder.Feed([b]);
        }

        Assert.Equal(PiDecodeStatus.Complete, decoder.Status);
        Assert.Equal(SampleAnswers.Reading, decoder.GetReading());
    }

    [Fact]
    public void Accepts_a_timestamp_written_with_slashes_as_unspecified_local_time()
    {
        var decoder = Decode("success: TimeStamp 2023/07/07 14:05:23\n", PiQuerySet.TimeStamp);

        var timestamp = decoder.GetReading().Timestamp;
        Assert.Equal(SampleAnswers.Reading.Timestamp, timestamp);
        Assert.Equal(DateTimeKind.Unspecified, timestamp!.Value.Kind);
    }

    [Fact]
    public void Invalid_query_marks_the_oldest_open_query_unsupported_and_the_poll_still_succeeds()
    {
        // Requests go out in wire order: PowerNow, Status, GridHZ.
        var decoder = Decode("success: PowerNow 2984\nerror: invalid query\nsuccess: GridHZ 60.01\n",
            PiQuerySet.PowerNow | PiQuerySet.GridHZ | PiQuerySet.Status);

        var reading = decoder.GetReading();
        Assert.Equal(2984, reading.PowerNowW);
        Assert.Null(reading.StatusCode);
        Assert.Equal(60.01, reading.GridFrequencyHz);
        Assert.Equal(PiQuerySet.Status, reading.Unsupported);
    }

    [Fact]
    public void Matches_answers_by_name_whatever_their_order_and_case()
    {
        var decoder = Decode("SUCCESS: gridhz 60.01\nsuccess: POWERNOW 2984\nerror: INVALID QUERY\n",
            PiQuerySet.PowerNow | PiQuerySet.Status | PiQuerySet.GridHZ);

        var reading = decoder.GetReading();
        Assert.Equal(60.01, reading.GridFrequencyHz);
        Assert.Equal(2984, reading.PowerNowW);
        Assert.Equal(PiQuerySet.Status, reading.Unsupported);
    }

    [Fact]
    public void An_answer_without_a_name_answers_the_oldest_open_query()
    {
        var decoder = Decode("success: 2984\nsuccess: 2023-07-07 14:05:23\n", PiQuerySet.PowerNow | PiQuerySet.TimeStamp);

        Assert.Equal(2984, decoder.GetReading().PowerNowW);
        Assert.Equal(SampleAnswers.Reading.Timestamp, decoder.GetReading().Timestamp);
    }

    [Fact]
    public void Ignores_blank_lines_and_anything_after_the_last_answer()
    {
        var decoder = Decode("\r\n\nsuccess: PowerNow 2984\n\nsuccess: Status 7\ngarbage \xFF\n", PiQuerySet.PowerNow | PiQuerySet.Status);

        Assert.Equal(PiDecodeStatus.Complete, decoder.Status);
        Assert.Equal(7, decoder.GetReading().StatusCode);
    }

    [Theory]
    [InlineData(PiQuerySet.PowerNow, "-1", "PowerNow value is outside 0-5000 W")]
    [InlineData(PiQuerySet.PowerNow, "5001", "PowerNow value is outside 0-5000 W")]
    [InlineData(PiQuerySet.PowerNow, "12.5", "PowerNow value of 4 bytes is not an integer")]
    [InlineData(PiQuerySet.PowerNow, "", "PowerNow value is empty")]
    [InlineData(PiQuerySet.PowerToday, "100001", "PowerToday value is outside 0-100000 Wh")]
    [InlineData(PiQuerySet.PowerTotal, "NaN", "PowerTotal value of 3 bytes is not a number")]
    [InlineData(PiQuerySet.GridV, "Infinity", "GridV value of 8 bytes is not a number")]
    [InlineData(PiQuerySet.PowerTotal, "-0.5", "PowerTotal value is outside 0-10000000000")]
    [InlineData(PiQuerySet.Status, "-7", "Status value is outside 0-65535")]
    [InlineData(PiQuerySet.GridV, "300.1", "GridV value is outside 0-300 V")]
    [InlineData(PiQuerySet.GridV, "1,234.5", "GridV value of 7 bytes is not a number")]
    [InlineData(PiQuerySet.GridHZ, "70.5", "GridHZ value is outside 0-70 Hz")]
    [InlineData(PiQuerySet.GridHZ, "1e1", "GridHZ value of 3 bytes is not a number")]
    [InlineData(PiQuerySet.UpTime, "90001", "UpTime value is outside 0-90000 s")]
    [InlineData(PiQuerySet.UpTime, "x", "UpTime value of 1 byte is not an integer")]
    [InlineData(PiQuerySet.TimeStamp, "2023-02-30 00:00:00", "TimeStamp value of 19 bytes is not a valid date-time")]
    [InlineData(PiQuerySet.TimeStamp, "2023-07-07 14:05", "TimeStamp value of 16 bytes is not a date-time (yyyy-mm-dd hh:mm:ss)")]
    [InlineData(PiQuerySet.TimeStamp, "2023-07/07 14:05:23", "TimeStamp value of 19 bytes is not a date-time (yyyy-mm-dd hh:mm:ss)")]
    public void A_value_that_does_not_parse_or_is_out_of_bounds_fails_the_poll_naming_quantity_and_size_never_the_value(
        PiQuerySet query, string value, string reason)
    {
        var name = PiQueryCatalog.WireName((PiQuery)System.Numerics.BitOperations.TrailingZeroCount((int)query));
        var decoder = Decode($"success: {name} {value}\n", query);

        AssertProtocolError(decoder, reason);
    }

    [Fact]
    public void Values_at_their_bounds_are_accepted()
    {
        var decoder = Decode(
            "success: PowerNow 0\nsuccess: PowerToday 100000\nsuccess: GridV 300\nsuccess: GridHZ 0\nsuccess: UpTime 90000\n",
            PiQuerySet.PowerNow | PiQuerySet.PowerToday | PiQuerySet.GridV | PiQuerySet.GridHZ | PiQuerySet.UpTime);

        var reading = decoder.GetReading();
        Assert.Equal((0, 100_000L, 300.0, 0.0, 90_000L),
            (reading.PowerNowW, reading.PowerTodayWh, reading.GridVoltageV, reading.GridFrequencyHz, reading.UptimeSeconds));
    }

    [Fact]
    public void A_negative_zero_is_read_as_zero_so_it_never_reaches_a_reader_as_minus_zero()
    {
        var decoder = Decode(
            "success: PowerTotal -0.0\nsuccess: GridV -0\nsuccess: GridHZ -0.00\n",
            PiQuerySet.PowerTotal | PiQuerySet.GridV | PiQuerySet.GridHZ);

        var reading = decoder.GetReading();
        Assert.False(double.IsNegative(reading.PowerTotal!.Value), "PowerTotal");
        Assert.False(double.IsNegative(reading.GridVoltageV!.Value), "GridV");
        Assert.False(double.IsNegative(reading.GridFrequencyHz!.Value), "GridHZ");
    }

    [Fact]
    public void A_non_ascii_byte_is_a_protocol_error_naming_its_place_not_its_value()
    {
        AssertProtocolError(Decode("success: PowerNow 29\u00C384\n"), "the Pi sent a non-ASCII byte (byte 21 of the poll)");
    }

    [Fact]
    public void A_control_byte_is_a_protocol_error_naming_its_place_not_its_value()
    {
        AssertProtocolError(Decode("success: PowerNow 2984\0\n"), "the Pi sent a control byte (byte 23 of the poll)");
    }

    [Fact]
    public void A_line_over_the_limit_fails_as_soon_as_it_is_too_long_without_waiting_for_its_end()
    {
        var decoder = Decode("success: PowerNow " + new string('9', 300));

        AssertProtocolError(decoder, "the Pi sent a line longer than 256 bytes");
    }

    [Theory]
    [InlineData(256, "\r\n", PiDecodeStatus.Complete)]
    [InlineData(256, "\n", PiDecodeStatus.Complete)]
    [InlineData(257, "\r\n", PiDecodeStatus.Failed)]
    [InlineData(257, "\n", PiDecodeStatus.Failed)]
    public void The_line_limit_counts_the_answer_not_its_terminator(int length, string terminator, PiDecodeStatus expected)
    {
        var answer = "success: PowerNow 2984";
        var decoder = Decode(answer + new string(' ', length - answer.Length) + terminator, PiQuerySet.PowerNow);

        Assert.Equal(expected, decoder.Status);
    }

    [Fact]
    public void More_than_the_poll_limit_fails_and_stops_consuming()
    {
        var decoder = Decode(new string('\n', 9000));

        AssertProtocolError(decoder, "the Pi sent more than 8192 bytes in one poll");
    }

    [Fact]
    public void An_answer_nobody_asked_for_is_a_protocol_error()
    {
        AssertProtocolError(Decode("success: GridV 241.3\n", PiQuerySet.PowerNow), "the Pi answered GridV, which was not asked");
    }

    [Fact]
    public void A_second_answer_for_one_query_is_a_protocol_error()
    {
        AssertProtocolError(Decode("success: PowerNow 1\nsuccess: powernow 2\n"), "the Pi answered PowerNow twice");
    }

    [Fact]
    public void A_line_that_is_not_an_answer_is_a_protocol_error_giving_its_size_not_its_text()
    {
        AssertProtocolError(Decode("Welcome to the Pi\n"), "the Pi sent a line that is not an answer (17 bytes)");
    }

    [Fact]
    public void An_error_other_than_invalid_query_is_a_protocol_error_naming_the_query_not_the_text()
    {
        AssertProtocolError(Decode("success: PowerNow 1\nerror: busy\n"), "the Pi answered PowerToday with an error other than 'invalid query' (4 bytes)");
    }

    [Fact]
    public void The_close_before_every_answer_is_a_lost_connection_counting_the_answers()
    {
        var decoder = Decode(SampleAnswers.Line(PiQuery.PowerNow) + SampleAnswers.Line(PiQuery.PowerToday) + "success: PowerTotal 4", closed: true);

        Assert.Equal(PiDecodeStatus.Failed, decoder.Status);
        Assert.Equal(new PiPollFailure(PiFailureKind.ConnectionLost, "connection closed by the Pi after 3 of 8 answers", 3, 8), decoder.Failure);
    }

    [Fact]
    public void An_answer_cut_off_by_the_close_is_a_lost_connection_not_a_protocol_error()
    {
        var decoder = Decode(SampleAnswers.Line(PiQuery.PowerNow) + "success: PowerTo", closed: true);

        Assert.Equal(PiFailureKind.ConnectionLost, decoder.Failure?.Kind);
        Assert.Equal("connection closed by the Pi after 1 of 8 answers", decoder.Failure?.Message);
    }

    [Fact]
    public void Can_be_reset_and_reused()
    {
        var decoder = Decode("garbage\n");
        Assert.Equal(PiDecodeStatus.Failed, decoder.Status);

        decoder.Reset(PiQuerySet.Status);
        decoder.Feed("success: Status 3\n"u8);

        Assert.Null(decoder.Failure);
        Assert.Equal(new PiReading { StatusCode = 3 }, decoder.GetReading());
    }

    [Fact]
    public void The_reading_is_not_available_before_every_answer_is_in()
    {
        var decoder = Decode(SampleAnswers.Line(PiQuery.PowerNow));

        Assert.Throws<InvalidOperationException>(() => decoder.GetReading());
    }

    [Fact]
    public void An_empty_query_set_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new PiAnswerDecoder(PiQuerySet.None));
    }

    /// <summary>The whole message is compared, so nothing the peer sent can hide in it.</summary>
    private static void AssertProtocolError(PiAnswerDecoder decoder, string reason)
    {
        Assert.Equal(PiDecodeStatus.Failed, decoder.Status);
        var failure = Assert.IsType<PiPollFailure>(decoder.Failure);
        Assert.Equal(PiFailureKind.ProtocolError, failure.Kind);
        Assert.Equal("protocol error: " + reason, failure.Message);
    }
}
