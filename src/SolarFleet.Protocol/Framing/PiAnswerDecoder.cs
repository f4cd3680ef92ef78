using System.Globalization;
using System.Numerics;
using System.Text;
using SolarFleet.Protocol.Polling;
using SolarFleet.Protocol.Queries;
using SolarFleet.Protocol.Readings;

namespace SolarFleet.Protocol.Framing;

/// <summary>
/// Turns the bytes a Pi sends back into a <see cref="PiReading"/>, without sockets. Feed it chunks as they
/// arrive, then tell it when the peer paused (<see cref="EndOfAnswer"/>) or closed (<see cref="EndOfStream"/>).
/// An answer ends at <c>\n</c> (a <c>\r</c> before it is dropped), at the next <c>success:</c>/<c>error:</c>
/// marker, at a pause, or at the close. Named answers are matched by name (case-insensitive); an answer
/// without a known name, and <c>error: invalid query</c>, answer the oldest unanswered query.
/// Once complete or failed it ignores further input. Reusable through <see cref="Reset"/>.
/// A failure is told in the decoder's own words, with query names and sizes but never the peer's bytes: whatever
/// answers on a polled port (a banner, a secret) must not come back to whoever reads the failure.
/// </summary>
public sealed class PiAnswerDecoder
{
    private static ReadOnlySpan<byte> SuccessMarker => "success:"u8;
    private static ReadOnlySpan<byte> ErrorMarker => "error:"u8;
    private static ReadOnlySpan<byte> InvalidQuery => "invalid query"u8;
    private static ReadOnlySpan<byte> Blanks => " \t\r"u8;

    private readonly int _maxLineBytes;
    private readonly int _maxPollBytes;

    // One extra byte so that a maximal line may still end with \r\n.
    private readonly byte[] _line;
    private readonly double[] _numbers = new double[PiQueryCatalog.All.Count];
    private DateTime _timestamp;
    private int _powerTotalDecimals;
    private int _lineLength;
    private int _pollBytes;
    private PiQuerySet _answered;
    private PiQuerySet _unsupported;

