using System.Net;
using System.Text.Json;
using SolarFleet.Protocol.Polling;
using SolarFleet.Protocol.Queries;
using SolarFleet.Protocol.Tests.Peers;

namespace SolarFleet.Cli.Tests;

public sealed class ProbeCommandTests
{
    [Fact]
    public async Task Shows_a_good_pi_as_a_table_with_units_and_status_meaning()
    {
        await using var pi = ScriptedPi.Answering(queries => SampleAnswers.For(queries));

        var run = await ProbeRun.InProcessAsync("probe", pi.Endpoint.ToString());

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
        var lines = run.Stdout.Split('\n');
        Assert.Matches($@"^Pi {Regex(pi.Endpoint)} answered in \d+ ms$", lines[0]);
        Assert.Equal(
            [
                "  PowerNow    2984 W",
                "  PowerToday  12345 Wh (12.345 kWh)",
                "  PowerTotal  45678.9 (lifetime, in the Pi's unit: kWh unless set up as Wh)",
                "  Status      7 Generating",
                "  GridV       241.3 V",
                "  GridHZ      60.01 Hz",
                "  UpTime      23456 s (6h 30min 56s)",
                "  TimeStamp   2023-07-07 14:05:23 (Pi local time)",
                string.Empty,
                "Refused by this Pi: none",
            ],
            lines[2..12]);
    }

