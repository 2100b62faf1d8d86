using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Defender365Typed.Client.Auth;
using Defender365Typed.Emulator;
using Defender365Typed.Emulator.Api;
using Defender365Typed.KqlEngine;
using Defender365Typed.KqlFrontEnd;
using Microsoft.Extensions.Time.Testing;

namespace Defender365Typed.Client.Tests;

/// <summary>
/// The emulator's service limits (EmulatorOptions.HuntingLimits) over raw HTTP, so the exact status, body and Retry-After
/// are seen: the call quotas per minute and hour and the CPU allowance on a fake clock, the cost model's timeout, the row
/// cap and the result size limit.
/// </summary>
public sealed class HuntingLimitsTests
{
    // A 15-minute cycle starts at 10:00; the tests start five minutes into it.
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 10, 5, 0, TimeSpan.Zero);

    [Fact]
    public async Task Without_limits_the_emulator_answers_every_call_and_has_no_counters()
    {
        await using Limited e = await Limited.StartAsync(null);

        for (int i = 0; i < 50; i++)
        {
            (HttpStatusCode status, _, _) = await e.PostAsync("T | take 1");
            Assert.Equal(HttpStatusCode.OK, status);
        }

        Assert.Null(e.H.Emulator.Hunting.Limits);
    }

    [Fact]
    public async Task Over_the_minute_quota_a_call_gets_the_services_429_body_and_Retry_After_until_the_oldest_call_leaves_the_minute()
    {
        await using Limited e = await Limited.StartAsync(l => l.CallsPerMinute = 3);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await e.PostAsync("T | take 1")).Status);
            e.Time.Advance(TimeSpan.FromSeconds(10));
        }

        (HttpStatusCode status, JsonElement body, HttpResponseMessage response) = await e.PostAsync("T | take 1");

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter!.Delta);
        Assert.Equal("TooManyRequests", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("API calls quota exceeded! maximum allowed 3 per 00:01:00. You can send requests again in 30 seconds.",
            body.GetProperty("error").GetProperty("message").GetString());

        e.Time.Advance(TimeSpan.FromSeconds(29));
        (status, body, response) = await e.PostAsync("T | take 1", legacy: true);
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("429", body.GetProperty("error").GetProperty("code").GetString()); // the MDE / XDR API's spelling
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter!.Delta);

        e.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await e.PostAsync("T | take 1")).Status);

        HuntingCallCounters calls = e.H.Emulator.Hunting.Limits!.Calls;
        Assert.Equal((e.H.TenantId, 4L, 2L, 0L), (calls.TenantId, calls.Accepted, calls.ThrottledByCallRate, calls.ThrottledByCpu));
        Assert.Equal(2L, calls.Throttled);
    }

    [Fact]
    public async Task Over_the_hour_quota_a_call_gets_the_hourly_429_with_the_wait_for_the_oldest_call_of_the_hour()
    {
        await using Limited e = await Limited.StartAsync(l => (l.CallsPerMinute, l.CallsPerHour) = (45, 5));
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await e.PostAsync("T | take 1")).Status);
            e.Time.Advance(TimeSpan.FromMinutes(10));
        }

        (HttpStatusCode status, JsonElement body, HttpResponseMessage response) = await e.PostAsync("T | take 1");

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal(TimeSpan.FromSeconds(600), response.Headers.RetryAfter!.Delta);
        Assert.Equal("API calls quota exceeded! maximum allowed 5 per 01:00:00. You can send requests again in 600 seconds.",
            body.GetProperty("error").GetProperty("message").GetString());

        e.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await e.PostAsync("T | take 1")).Status);
        Assert.Equal((6L, 1L), (e.H.Emulator.Hunting.Limits!.Calls.Accepted, e.H.Emulator.Hunting.Limits.Calls.ThrottledByCallRate));
    }

    [Fact]
    public async Task Once_the_cycles_CPU_is_used_up_calls_get_the_CPU_429_until_the_next_15_minute_cycle_resets_it()
    {
        await using Limited e = await Limited.StartAsync(l =>
        {
            l.CpuAllowance = TimeSpan.FromMinutes(2.5);
            l.CpuPerQuery = TimeSpan.FromMinutes(1);
            l.CpuPerRowOperator = TimeSpan.Zero;
        });
        for (int i = 0; i < 3; i++)
        {
            // The third call starts with 2 of 2.5 minutes used, so it runs; it leaves 3 minutes used.
            Assert.Equal(HttpStatusCode.OK, (await e.PostAsync("T")).Status);
        }

        (HttpStatusCode status, JsonElement body, HttpResponseMessage response) = await e.PostAsync("T");

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal(TimeSpan.FromSeconds(600), response.Headers.RetryAfter!.Delta); // the cycle ends at 10:15
        Assert.Equal("You have exceeded processing resources allocated to this tenant. You can run queries again in 600 seconds.",
            body.GetProperty("error").GetProperty("message").GetString());
        HuntingCallCounters before = e.H.Emulator.Hunting.Limits!.Calls;
        Assert.Equal((3L, 0L, 1L, TimeSpan.FromMinutes(3)), (before.Accepted, before.ThrottledByCallRate, before.ThrottledByCpu, before.CpuUsedInCycle));
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero), before.CycleStart);

        e.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await e.PostAsync("T")).Status);
        e.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await e.PostAsync("T")).Status);

        HuntingCallCounters after = e.H.Emulator.Hunting.Limits.Calls;
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 10, 15, 0, TimeSpan.Zero), after.CycleStart);
        Assert.Equal((TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(4), 2L), (after.CpuUsedInCycle, after.CpuUsedTotal, after.ThrottledByCpu));
    }

    [Fact]
    public async Task The_cost_model_charges_rows_read_times_operators_and_pipes_inside_strings_do_not_count()
    {
        await using Limited e = await Limited.StartAsync(l => (l.CpuPerQuery, l.CpuPerRowOperator) = (TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));

        (HttpStatusCode status, JsonElement body, _) = await e.PostAsync("T | where s != \"a|b|c\"", legacy: true);

        // 2 s + 60 rows × (scan + where) × 1 s; the legacy Stats carry the modelled time.
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(122.0, body.GetProperty("Stats").GetProperty("ExecutionTime").GetDouble());
        Assert.Equal("00:02:02", body.GetProperty("Stats").GetProperty("resource_usage").GetProperty("cpu").GetProperty("total cpu").GetString());
        Assert.Equal(TimeSpan.FromSeconds(122), e.H.Emulator.Hunting.Limits!.Calls.CpuUsedTotal);
    }

    [Fact]
    public async Task A_query_whose_modelled_time_passes_the_request_timeout_gets_the_timeout_400_and_is_charged_the_timeout()
    {
        await using Limited e = await Limited.StartAsync(l => (l.CpuPerQuery, l.CpuPerRowOperator) = (TimeSpan.Zero, TimeSpan.FromSeconds(1)));

        // 60 rows × 3 operators = 180 s: exactly the 3-minute timeout still runs.
        Assert.Equal(HttpStatusCode.OK, (await e.PostAsync("T | where x > 0 | where x > 1")).Status);

        (HttpStatusCode status, JsonElement body, _) = await e.PostAsync("T | where x > 0 | where x > 1 | where x > 2");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("BadRequest", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("Query exceeded the timeout period.", body.GetProperty("error").GetProperty("message").GetString());
        HuntingCallCounters calls = e.H.Emulator.Hunting.Limits!.Calls;
        Assert.Equal((2L, 1L, TimeSpan.FromMinutes(6)), (calls.Accepted, calls.TimedOut, calls.CpuUsedTotal));
    }

    [Fact]
    public async Task The_row_cap_limits_the_rows_an_evaluated_query_returns()
    {
        await using Limited e = await Limited.StartAsync(l => l.RowCap = 7);

        (HttpStatusCode status, JsonElement body, _) = await e.PostAsync("T | order by x asc");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7], body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("x").GetInt64()));
    }

    [Fact]
    public async Task A_result_over_the_size_limit_gets_the_documented_400_and_no_rows_one_at_the_limit_is_sent_whole()
    {
        await using Limited e = await Limited.StartAsync(l => l.MaxResultBytes = null);
        (_, _, HttpResponseMessage unlimited) = await e.PostAsync("T");
        byte[] whole = await unlimited.Content.ReadAsByteArrayAsync();
        EmulatorHuntingLimits options = e.H.Emulator.Hunting.Limits!.Options;

        options.MaxResultBytes = whole.Length - 1;
        (HttpStatusCode status, JsonElement body, _) = await e.PostAsync("T");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("BadRequest", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("Query execution has exceeded the allowed result size. Optimize your query by limiting the number of results and try again.",
            body.GetProperty("error").GetProperty("message").GetString());
        Assert.False(body.TryGetProperty("results", out _));
        Assert.Equal(1L, e.H.Emulator.Hunting.Limits.Calls.ResultTooLarge);

        options.MaxResultBytes = whole.Length;
        (status, _, HttpResponseMessage atLimit) = await e.PostAsync("T");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(whole.Length, atLimit.Content.Headers.ContentLength);
        Assert.Equal(whole, await atLimit.Content.ReadAsByteArrayAsync());
        Assert.Equal(60, JsonDocument.Parse(whole).RootElement.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Limits_switched_off_at_run_time_stop_throttling_and_counting()
    {
        await using Limited e = await Limited.StartAsync(l => l.CallsPerMinute = 1);
        Assert.Equal(HttpStatusCode.OK, (await e.PostAsync("T | take 1")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await e.PostAsync("T | take 1")).Status);

        e.H.Emulator.Hunting.Limits!.Options.Enabled = false;

        Assert.Equal(HttpStatusCode.OK, (await e.PostAsync("T | take 1")).Status);
        Assert.Equal((1L, 1L), (e.H.Emulator.Hunting.Limits.Calls.Accepted, e.H.Emulator.Hunting.Limits.Calls.Throttled));
    }

    /// <summary>An emulator on a fake clock serving table T (x: 1..60, s: "row x"), a token for each API, and raw HTTP.</summary>
    private sealed class Limited : IAsyncDisposable
    {
        private readonly HttpClient _http;
        private readonly string _graphToken;
        private readonly string _legacyToken;

        private Limited(Harness h, FakeTimeProvider time, HttpClient http, string graphToken, string legacyToken)
        {
            H = h;
            Time = time;
            _http = http;
            _graphToken = graphToken;
            _legacyToken = legacyToken;
        }

        public Harness H { get; }

        public FakeTimeProvider Time { get; }

        /// <param name="configure">Sets the limits; null: no limits at all (EmulatorOptions.HuntingLimits left null).</param>
        public static async Task<Limited> StartAsync(Action<EmulatorHuntingLimits>? configure)
        {
            var time = new FakeTimeProvider(Start);
            EmulatorHuntingLimits? limits = null;
            if (configure is not null)
            {
                // Only the limit under test: the others off unless the test sets them.
                limits = new EmulatorHuntingLimits { CallsPerMinute = null, CallsPerHour = null, CpuAllowance = null, RequestTimeout = TimeSpan.FromMinutes(3) };
                configure(limits);
            }

            Harness h = await Harness.StartAsync(o => (o.Time, o.HuntingLimits) = (time, limits));
            h.Emulator.Tokens.AccessTokenLifetime = TimeSpan.FromDays(1); // the fake clock moves hours ahead
            KqlResultColumn[] columns = [new("x", KqlScalarType.Long), new("s", KqlScalarType.String)];
            h.Emulator.Hunting.UseTables(new TableSource([new KqlResultTable("T", columns, [.. Enumerable.Range(1, 60).Select(i => new object?[] { (long)i, "row " + i })])]));
            h.SecretApp();
            using DefenderAuthenticator auth = h.SecretAuthenticator();
            string graph = (await auth.GetTokenAsync(DefenderApi.Graph, false, default)).Token;
            string legacy = (await auth.GetTokenAsync(DefenderApi.Legacy, false, default)).Token;
            return new Limited(h, time, h.Browser(), graph, legacy);
        }

        public async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostAsync(string query, bool legacy = false)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(H.Emulator.BaseUri, legacy ? "api/advancedhunting/run" : "v1.0/security/runHuntingQuery"))
            {
                Content = new StringContent(JsonSerializer.Serialize(new { Query = query }), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", legacy ? _legacyToken : _graphToken);
            HttpResponseMessage response = await _http.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            using JsonDocument doc = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
            return (response.StatusCode, doc.RootElement.Clone(), response);
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await H.DisposeAsync();
        }
    }
}
