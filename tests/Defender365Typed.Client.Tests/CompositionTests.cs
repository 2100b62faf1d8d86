using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client.Auth;
using Defender365Typed.Emulator.Api;
using Defender365Typed.Emulator.Faults;
using Defender365Typed.Results;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Defender365Typed.Client.Tests;

public sealed class CompositionTests : EmulatorTest
{
    [Fact]
    public async Task AddDefender365Client_builds_the_same_pipeline_on_IHttpClientFactory()
    {
        H.SecretApp();
        H.Emulator.Incidents.Seed(3);
        H.Emulator.Hunting.When("T", new HuntingScript { Rows = () => [["x"]] }.Column("A", "String"));
        H.Emulator.Faults.Add(new FaultRule(FaultKind.TooManyRequests, "runHuntingQuery") { RetryAfterSeconds = 0 });
        H.Emulator.Tokens.ExpireAllAccessTokens();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(H.Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddDefender365Client(o =>
        {
            DefenderClientOptions template = H.ClientOptions();
            o.Cloud = H.Cloud;
            o.Resilience = template.Resilience;
            o.Auth = H.AuthOptions(DefenderAuthFlow.ClientSecret, "app-secret");
        });
        await using ServiceProvider provider = services.BuildServiceProvider();

        DefenderClient client = provider.GetRequiredService<DefenderClient>();
        Assert.Equal(3, (await client.Incidents.ListAsync().ToListAsync()).Count);
        Assert.Single(await client.Hunting.RunAsync("T").ToListAsync());
        Assert.Equal([429, 200], H.Emulator.Journal.Matching("POST", "runHuntingQuery").Select(e => e.Status));
        Assert.Same(provider.GetRequiredService<DefenderAuthenticator>(), provider.GetRequiredService<IDefenderTokenProvider>());
    }

    [Fact]
    public async Task AddDefender365Client_waits_on_the_options_clock()
    {
        H.SecretApp();
        H.Emulator.Hunting.When("T", new HuntingScript { Rows = () => [["x"]] }.Column("A", "String"));
        H.Emulator.Faults.Add(new FaultRule(FaultKind.TooManyRequests, "runHuntingQuery") { RetryAfterSeconds = 3 });
        var clock = new TestClock();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(H.Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddDefender365Client(o =>
        {
            o.Cloud = H.Cloud;
            o.Resilience = H.ClientOptions().Resilience;
            o.Auth = H.AuthOptions(DefenderAuthFlow.ClientSecret, "app-secret");
            o.TimeProvider = clock;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();

        Task<System.Collections.Generic.List<HuntingRow>> run = provider.GetRequiredService<DefenderClient>().Hunting.RunAsync("T").ToListAsync().AsTask();
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(3)); // Retry-After, on the clock given in the options
        Assert.False(run.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Single(await Eventually.Finished(run));
        Assert.Equal([429, 200], H.Emulator.Journal.Matching("POST", "runHuntingQuery").Select(e => e.Status));
    }

    [Fact]
    public void The_clock_cannot_be_null()
    {
        ArgumentNullException ex = Assert.Throws<ArgumentNullException>(() => new DefenderClientOptions().TimeProvider = null!);
        Assert.Equal("value", ex.ParamName);
        Assert.Same(TimeProvider.System, new DefenderClientOptions().TimeProvider);
    }

    [Fact]
    public async Task The_log_scan_sees_MSAL_and_HTTP_lines_and_no_secret()
    {
        (DefenderClient client, DefenderAuthenticator auth) = H.SecretClient();
        H.Emulator.Incidents.Seed(1);
        await client.Incidents.ListAsync().ToListAsync();
        await H.ThrowsAsync<DefenderApiException>(() => client.Incidents.GetAsync("42"));
        H.Emulator.Tokens.ExpireAllAccessTokens();
        await client.LegacyIncidents.ListAsync().ToListAsync();

        Assert.Contains(H.Logs.Lines, l => l.Contains("MSAL:", StringComparison.Ordinal));
        Assert.Contains(H.Logs.Lines, l => l.Contains("GET /v1.0/security/incidents -> 200", StringComparison.Ordinal));
        Assert.Contains(H.Logs.Lines, l => l.Contains("Microsoft.AspNetCore", StringComparison.Ordinal)); // the emulator's own logs are scanned too
        Assert.NotEmpty(H.Emulator.Tokens.IssuedSecrets);
        H.AssertNoSecretLeaked();
        Assert.DoesNotContain(RecordingLoggerProvider.SuiteLines, l => l.Contains(H.ClientSecret, StringComparison.Ordinal));
        Assert.Equal(DefenderAuthFlow.ClientSecret, auth.Flow);
    }
}

public sealed class UntypedReaderTests
{
    private sealed class TrickleStream(byte[] data, int chunk) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(count, chunk), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private const string Legacy = """
        {"Stats":{"ExecutionTime":4.6,"resource_usage":{"cpu":{"total cpu":"00:00:19"}},"dataset_statistics":[{"table_row_count":2}]},
         "Schema":[{"Name":"Timestamp","Type":"DateTime"},{"Name":"AdditionalFields","Type":"String"}],
         "Results":[{"Timestamp":"2020-08-30T06:38:35.7664356Z","AdditionalFields":"{\"a\":[1,{\"b\":\"]}\"}]}"},
                    {"Timestamp":"2020-09-06T14:46:57.29Z","AdditionalFields":{"nested":[1,2,3]}}]}
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Rows_stream_across_any_chunk_boundary(int chunk)
    {
        var rows = await UntypedHuntingResultReader.Instance.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(Legacy), chunk), CancellationToken.None).ToListAsync();
        Assert.Equal(2, rows.Count);
        Assert.Equal("2020-09-06T14:46:57.29Z", rows[1].GetString("Timestamp"));
        Assert.Equal(3, rows[1]["AdditionalFields"].GetProperty("nested").GetArrayLength());
    }

    [Fact]
    public async Task Results_before_schema_and_a_row_larger_than_the_buffer_are_read()
    {
        string big = new('x', 200_000);
        string json = $$"""{"results":[{"A":"{{big}}"},{"A":"y"}],"schema":[{"name":"A","type":"String"}],"@odata.context":"c"}""";
        var rows = await UntypedHuntingResultReader.Instance.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(json), 65536), CancellationToken.None).ToListAsync();
        Assert.Equal(big.Length, rows[0].GetString("A")!.Length);
        Assert.Equal("y", rows[1].GetString("A"));
    }

    // Untyped rows go through the runtime's envelope parser, so a broken body fails as typed rows do: one exception
    // type naming the row (-1: outside any row), the column (null: none) and the byte position (of the bad token, or
    // of the end of a body cut off between tokens).
    [Theory]
    [InlineData("""{"results":[{"A":1},{"A":""", 1, "A", 21)]
    [InlineData("""{"results":[{"A":1}""", -1, null, 19)]
    [InlineData("""{"results":[1,2]}""", 0, null, 12)]
    [InlineData("""[{"A":1}]""", -1, null, 0)]
    [InlineData("""{"results":[{"A":tru}]}""", 0, "A", 17)]
    [InlineData("""{"results":[{"A":1},{"A":2,"B":[1,}]}""", 1, "B", 34)]
    public async Task Broken_or_cut_bodies_throw_instead_of_ending_quietly(string json, int row, string? column, long position)
    {
        HuntingResultFormatException ex = await Assert.ThrowsAsync<HuntingResultFormatException>(() =>
            UntypedHuntingResultReader.Instance.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(json), 3), CancellationToken.None).ToListAsync().AsTask());
        Assert.Equal(row < 0 ? null : row, ex.RowIndex);
        Assert.Equal(column, ex.ColumnName);
        Assert.Equal(position, ex.BytePosition);
    }

    [Fact]
    public async Task An_empty_result_yields_no_rows()
    {
        Assert.Empty(await UntypedHuntingResultReader.Instance.ReadAsync(new MemoryStream("""{"schema":[],"results":[]}"""u8.ToArray()), CancellationToken.None).ToListAsync());
    }

    [Fact]
    public void Untyped_rows_read_from_memory_with_the_same_reader_as_typed_rows()
    {
        List<HuntingRow> rows = HuntingResultReader.ReadAll<HuntingRow>(Encoding.UTF8.GetBytes(Legacy));
        Assert.Equal(["Timestamp", "AdditionalFields"], rows[0].Keys);
        Assert.Equal("""{"a":[1,{"b":"]}"}]}""", rows[0].GetString("AdditionalFields"));
    }
}
