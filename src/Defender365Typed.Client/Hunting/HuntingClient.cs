using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client.Http;
using Defender365Typed.KqlFrontEnd;
using Defender365Typed.Results;
using Microsoft.Extensions.Logging;

namespace Defender365Typed.Client;

/// <summary>
/// Runs advanced hunting queries (typed builder queries or raw KQL) on Graph <c>runHuntingQuery</c> or
/// the legacy <c>advancedhunting/run</c>, streaming rows from the response as it arrives.
/// </summary>
public sealed class HuntingClient
{
    private readonly DefenderTransport _transport;
    private readonly ILogger _logger;

    /// <summary>The tenant ID this client's spans carry (<see cref="DefenderClientOptions"/>).</summary>
    internal string? TelemetryTenantId => _transport.Options.TelemetryTenantId;

    internal HuntingClient(DefenderTransport transport, ILogger logger)
    {
        _transport = transport;
        _logger = logger;
    }

    /// <summary>Runs raw KQL and streams untyped rows (<see cref="UntypedHuntingResultReader"/>).</summary>
    public IAsyncEnumerable<HuntingRow> RunAsync([Kql, StringSyntax("kql")] string kql, HuntingOptions? options = null, CancellationToken cancellationToken = default) =>
        RunAsync(kql, WithClientOptions<HuntingRow>(UntypedHuntingResultReader.Instance), options, cancellationToken);

    /// <summary>Runs a typed query with the reader registered for its row type (<see cref="HuntingResultReaders"/>).</summary>
    public IAsyncEnumerable<TRow> RunAsync<TRow, TColumns>(KqlQuery<TRow, TColumns> query, HuntingOptions? options = null, CancellationToken cancellationToken = default)
        where TColumns : class
    {
        ArgumentNullException.ThrowIfNull(query);
        return RunAsync(query.ToKql(), DefaultReader<TRow>(), options, cancellationToken);
    }

    /// <summary>
    /// Runs a query generated from a <c>[HuntingQuery("Name")]</c> constant and reads its generated rows
    /// (<c>client.Hunting.RunAsync(MyDetections.FailedLogons)</c>).
    /// </summary>
    public IAsyncEnumerable<TRow> RunAsync<TRow>(RawKqlQuery<TRow> query, HuntingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return RunAsync(query.Kql, WithClientOptions(query.Reader), options, cancellationToken);
    }

    /// <summary>Runs raw KQL and reads typed rows with the reader registered for <typeparamref name="TRow"/> (<see cref="HuntingResultReaders"/>).</summary>
    public IAsyncEnumerable<TRow> RunAsync<TRow>([Kql, StringSyntax("kql")] string kql, HuntingOptions? options = null, CancellationToken cancellationToken = default) =>
        RunAsync(kql, DefaultReader<TRow>(), options, cancellationToken);

    /// <summary>The registered reader for <typeparamref name="TRow"/>, with the client's options.</summary>
    private IHuntingResultReader<TRow> DefaultReader<TRow>() => WithClientOptions(HuntingResultReaders.Get<TRow>());

    /// <summary>A reader the client picked itself, given <see cref="DefenderClientOptions.ResultReaderOptions"/> when it takes options.</summary>
    private IHuntingResultReader<TRow> WithClientOptions<TRow>(IHuntingResultReader<TRow> reader) =>
        _transport.Options.ResultReaderOptions is { } readerOptions && reader is IConfigurableHuntingResultReader<TRow> configurable
            ? configurable.WithOptions(readerOptions)
            : reader;

    /// <summary>Runs a typed query and reads its rows with <paramref name="reader"/>.</summary>
    public IAsyncEnumerable<TRow> RunAsync<TRow, TColumns>(KqlQuery<TRow, TColumns> query, IHuntingResultReader<TRow> reader, HuntingOptions? options = null, CancellationToken cancellationToken = default)
        where TColumns : class
    {
        ArgumentNullException.ThrowIfNull(query);
        return RunAsync(query.ToKql(), reader, options, cancellationToken);
    }

    /// <summary>Runs raw KQL and reads its rows with <paramref name="reader"/>.</summary>
    public async IAsyncEnumerable<TRow> RunAsync<TRow>([Kql, StringSyntax("kql")] string kql, IHuntingResultReader<TRow> reader, HuntingOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        HuntingResponse<TRow> result = await ExecuteAsync(kql, reader, options, cancellationToken).ConfigureAwait(false);
        await using (result.ConfigureAwait(false))
        {
            await foreach (TRow row in result.ReadRowsAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return row;
            }
        }
    }