    [Fact]
    public async Task Json_is_one_object_with_every_quantity()
    {
        await using var pi = ScriptedPi.Answering(queries => SampleAnswers.For(queries));

        var run = await ProbeRun.InProcessAsync("probe", pi.Endpoint.ToString(), "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal(2984, root.GetProperty("powerNow").GetInt32());
        Assert.Equal(12345, root.GetProperty("powerToday").GetInt64());
        Assert.Equal(45678.9, root.GetProperty("powerTotal").GetDouble());
        Assert.Equal(7, root.GetProperty("status").GetInt32());
        Assert.Equal(241.3, root.GetProperty("gridV").GetDouble());
        Assert.Equal(60.01, root.GetProperty("gridHz").GetDouble());
        Assert.Equal(23456, root.GetProperty("upTime").GetInt64());
        Assert.Equal("2023-07-07T14:05:23", root.GetProperty("timeStamp").GetString());
        Assert.Equal("Generating", root.GetProperty("statusText").GetString());
        Assert.Equal(0, root.GetProperty("unsupported").GetArrayLength());
        Assert.True(root.GetProperty("elapsedMs").GetInt64() >= 0);
        Assert.Equal(11, root.EnumerateObject().Count());
    }

    [Fact]
    public async Task Every_json_key_is_camel_case()
    {
        await using var pi = ScriptedPi.Answering(queries => SampleAnswers.For(queries, refused: PiQuerySet.GridHZ));

        var run = await ProbeRun.InProcessAsync("probe", pi.Endpoint.ToString(), "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(
            ["powerNow", "powerToday", "powerTotal", "status", "gridV", "gridHz", "upTime", "timeStamp", "statusText", "unsupported", "elapsedMs"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Refused_quantities_are_null_in_json_and_listed_as_unsupported()
    {
        await using var pi = ScriptedPi.Answering(queries => SampleAnswers.For(queries, refused: PiQuerySet.Status | PiQuerySet.TimeStamp));

        var run = await ProbeRun.InProcessAsync("probe", "--json", pi.Endpoint.ToString());

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("status").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("timeStamp").ValueKind);
        Assert.Equal(2984, root.GetProperty("powerNow").GetInt32());
        Assert.Equal("No data", root.GetProperty("statusText").GetString());
        Assert.Equal(["Status", "TimeStamp"], root.GetProperty("unsupported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Refused_quantities_are_marked_in_the_table()
    {
        await using var pi = ScriptedPi.Answering(queries => SampleAnswers.For(queries, refused: PiQuerySet.GridHZ));

        var run = await ProbeRun.InProcessAsync("probe", pi.Endpoint.ToString());

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("  GridHZ      refused (error: invalid query)\n", run.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("Refused by this Pi: GridHZ\n\n", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("--json")]
    public async Task A_pi_that_refuses_every_query_exits_all_refused_with_one_line(params string[] options)
    {
        await using var pi = ScriptedPi.Answering(queries => SampleAnswers.For(queries, refused: PiQuerySet.All));

        var run = await ProbeRun.InProcessAsync(["probe", pi.Endpoint.ToString(), .. options]);

        run.AssertFailed(ExitCodes.AllRefused, $"{pi.Endpoint} refused all 8 queries (error: invalid query)");
    }

    [Fact]
    public async Task A_pi_that_answers_one_query_of_eight_is_a_success()
    {
        await using var pi = ScriptedPi.Answering(queries => SampleAnswers.For(queries, refused: PiQuerySet.All & ~PiQuerySet.PowerNow));

        var run = await ProbeRun.InProcessAsync("probe", pi.Endpoint.ToString(), "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(2984, json.RootElement.GetProperty("powerNow").GetInt32());
        Assert.Equal(7, json.RootElement.GetProperty("unsupported").GetArrayLength());
    }

    [Fact]
    public async Task Nothing_listening_exits_unreachable_with_one_line()
    {
        using var closed = ScriptedPi.BindInPiRange(static _ => { });
        var target = (IPEndPoint)closed.LocalEndPoint!;

        var run = await ProbeRun.InProcessAsync("probe", $"127.0.0.1:{target.Port}");

        run.AssertFailed(ExitCodes.Unreachable, $"connection refused by 127.0.0.1:{target.Port}");
    }

    [Fact]
    public async Task A_pi_that_never_answers_exits_incomplete_within_the_timeout()
    {
        await using var pi = ScriptedPi.Start(async c => await c.ReadUntilClientLeavesAsync());

        var run = await ProbeRun.InProcessAsync("probe", pi.Endpoint.ToString(), "--timeout", "0.3");

        run.AssertFailed(ExitCodes.Incomplete, "did not answer within 300 ms (0 of 8 answers)");
    }

    [Fact]
    public async Task A_connection_lost_mid_answer_exits_incomplete_naming_the_count()
    {
        await using var pi = ScriptedPi.Start(async c =>
        {
            await c.ReadQueriesAsync();
            await c.SendAsync(SampleAnswers.Line(PiQuery.PowerNow) + SampleAnswers.Line(PiQuery.PowerToday));
            c.Close();
        });

        var run = await ProbeRun.InProcessAsync("probe", pi.Endpoint.ToString());

        run.AssertFailed(ExitCodes.Incomplete, "connection closed by the Pi after 2 of 8 answers");
    }

    [Fact]
    public async Task Garbage_exits_protocol_error_saying_why()
    {
        await using var pi = ScriptedPi.Answering(_ => "success: PowerNow 99999\n");

        var run = await ProbeRun.InProcessAsync("probe", pi.Endpoint.ToString(), "--json");

        run.AssertFailed(ExitCodes.ProtocolError, "protocol error: PowerNow value is outside 0-5000 W");
    }

    [Theory]
    [InlineData("missing HOST:PORT")]
    [InlineData("bad HOST:PORT 'pi.local': the port is missing", "pi.local")]
    [InlineData("bad HOST:PORT 'pi.local:http': 'http' is not a port number", "pi.local:http")]
    [InlineData("bad HOST:PORT ':50000': the host is missing", ":50000")]
    [InlineData("port 80 is outside 49152-65535", "pi.local:80")]
    [InlineData("port 70000 is outside 49152-65535", "pi.local:70000")]
    [InlineData("write an IPv6 address in brackets", "fd00::5:50000")]
    [InlineData("only one HOST:PORT may be given", "a:50000", "b:50000")]
    [InlineData("unknown option '--verbose'", "a:50000", "--verbose")]
    [InlineData("--timeout needs a number of seconds above 0", "a:50000", "--timeout", "0")]
    [InlineData("--timeout needs a number of seconds above 0 and at most 3600, not 'soon'", "a:50000", "--timeout=soon")]
    [InlineData("--timeout needs a number of seconds above 0 and at most 3600, not ''", "a:50000", "--timeout")]
    public async Task Bad_arguments_exit_usage_with_one_line(string cause, params string[] args)
    {
        var run = await ProbeRun.InProcessAsync(["probe", .. args]);

        run.AssertFailed(ExitCodes.Usage, cause);
    }

    [Theory]
    [InlineData]
    [InlineData("inspect")]
    public async Task A_missing_or_unknown_command_exits_usage_with_one_line(params string[] args)
    {
        var run = await ProbeRun.InProcessAsync(args);

        run.AssertFailed(ExitCodes.Usage, "(try 'solarfleet --help')");
    }

    [Fact]
    public async Task Help_documents_the_exit_codes()
    {
        var run = await ProbeRun.InProcessAsync("probe", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("usage: solarfleet probe HOST:PORT [--json] [--timeout SECONDS]", run.Stdout, StringComparison.Ordinal);
        foreach (var code in new[] { ExitCodes.Usage, ExitCodes.Unreachable, ExitCodes.ProtocolError, ExitCodes.Incomplete, ExitCodes.AllRefused })
        {
            Assert.Contains($"\n  {code}    ", run.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Accepts_an_ipv6_address_in_brackets()
    {
        Assert.True(Probe.ProbeArguments.TryParseEndpoint("[fd00::5]:50000", out var endpoint, out _));
        Assert.Equal(new PiEndpoint("fd00::5", 50000), endpoint);

        // Loopback over IPv6 may be absent from a test machine: only the parsing is checked end to end here.
        var run = await ProbeRun.InProcessAsync("probe", "[::1]:50000", "--timeout", "0.2");
        Assert.NotEqual(ExitCodes.Usage, run.ExitCode);
    }

    private static string Regex(PiEndpoint endpoint) => System.Text.RegularExpressions.Regex.Escape(endpoint.ToString());
}
