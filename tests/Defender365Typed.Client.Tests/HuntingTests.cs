using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Emulator.Api;
using Defender365Typed.Emulator.Faults;
using Defender365Typed.Results;

namespace Defender365Typed.Client.Tests;

public sealed class HuntingTests : EmulatorTest
{
    private static HuntingScript ProcessScript(int rows = 3) => new HuntingScript
    {
        Rows = () => Enumerable.Range(0, rows).Select(i => new object?[]
        {
            new DateTime(2024, 3, 26, 9, 39, 50, DateTimeKind.Utc).AddSeconds(i),
            "ws-" + i,
            "powershell.exe -enc " + i,
            (long)(4000 + i),
            i == 0 ? null : JsonDocument.Parse("""{"a":[1,2]}""").RootElement,
        }),
    }.Column("Timestamp", "DateTime").Column("DeviceName", "String").Column("ProcessCommandLine", "String")
     .Column("ProcessId", "Int64").Column("AdditionalFields", "Dynamic");

    [Fact]
    public async Task Graph_raw_kql_streams_rows_and_sends_the_timespan()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Hunting.When("DeviceProcessEvents", ProcessScript());

        List<HuntingRow> rows = await client.Hunting.RunAsync("DeviceProcessEvents | take 3", new HuntingOptions { Timespan = HuntingOptions.Last(TimeSpan.FromDays(90)) }).ToListAsync();