    /// <summary>
    /// Sends the query and returns once the response headers arrived; errors (400 query errors, 403, 429
    /// after retries, timeouts) are thrown here. Read the rows from the returned response, then check its row cap.
    /// </summary>
    public async Task<HuntingResponse<TRow>> ExecuteAsync<TRow>([Kql, StringSyntax("kql")] string kql, IHuntingResultReader<TRow> reader, HuntingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kql);
        ArgumentNullException.ThrowIfNull(reader);
        options ??= new HuntingOptions();
        DefenderApi api = options.Api ?? _transport.Options.HuntingApi;
        if (api == DefenderApi.Legacy && options.Timespan is not null)
        {
            throw new ArgumentException("Timespan is a Graph runHuntingQuery parameter; the legacy API always covers the last 30 days.", nameof(options));
        }

        Uri uri = new(_transport.BaseUri(api), api == DefenderApi.Graph ? "v1.0/security/runHuntingQuery" : "api/advancedhunting/run");
        using HttpRequestMessage request = DefenderRequest.Create(HttpMethod.Post, uri, api, DefenderCallKind.Hunting, idempotent: true, Body(kql, options.Timespan));
        HttpResponseMessage response = await _transport.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return new HuntingResponse<TRow>(response, reader, api, options.OnRowCap, _logger, _transport.Options.TelemetryTenantId, _transport.Options.QuotaGovernor);
    }

    /// <summary>
    /// Runs raw KQL over a time range in slices (docs/time-sliced-runs.md) and streams untyped rows; enumerate the run,
    /// then read its <see cref="SlicedHuntingRun{TRow}.Result"/>.
    /// </summary>
    /// <exception cref="HuntingSliceabilityException">The query is not one pipeline from one table through row-wise operators (the message names the operator).</exception>
    /// <exception cref="ArgumentException">
    /// The options are missing or out of range (the message names the property), or a strict run on the legacy API starts
    /// before the last 30 days it serves (the message names the oldest time it serves).
    /// </exception>
    public SlicedHuntingRun<HuntingRow> RunSliced([Kql, StringSyntax("kql")] string kql, SlicedRunOptions options) =>
        RunSliced(kql, WithClientOptions<HuntingRow>(UntypedHuntingResultReader.Instance), options);

    /// <summary>Runs a typed query over a time range in slices, with the reader registered for its row type.</summary>
    /// <inheritdoc cref="RunSliced(string, SlicedRunOptions)"/>
    public SlicedHuntingRun<TRow> RunSliced<TRow, TColumns>(KqlQuery<TRow, TColumns> query, SlicedRunOptions options)
        where TColumns : class
    {
        ArgumentNullException.ThrowIfNull(query);
        return RunSliced(query.ToKql(), DefaultReader<TRow>(), options);
    }

    /// <summary>Runs raw KQL over a time range in slices, reading typed rows with the reader registered for <typeparamref name="TRow"/>.</summary>
    /// <inheritdoc cref="RunSliced(string, SlicedRunOptions)"/>
    public SlicedHuntingRun<TRow> RunSliced<TRow>([Kql, StringSyntax("kql")] string kql, SlicedRunOptions options) =>
        RunSliced(kql, DefaultReader<TRow>(), options);

    /// <summary>Runs raw KQL over a time range in slices, reading its rows with <paramref name="reader"/>.</summary>
    /// <inheritdoc cref="RunSliced(string, SlicedRunOptions)"/>
    public SlicedHuntingRun<TRow> RunSliced<TRow>([Kql, StringSyntax("kql")] string kql, IHuntingResultReader<TRow> reader, SlicedRunOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kql);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        (DateTime Start, DateTime End) range = options.Validate();
        SliceablePipeline pipeline = SliceablePipeline.Analyze(kql, options.Schema);
        DefenderApi api = options.Api ?? _transport.Options.HuntingApi;
        if (api == DefenderApi.Legacy && options.Mode == SlicedRunMode.Strict
            && LegacyHuntingWindow.Refusal(range.Start, _transport.Options.TimeProvider.GetUtcNow()) is { } tooOld)
        {
            throw new ArgumentException(tooOld, nameof(options));
        }

        return new SlicedHuntingRun<TRow>(this, pipeline, reader, options, range, api, _transport.Options.TimeProvider, _logger);
    }

    /// <summary>
    /// Runs a batch of named queries over one time range, each as a sliced run, writing each query's rows to its own file
    /// of <see cref="HuntingBatchOptions.OutputDirectory"/> as its slices complete, with a state file that lets a batch
    /// killed at any moment resume where it stopped, without a row lost or written twice (docs/hunting-batches.md).
    /// Queries that cannot run in slices are refused (the others run); a finished query is not run again on a resume.
    /// </summary>
    /// <param name="queries">The queries, run in this order.</param>
    /// <param name="options">The range, slicing, output and state file.</param>
    /// <param name="cancellationToken">Stops the batch; the state file keeps what was committed.</param>
    /// <returns>Each query's outcome. A strict batch stops at a failed slice: that query is partial, the later ones not run.</returns>
    /// <exception cref="ArgumentException">The options are missing or out of range, or two queries have one name.</exception>
    /// <exception cref="HuntingBatchStateException">The state file is corrupt or records another batch (the message names the difference).</exception>
    public Task<HuntingBatchResult> RunBatchAsync(IEnumerable<HuntingBatchQuery> queries, HuntingBatchOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(options);
        HuntingBatchQuery[] list = [.. queries];
        if (list.Length == 0 || Array.Exists(list, q => q is null))
        {
            throw new ArgumentException("A batch needs at least one query, and no null ones.", nameof(queries));
        }

        return new HuntingBatch(this, list, options).RunAsync(cancellationToken);
    }

    /// <summary>
    /// Checks that <paramref name="kql"/> can run in time slices (<see cref="RunSliced(string, SlicedRunOptions)"/> does
    /// too): one pipeline from one table with a datetime Timestamp column (as the documented schema has it) through
    /// row-wise operators. Call it to refuse a query before signing in.
    /// </summary>
    /// <exception cref="HuntingSliceabilityException">It cannot; the message names the operator, construct or table and its line and column.</exception>
    public static void CheckSliceable([Kql, StringSyntax("kql")] string kql) => CheckSliceable(kql, schema: null);

    /// <summary>
    /// Checks that <paramref name="kql"/> can run in time slices, with the query's table looked up in
    /// <paramref name="schema"/> (a tenant's schema or schema file; see <see cref="SlicedRunOptions.Schema"/>) before the
    /// documented schema.
    /// </summary>
    /// <exception cref="HuntingSliceabilityException">It cannot; the message names the operator, construct or table and its line and column.</exception>
    public static void CheckSliceable([Kql, StringSyntax("kql")] string kql, HuntingSchemaDocument? schema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kql);
        SliceablePipeline.Analyze(kql, schema);
    }

    /// <summary>
    /// The tables and functions the signed-in caller may use in advanced hunting, as Microsoft Graph serves them
    /// (<c>GET /beta/security/getHuntingSchema</c>: custom tables, saved functions, columns newer than the documentation,
    /// only what the caller's role can see), normalised for diffs: tables and functions sorted by name, columns in service
    /// order, types as canonical KQL names. Write it with <c>HuntingSchemaJson.Write</c> to get a schema file.
    /// </summary>
    /// <exception cref="NotSupportedException">
    /// The client is set up for another cloud than the global one (the API is documented for the global cloud only), or
    /// sends hunting to the legacy API (<see cref="DefenderClientOptions.HuntingApi"/>; getHuntingSchema is Graph's).
    /// </exception>
    /// <exception cref="DefenderResponseException">The response is malformed or names a type that is not a KQL type (the message names the table or function and the column or parameter).</exception>
    public async Task<HuntingSchemaDocument> GetSchemaAsync(CancellationToken cancellationToken = default)
    {
        DefenderClientOptions options = _transport.Options;
        if (options.Cloud != Auth.DefenderCloud.Global && !options.Cloud.IsEmulator)
        {
            throw new NotSupportedException(
                $"The hunting schema (Microsoft Graph getHuntingSchema) is available in the global cloud only; this client is set up for the {options.Cloud.Name} cloud.");
        }

        if (options.HuntingApi == DefenderApi.Legacy)
        {
            throw new NotSupportedException(
                "The hunting schema comes from Microsoft Graph (getHuntingSchema), which the legacy Defender XDR API has no counterpart of; this client sends hunting to the legacy API (HuntingApi = Legacy). Use HuntingApi = Graph.");
        }

        Uri uri = new(_transport.BaseUri(DefenderApi.Graph), "beta/security/getHuntingSchema");
        using HttpRequestMessage request = DefenderRequest.Create(HttpMethod.Get, uri, DefenderApi.Graph, DefenderCallKind.HuntingSchema, idempotent: true);
        GraphHuntingSchema schema = await _transport.ReadJsonAsync(request, HuntingSchemaJsonContext.Default.GraphHuntingSchema, cancellationToken).ConfigureAwait(false);
        return HuntingSchemaConverter.Convert(schema);
    }

    private static ByteArrayContent Body(string kql, string? timespan)
    {
        var buffer = new ArrayBufferWriter<byte>(kql.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("Query", kql);
            if (timespan is not null)
            {
                writer.WriteString("Timespan", timespan);
            }

            writer.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }
}