    public PiAnswerDecoder(PiQuerySet queries, PiClientOptions? options = null)
    {
        options ??= new PiClientOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxLineBytes, 16, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPollBytes, options.MaxLineBytes, nameof(options));
        _maxLineBytes = options.MaxLineBytes;
        _maxPollBytes = options.MaxPollBytes;
        _line = new byte[_maxLineBytes + 1];
        Reset(queries);
    }

    /// <summary>The queries this poll asked for.</summary>
    public PiQuerySet Queries { get; private set; }

    public PiDecodeStatus Status { get; private set; }

    /// <summary>Why decoding failed, once <see cref="Status"/> is <see cref="PiDecodeStatus.Failed"/>.</summary>
    public PiPollFailure? Failure { get; private set; }

    public int AnswersExpected { get; private set; }

    /// <summary>Answers decoded so far, refusals (<c>error: invalid query</c>) included.</summary>
    public int AnswersReceived { get; private set; }

    /// <summary>Bytes of an answer with no terminator yet: a pause or the close may end it.</summary>
    public bool HasPartialAnswer => _lineLength > 0;

    /// <summary>Starts a new poll for <paramref name="queries"/>.</summary>
    public void Reset(PiQuerySet queries)
    {
        AnswersExpected = PiRequest.AnswerCount(queries);
        Queries = queries;
        AnswersReceived = 0;
        Status = PiDecodeStatus.NeedMore;
        Failure = null;
        _lineLength = 0;
        _pollBytes = 0;
        _answered = PiQuerySet.None;
        _unsupported = PiQuerySet.None;
    }

    /// <summary>Consumes the next bytes received.</summary>
    public PiDecodeStatus Feed(ReadOnlySpan<byte> chunk)
    {
        foreach (var b in chunk)
        {
            if (Status != PiDecodeStatus.NeedMore)
            {
                break;
            }

            if (++_pollBytes > _maxPollBytes)
            {
                FailProtocol(string.Create(CultureInfo.InvariantCulture, $"the Pi sent more than {_maxPollBytes} bytes in one poll"));
            }
            else if (b == (byte)'\n')
            {
                EndLine();
            }
            else if (b is >= 0x80 or 0x7F or (< 0x20 and not (byte)'\r' and not (byte)'\t'))
            {
                // Where, not which: the byte itself is the peer's, and messages never carry the peer's bytes.
                var what = b >= 0x80 ? "non-ASCII" : "control";
                FailProtocol(string.Create(CultureInfo.InvariantCulture, $"the Pi sent a {what} byte (byte {_pollBytes} of the poll)"));
            }
            else if (_lineLength == _line.Length)
            {
                FailLineTooLong();
            }
            else
            {
                _line[_lineLength++] = b;
                if (b == (byte)':')
                {
                    SplitAtMarker();
                }
            }
        }

        return Status;
    }

    /// <summary>The peer paused (<see cref="PiClientOptions.IdleAnswerGap"/>): a pending answer is complete.</summary>
    public PiDecodeStatus EndOfAnswer()
    {
        if (Status == PiDecodeStatus.NeedMore && _lineLength > 0)
        {
            EndLine();
        }

        return Status;
    }

    /// <summary>The peer closed the connection: a pending answer is complete, and nothing more will come.</summary>
    public PiDecodeStatus EndOfStream()
    {
        var cutOff = Status == PiDecodeStatus.NeedMore && _lineLength > 0;
        EndOfAnswer();

        // Still short of answers: the close is the cause, and a pending answer that did not parse was cut off by it.
        if (Status == PiDecodeStatus.NeedMore || (cutOff && Failure?.Kind == PiFailureKind.ProtocolError))
        {
            Fail(PiFailureKind.ConnectionLost, string.Create(
                CultureInfo.InvariantCulture,
                $"connection closed by the Pi after {AnswersReceived} of {AnswersExpected} answers"));
        }

        return Status;
    }

    /// <summary>The decoded reading; only the queries answered with a value are set.</summary>
    /// <exception cref="InvalidOperationException">Decoding is not complete.</exception>
    public PiReading GetReading()
    {
        if (Status != PiDecodeStatus.Complete)
        {
            throw new InvalidOperationException($"The answers are not complete (status {Status}).");
        }

        var known = _answered & ~_unsupported;
        return new PiReading
        {
            PowerNowW = known.Contains(PiQuery.PowerNow) ? (int)_numbers[(int)PiQuery.PowerNow] : null,
            PowerTodayWh = known.Contains(PiQuery.PowerToday) ? (long)_numbers[(int)PiQuery.PowerToday] : null,
            PowerTotal = known.Contains(PiQuery.PowerTotal) ? _numbers[(int)PiQuery.PowerTotal] : null,
            PowerTotalDecimals = known.Contains(PiQuery.PowerTotal) ? _powerTotalDecimals : null,
            StatusCode = known.Contains(PiQuery.Status) ? (int)_numbers[(int)PiQuery.Status] : null,
            GridVoltageV = known.Contains(PiQuery.GridV) ? _numbers[(int)PiQuery.GridV] : null,
            GridFrequencyHz = known.Contains(PiQuery.GridHZ) ? _numbers[(int)PiQuery.GridHZ] : null,
            UptimeSeconds = known.Contains(PiQuery.UpTime) ? (long)_numbers[(int)PiQuery.UpTime] : null,
            Timestamp = known.Contains(PiQuery.TimeStamp) ? _timestamp : null,
            Unsupported = _unsupported,
        };
    }

    private void EndLine()
    {
        HandleLine(_line.AsSpan(0, _lineLength));
        _lineLength = 0;
    }

    /// <summary>A marker inside the pending line ends the answer before it (peers that send no terminator).</summary>
    private void SplitAtMarker()
    {
        var line = _line.AsSpan(0, _lineLength);
        var markerLength = EndsWithIgnoreCase(line, SuccessMarker) ? SuccessMarker.Length
            : EndsWithIgnoreCase(line, ErrorMarker) ? ErrorMarker.Length
            : 0;
        if (markerLength == 0 || markerLength == line.Length)
        {
            return;
        }

        HandleLine(line[..^markerLength]);
        line[^markerLength..].CopyTo(_line);
        _lineLength = markerLength;
    }

    private void HandleLine(ReadOnlySpan<byte> line)
    {
        if ((line.Length > 0 && line[^1] == (byte)'\r' ? line.Length - 1 : line.Length) > _maxLineBytes)
        {
            FailLineTooLong();
            return;
        }

        line = line.Trim(Blanks);
        if (line.IsEmpty)
        {
            return;
        }

        if (StartsWithIgnoreCase(line, SuccessMarker))
        {
            HandleSuccess(line[SuccessMarker.Length..].TrimStart(Blanks));
        }
        else if (StartsWithIgnoreCase(line, ErrorMarker))
        {
            HandleError(line[ErrorMarker.Length..].TrimStart(Blanks));
        }
        else
        {
            FailProtocol($"the Pi sent a line that is not an answer ({PiValueParser.Size(line)})");
        }
    }

    private void HandleSuccess(ReadOnlySpan<byte> answer)
    {
        var space = answer.IndexOf((byte)' ');
        var name = space < 0 ? answer : answer[..space];
        ReadOnlySpan<byte> value;
        if (PiQueryCatalog.TryParse(name, out var query))
        {
            value = space < 0 ? [] : answer[(space + 1)..].TrimStart(Blanks);
            if (!Queries.Contains(query))
            {
                FailProtocol($"the Pi answered {PiQueryCatalog.WireName(query)}, which was not asked");
                return;
            }

            if (_answered.Contains(query))
            {
                FailProtocol($"the Pi answered {PiQueryCatalog.WireName(query)} twice");
                return;
            }
        }
        else
        {
            // No known name: the answer is the value of the oldest open query.
            query = OldestUnanswered();
            value = answer;
        }

        var problem = query == PiQuery.TimeStamp
            ? PiValueParser.TryParseTimestamp(value, out _timestamp)
            : PiValueParser.TryParseNumber(query, value, out _numbers[(int)query]);
        if (problem is not null)
        {
            FailProtocol(problem);
            return;
        }

        if (query == PiQuery.PowerTotal)
        {
            var point = value.IndexOf((byte)'.');
            _powerTotalDecimals = point < 0 ? 0 : value.Length - point - 1;
        }

        MarkAnswered(query);
    }

    private void HandleError(ReadOnlySpan<byte> text)
    {
        var query = OldestUnanswered();
        if (!Ascii.EqualsIgnoreCase(text, InvalidQuery))
        {
            FailProtocol($"the Pi answered {PiQueryCatalog.WireName(query)} with an error other than 'invalid query' ({PiValueParser.Size(text)})");
            return;
        }

        _unsupported |= PiQueryCatalog.ToSet(query);
        MarkAnswered(query);
    }

    /// <summary>The first open query in request order (requests are written in wire order).</summary>
    private PiQuery OldestUnanswered() =>
        (PiQuery)BitOperations.TrailingZeroCount((uint)(Queries & ~_answered));

    private void MarkAnswered(PiQuery query)
    {
        _answered |= PiQueryCatalog.ToSet(query);
        if (++AnswersReceived == AnswersExpected)
        {
            Status = PiDecodeStatus.Complete;
        }
    }

    private void FailLineTooLong() =>
        FailProtocol(string.Create(CultureInfo.InvariantCulture, $"the Pi sent a line longer than {_maxLineBytes} bytes"));

    private void FailProtocol(string reason) => Fail(PiFailureKind.ProtocolError, "protocol error: " + reason);

    private void Fail(PiFailureKind kind, string message)
    {
        Status = PiDecodeStatus.Failed;
        Failure = new PiPollFailure(kind, message, AnswersReceived, AnswersExpected);
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> prefix) =>
        text.Length >= prefix.Length && Ascii.EqualsIgnoreCase(text[..prefix.Length], prefix);

    private static bool EndsWithIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> suffix) =>
        text.Length >= suffix.Length && Ascii.EqualsIgnoreCase(text[^suffix.Length..], suffix);
}