        Assert.Equal(3, rows.Count);
        Assert.Equal("ws-1", rows[1].GetString("DeviceName"));
        Assert.Equal(4002, rows[2].GetInt64("ProcessId"));
        Assert.Equal(new DateTimeOffset(2024, 3, 26, 9, 39, 50, TimeSpan.Zero), rows[0].GetDateTimeOffset("Timestamp"));
        Assert.Equal(JsonValueKind.Null, rows[0]["AdditionalFields"].ValueKind);
        Assert.Equal(2, rows[1]["AdditionalFields"].GetProperty("a")[1].GetInt32());
        ReceivedHuntingQuery received = Assert.Single(H.Emulator.Hunting.Received);
        Assert.Equal(("graph", "DeviceProcessEvents | take 3", "P90D"), (received.Api, received.Query, received.Timespan));
    }

    [Fact]
    public async Task Legacy_hunting_reads_PascalCase_results_and_ignores_stats()
    {
        (DefenderClient client, _) = H.SecretClient(o => o.HuntingApi = DefenderApi.Legacy);
        H.Emulator.Hunting.When("DeviceProcessEvents", ProcessScript(2));

        List<HuntingRow> rows = await client.Hunting.RunAsync("DeviceProcessEvents | take 2").ToListAsync();

        Assert.Equal(["ws-0", "ws-1"], rows.Select(r => r.GetString("DeviceName")));
        Assert.Equal("legacy", Assert.Single(H.Emulator.Hunting.Received).Api);
        await Assert.ThrowsAsync<ArgumentException>(() => client.Hunting.RunAsync("x", new HuntingOptions { Timespan = "P1D" }).ToListAsync().AsTask());
    }

    [Fact]
    public async Task Typed_builder_query_is_rendered_and_read_through_an_explicit_reader()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Hunting.When("where FileName", ProcessScript(2));
        var query = Hunting.DeviceProcessEvents
            .Where(e => e.FileName.EqualsIgnoreCase("powershell.exe"))
            .Project(SuspiciousProcess.Shape)
            .Take(10);

        List<SuspiciousProcess> rows = await client.Hunting.RunAsync(query, new SuspiciousProcessReader()).ToListAsync();

        Assert.Equal("powershell.exe -enc 1", rows[1].ProcessCommandLine);
        Assert.Equal(query.ToKql(), Assert.Single(H.Emulator.Hunting.Received).Query);
    }

    [Fact]
    public async Task Typed_query_uses_the_registered_reader_or_says_none_is_registered()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Hunting.When("DeviceProcessEvents", ProcessScript(1));

        // A join's rows have no generated reader: project them to a [HuntingResult] type first.
        var joined = Hunting.DeviceProcessEvents.Join(KqlJoinKind.Inner, Hunting.DeviceInfo, (l, r) => l.DeviceId == r.DeviceId);
        InvalidOperationException none = await Assert.ThrowsAsync<InvalidOperationException>(() => client.Hunting.RunAsync(joined).ToListAsync().AsTask());
        Assert.Contains("No hunting result reader is registered", none.Message, StringComparison.Ordinal);

        // An explicitly registered reader replaces the generated one.

        HuntingResultReaders.Register(new SuspiciousProcessReader());
        List<SuspiciousProcess> rows = await client.Hunting.RunAsync(Hunting.DeviceProcessEvents.Project(SuspiciousProcess.Shape)).ToListAsync();
        Assert.Equal("ws-0", Assert.Single(rows).DeviceName);
        Assert.Equal("ws-0", Assert.Single(await client.Hunting.RunAsync<SuspiciousProcess>("DeviceProcessEvents | project Timestamp, DeviceName, ProcessCommandLine").ToListAsync()).DeviceName);
    }

    [Fact]
    public async Task The_100000_row_cap_throws_after_the_last_row_by_default()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Hunting.When("big", new HuntingScript { Rows = () => Enumerable.Range(0, HuntingOptions.RowCap).Select(i => new object?[] { (long)i }) }.Column("N", "Int64"));

        long seen = 0;
        HuntingRowCapException ex = await H.ThrowsAsync<HuntingRowCapException>(async () =>
        {
            await foreach (HuntingRow row in client.Hunting.RunAsync("big"))
            {
                Assert.Equal(seen++, row.GetInt64("N"));
            }
        });

        Assert.Equal(HuntingOptions.RowCap, seen);
        Assert.Equal(HuntingOptions.RowCap, ex.RowCount);
    }

    [Fact]
    public async Task The_row_cap_can_be_reported_instead_and_is_logged()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Hunting.When("big", new HuntingScript { Rows = () => Enumerable.Range(0, HuntingOptions.RowCap).Select(i => new object?[] { (long)i }) }.Column("N", "Int64"));
        H.Emulator.Hunting.When("small", new HuntingScript { Rows = () => [[1L]] }.Column("N", "Int64"));

        await using HuntingResponse<HuntingRow> result = await client.Hunting.ExecuteAsync("big", UntypedHuntingResultReader.Instance, new HuntingOptions { OnRowCap = HuntingRowCapBehavior.Report });
        Assert.Equal(HuntingOptions.RowCap, await result.ReadRowsAsync().CountAsync());
        Assert.True(result.ReachedRowCap);
        Assert.True(result.Completed);
        Assert.Contains(H.Logs.Lines, l => l.Contains("the service's cap", StringComparison.Ordinal));

        await using HuntingResponse<HuntingRow> small = await client.Hunting.ExecuteAsync("small", UntypedHuntingResultReader.Instance);
        Assert.Equal(1, await small.ReadRowsAsync().CountAsync());
        Assert.False(small.ReachedRowCap);
    }

    [Fact]
    public async Task A_query_error_is_a_HuntingQueryException_with_the_service_message()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Hunting.When("FileNam", new HuntingScript { Error = "'where' operator: Failed to resolve column or scalar expression named 'FileNam'" });
        H.Emulator.Hunting.When("huge", new HuntingScript { Error = "Query execution has exceeded the allowed result size. Optimize your query by limiting the number of results and try again." });

        HuntingQueryException ex = await H.ThrowsAsync<HuntingQueryException>(() => client.Hunting.RunAsync("T | where FileNam == 1").ToListAsync().AsTask());
        Assert.Contains("Failed to resolve column", ex.ServiceMessage, StringComparison.Ordinal);
        Assert.Contains("Failed to resolve column", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsResultSizeExceeded);
        Assert.Single(H.Emulator.Journal.Matching("POST", "runHuntingQuery")); // a 400 is not retried

        HuntingQueryException size = await H.ThrowsAsync<HuntingQueryException>(() => client.Hunting.RunAsync("huge").ToListAsync().AsTask());
        Assert.True(size.IsResultSizeExceeded);
    }

    [Fact]
    public async Task A_429_is_retried_after_Retry_After()
    {
        var clock = new TestClock();
        (DefenderClient client, _) = H.SecretClient(o => o.TimeProvider = clock);
        H.Emulator.Hunting.When("T", ProcessScript(1));
        H.Emulator.Faults.Add(new FaultRule(FaultKind.TooManyRequests, "runHuntingQuery") { RetryAfterSeconds = 1 });

        Task<List<HuntingRow>> run = client.Hunting.RunAsync("T").ToListAsync().AsTask();
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(1)); // the wait Retry-After asked for
        clock.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
        Assert.Contains(TimeSpan.FromTicks(1), clock.Armed()); // still waiting one tick before the end
        Assert.Empty(H.Emulator.Hunting.Received);
        clock.Advance(TimeSpan.FromTicks(1));

        Assert.Single(await Eventually.Finished(run));
        Assert.Equal([429, 200], H.Emulator.Journal.Matching("POST", "runHuntingQuery").Select(e => e.Status));
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_cap_fails_with_the_quota_exception()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Hunting.When("T", ProcessScript(1));
        H.Emulator.Faults.Add(new FaultRule(FaultKind.TooManyRequests, "runHuntingQuery") { RetryAfterSeconds = 900 });

        DefenderQuotaException ex = await H.ThrowsAsync<DefenderQuotaException>(() => client.Hunting.RunAsync("T").ToListAsync().AsTask());
        Assert.Equal(TimeSpan.FromSeconds(900), ex.RetryAfter);
        Assert.Equal("TooManyRequests", ex.ErrorCode);
        Assert.Contains("Rate limit is exceeded", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FaultKind.InternalServerError)]
    [InlineData(FaultKind.ServiceUnavailable)]
    public async Task Transient_server_errors_are_retried_with_backoff(FaultKind fault)
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Hunting.When("T", ProcessScript(2));
        H.Emulator.Faults.Add(new FaultRule(fault, "runHuntingQuery", times: 2) { RetryAfterSeconds = 0 });

        Assert.Equal(2, (await client.Hunting.RunAsync("T").ToListAsync()).Count);
        Assert.Equal(3, H.Emulator.Journal.Matching("POST", "runHuntingQuery").Count);
    }

    [Fact]
    public async Task Server_errors_beyond_the_retry_cap_fail_with_the_service_message()
    {
        (DefenderClient client, _) = H.SecretClient(o => o.Resilience.MaxRetryAttempts = 2);
        H.Emulator.Hunting.When("T", ProcessScript(2));
        H.Emulator.Faults.Add(new FaultRule(FaultKind.InternalServerError, "runHuntingQuery", times: 10));

        DefenderApiException ex = await H.ThrowsAsync<DefenderApiException>(() => client.Hunting.RunAsync("T").ToListAsync().AsTask());
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.True(ex.IsTransient);
        Assert.Equal(3, H.Emulator.Journal.Matching("POST", "runHuntingQuery").Count);
    }

    [Fact]
    public async Task A_slow_attempt_times_out_and_is_retried_and_always_slow_is_a_timeout()
    {
        var clock = new TestClock();
        (DefenderClient client, _) = H.SecretClient(o =>
        {
            o.TimeProvider = clock;
            o.Resilience.MaxRetryAttempts = 2;
            o.Resilience.BaseDelay = TimeSpan.Zero; // retried at once: the attempt timeouts are the only waits
        });
        TimeSpan attemptTimeout = H.ClientOptions().Resilience.HuntingAttemptTimeout;
        H.Emulator.Hunting.When("T", ProcessScript(1));

        // The emulator holds a slow request until the client gives up on it: only the client's timeout ends an attempt.
        FaultRule once = H.Emulator.Faults.Add(new FaultRule(FaultKind.Slow, "runHuntingQuery") { Delay = Timeout.InfiniteTimeSpan });
        Task<List<HuntingRow>> retried = client.Hunting.RunAsync("T").ToListAsync().AsTask();
        await Eventually.TrueAsync(() => once.Hits == 1, "the emulator to hold the first attempt");
        clock.Advance(attemptTimeout);
        Assert.Single(await Eventually.Finished(retried));
        Assert.Single(H.Emulator.Hunting.Received); // the first attempt never reached the hunting endpoint

        FaultRule always = H.Emulator.Faults.Add(new FaultRule(FaultKind.Slow, "runHuntingQuery", times: 5) { Delay = Timeout.InfiniteTimeSpan });
        Task<List<HuntingRow>> timedOut = client.Hunting.RunAsync("T").ToListAsync().AsTask();
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            await Eventually.TrueAsync(() => always.Hits == attempt, () => $"the emulator to hold attempt {attempt}");
            Assert.False(timedOut.IsCompleted);
            clock.Advance(attemptTimeout);
        }

        await H.ThrowsAsync<DefenderTimeoutException>(() => Eventually.Finished(timedOut));
        Assert.Equal(3, always.Hits); // the first attempt and MaxRetryAttempts retries
    }

    [Theory]
    [InlineData(FaultKind.TruncatedBody)]
    [InlineData(FaultKind.MalformedJson)]
    public async Task A_cut_off_or_malformed_body_fails_loudly_not_with_fewer_rows(FaultKind fault)
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Hunting.When("T", ProcessScript(500));
        H.Emulator.Faults.Add(new FaultRule(fault, "runHuntingQuery"));

        int seen = 0;
        DefenderResponseException ex = await H.ThrowsAsync<DefenderResponseException>(async () =>
        {
            await foreach (HuntingRow _ in client.Hunting.RunAsync("T"))
            {
                seen++;
            }
        });
        Assert.True(seen < 500);
        Assert.Contains("incomplete", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_body_is_the_same_HuntingResultFormatException_on_the_untyped_and_the_typed_path()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Hunting.When("T", ProcessScript(5));
        H.Emulator.Faults.Add(new FaultRule(FaultKind.MalformedJson, "runHuntingQuery", times: 2));

        // The injected body is {"value": [ {"id": "1", "status": tru : the JSON breaks outside any row, at "tru" (byte 34).
        DefenderResponseException untyped = await H.ThrowsAsync<DefenderResponseException>(() => client.Hunting.RunAsync("T").ToListAsync().AsTask());
        DefenderResponseException typed = await H.ThrowsAsync<DefenderResponseException>(() =>
            client.Hunting.RunAsync("T", new GeneratedHuntingResultReader<SuspiciousProcess>()).ToListAsync().AsTask());

        foreach (DefenderResponseException ex in new[] { untyped, typed })
        {
            HuntingResultFormatException format = Assert.IsType<HuntingResultFormatException>(ex.InnerException);
            Assert.Null(format.RowIndex);
            Assert.Null(format.ColumnName);
            Assert.Equal(34, format.BytePosition);
            Assert.Contains(format.Message, ex.Message, StringComparison.Ordinal);
            Assert.Contains("incomplete", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_value_that_does_not_fit_the_row_type_names_its_row_and_column()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Hunting.When("T", new HuntingScript
        {
            Rows = () => [[new DateTime(2024, 3, 26, 0, 0, 0, DateTimeKind.Utc), "ws-0", "a"], ["yesterday", "ws-1", "b"]],
        }.Column("Timestamp", "DateTime").Column("DeviceName", "String").Column("ProcessCommandLine", "String"));

        int seen = 0;
        DefenderResponseException ex = await H.ThrowsAsync<DefenderResponseException>(async () =>
        {
            await foreach (SuspiciousProcess _ in client.Hunting.RunAsync("T", new GeneratedHuntingResultReader<SuspiciousProcess>()))
            {
                seen++;
            }
        });

        Assert.Equal(1, seen);
        HuntingResultFormatException format = Assert.IsType<HuntingResultFormatException>(ex.InnerException);
        Assert.Equal(1, format.RowIndex);
        Assert.Equal("Timestamp", format.ColumnName);
        Assert.True(format.BytePosition > 0);
        Assert.Contains("not an ISO 8601 datetime", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_permission_names_the_permission_to_grant()
    {
        H.SecretApp("app-incidents-only", "SecurityIncident.Read.All");
        using DefenderClient client = H.Client(H.SecretAuthenticator("app-incidents-only"));
        H.Emulator.Hunting.When("T", ProcessScript(1));

        DefenderPermissionException ex = await H.ThrowsAsync<DefenderPermissionException>(() => client.Hunting.RunAsync("T").ToListAsync().AsTask());
        Assert.Equal("ThreatHunting.Read.All", ex.RequiredPermission);
        Assert.Contains("ThreatHunting.Read.All", ex.Message, StringComparison.Ordinal);
        Assert.Single(H.Emulator.Journal.Matching("POST", "runHuntingQuery"));
    }

    [Fact]
    public async Task The_client_side_rate_limiter_refuses_calls_beyond_its_budget()
    {
        using var governor = new DefenderQuotaGovernor(new DefenderQuotaOptions { HuntingPerMinute = 2, QueueLimit = 0 });
        (DefenderClient client, _) = H.SecretClient(o => o.QuotaGovernor = governor);
        H.Emulator.Hunting.When("T", ProcessScript(1));

        await client.Hunting.RunAsync("T").ToListAsync();
        await client.Hunting.RunAsync("T").ToListAsync();
        DefenderQuotaException refused = await H.ThrowsAsync<DefenderQuotaException>(() => client.Hunting.RunAsync("T").ToListAsync().AsTask());
        Assert.Equal(DefenderQuotaReason.ClientQueue, refused.Reason);
        Assert.Equal(2, H.Emulator.Journal.Matching("POST", "runHuntingQuery").Count);
        Assert.Empty(await client.Incidents.ListAsync().ToListAsync()); // incidents have their own budget
    }

    [Fact]
    public async Task A_call_queued_by_the_rate_limiter_waits_for_the_window_to_slide_on_the_clients_clock()
    {
        var clock = new TestClock();
        using var governor = new DefenderQuotaGovernor(new DefenderQuotaOptions { HuntingPerMinute = 1, QueueLimit = 1, TimeProvider = clock });
        (DefenderClient client, _) = H.SecretClient(o =>
        {
            o.TimeProvider = clock;
            o.QuotaGovernor = governor;
            o.Resilience.HuntingAttemptTimeout = TimeSpan.FromMinutes(5); // the limiter waits inside the attempt...
            o.Resilience.TotalTimeout = TimeSpan.FromMinutes(10); // ...and the call
        });
        H.Emulator.Hunting.When("T", ProcessScript(1));
        await client.Hunting.RunAsync("T").ToListAsync();

        Task<List<HuntingRow>> queued = client.Hunting.RunAsync("T").ToListAsync().AsTask();
        await Eventually.TrueAsync(() => H.Logs.Lines.Any(l => l.Contains("Waiting for the client-side rate limiter (Hunting)", StringComparison.Ordinal)),
            "the second call to queue for a permit");
        for (int segment = 1; segment < 6; segment++)
        {
            clock.Advance(TimeSpan.FromSeconds(10)); // the window slides a sixth of a minute at a time
        }

        Assert.False(queued.IsCompleted);
        Assert.Single(H.Emulator.Hunting.Received);
        clock.Advance(TimeSpan.FromSeconds(10)); // a minute after the first call its permit leaves the window

        Assert.Single(await Eventually.Finished(queued));
        Assert.Equal(2, H.Emulator.Hunting.Received.Count);
    }

    [Fact]
    public async Task Cancelling_stops_the_stream()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Hunting.When("T", ProcessScript(5000));
        using var cts = new System.Threading.CancellationTokenSource();
        int seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (HuntingRow _ in client.Hunting.RunAsync("T", cancellationToken: cts.Token))
            {
                if (++seen == 10)
                {
                    await cts.CancelAsync();
                }
            }
        });
        Assert.True(seen < 5000);
    }
}

[HuntingResult]
public sealed partial record SuspiciousProcess(DateTime Timestamp, string DeviceName, string ProcessCommandLine);


/// <summary>Stands in for the generated reader: maps untyped rows to the record.</summary>
internal sealed class SuspiciousProcessReader : IHuntingResultReader<SuspiciousProcess>
{
    public async IAsyncEnumerable<SuspiciousProcess> ReadAsync(System.IO.Stream utf8Json, [System.Runtime.CompilerServices.EnumeratorCancellation] System.Threading.CancellationToken cancellationToken)
    {
        await foreach (HuntingRow row in UntypedHuntingResultReader.Instance.ReadAsync(utf8Json, cancellationToken))
        {
            yield return new SuspiciousProcess(row["Timestamp"].GetDateTime(), row.GetString("DeviceName")!, row.GetString("ProcessCommandLine")!);
        }
    }
}
