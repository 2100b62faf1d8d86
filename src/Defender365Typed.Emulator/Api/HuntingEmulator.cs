using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Defender365Typed.KqlEngine;
using Defender365Typed.KqlFrontEnd;
using Microsoft.AspNetCore.Http;

namespace Defender365Typed.Emulator.Api;

/// <summary>
/// Answers hunting queries and streams the rows in the Graph or the legacy layout: from a script when
/// one matches, otherwise by evaluating the KQL over in-memory tables (<see cref="UseTables"/>).
/// </summary>
public sealed class HuntingEmulator
{
    private readonly List<(Func<string, bool> Match, HuntingScript Script)> _scripts = [];
    private readonly ConcurrentQueue<ReceivedHuntingQuery> _received = new();
    private (ITableSource Tables, EngineOptions Options)? _engine;

    /// <summary>The clock that stamps <see cref="ReceivedHuntingQuery.ReceivedAt"/> (<see cref="EmulatorOptions.Time"/>).</summary>
    internal TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The tenant's schema (<see cref="EmulatorOptions.HuntingSchema"/>) that evaluated queries see the tables through, if any.</summary>
    internal HuntingSchemaDocument? Schema { get; init; }

    /// <summary>The service limits enforced on hunting calls (<see cref="EmulatorOptions.HuntingLimits"/>) and their counters; null when off.</summary>
    public HuntingLimits? Limits { get; init; }

    /// <summary>The saved functions the engine evaluates (<see cref="EmulatorOptions.SavedFunctionBodies"/>), if any.</summary>
    internal IReadOnlyDictionary<string, KqlStoredFunction>? StoredFunctions { get; init; }

    internal static IReadOnlyDictionary<string, KqlStoredFunction>? StoredFunctionsOf(EmulatorOptions options)
    {
        if (options.SavedFunctionBodies.Count == 0)
        {
            return null;
        }

        var functions = new Dictionary<string, KqlStoredFunction>(StringComparer.Ordinal);
        foreach ((string name, string body) in options.SavedFunctionBodies)
        {
            HuntingSchemaFunction declared = options.HuntingSchema?.Functions.FirstOrDefault(f => f.Name == name && f.Kind == HuntingSchemaFunctionKind.Saved)
                ?? throw new ArgumentException($"EmulatorOptions.SavedFunctionBodies names '{name}', which is not a saved function of EmulatorOptions.HuntingSchema.", nameof(options));
            functions[name] = new KqlStoredFunction(declared.Parameters, body);
        }

        return functions;
    }

    /// <summary>
    /// Evaluates queries no script matches with the KQL engine over <paramref name="tables"/> (for
    /// example <see cref="SyntheticDataset.Create"/>); a query the engine does not support gets a 400
    /// naming the unsupported operator or function, as a service query error would. With
    /// <see cref="EmulatorOptions.HuntingSchema"/>, queries see exactly the schema's tables and columns; a saved function
    /// of the schema is evaluated with its body from <see cref="EmulatorOptions.SavedFunctionBodies"/> (without one, the
    /// engine answers with the 400 naming the function). Each query sees the rows of its time window only: the Graph
    /// <c>Timespan</c> (the interval's ends included; an invalid one is a 400), else <see cref="DefaultLookback"/>.
    /// </summary>
    public void UseTables(ITableSource tables, EngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        options ??= new EngineOptions();
        _engine = (Schema is null ? tables : new SchemaTableSource(tables, Schema), StoredFunctions is null ? options : options.WithStoredFunctions(StoredFunctions));
    }

    /// <summary>
    /// What evaluated queries cover without a Graph <c>Timespan</c> (and every legacy query): the rows whose Timestamp is
    /// at most this far back from <see cref="EngineOptions.Now"/>, 30 days as the service documents; null for every row
    /// (rows a user loaded, whatever their age). A Timespan always applies (docs/time-sliced-runs.md).
    /// </summary>
    public TimeSpan? DefaultLookback { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Every hunting request received, in order.</summary>
    public IReadOnlyCollection<ReceivedHuntingQuery> Received => [.. _received];

    /// <summary>Answers queries that contain <paramref name="queryContains"/> with <paramref name="script"/> (first match wins).</summary>
    public HuntingScript When(string queryContains, HuntingScript script)
    {
        ArgumentNullException.ThrowIfNull(queryContains);
        return When(q => q.Contains(queryContains, StringComparison.Ordinal), script);
    }

    /// <summary>Answers queries matching <paramref name="match"/> with <paramref name="script"/> (first match wins).</summary>
    public HuntingScript When(Func<string, bool> match, HuntingScript script)
    {
        lock (_scripts)
        {
            _scripts.Add((match, script));
        }

        return script;
    }

    internal async Task RunAsync(HttpContext context, bool legacy)
    {
        if (Limits is { } limits && !await limits.AdmitAsync(context, legacy).ConfigureAwait(false))
        {
            return;
        }

        if (await JsonResponse.ReadBodyAsync(context).ConfigureAwait(false) is not { } body)
        {
            await JsonResponse.ApiErrorAsync(context, 400, "InvalidRequestBody", "Missing query.").ConfigureAwait(false);
            return;
        }

        // Body parameters are case-sensitive on the service.
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("Query", out JsonElement q) || q.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(q.GetString()))
        {
            await JsonResponse.ApiErrorAsync(context, 400, legacy ? "InvalidRequestBody" : "BadRequest", "Missing query.").ConfigureAwait(false);
            return;
        }

        string query = q.GetString()!;
        string? timespan = !legacy && body.TryGetProperty("Timespan", out JsonElement t) ? (t.ValueKind == JsonValueKind.String ? t.GetString() : t.GetRawText()) : null;
        _received.Enqueue(new ReceivedHuntingQuery(legacy ? "legacy" : "graph", query, timespan) { ReceivedAt = Time.GetUtcNow() });
        if (!HuntingTimeWindow.TryParse(timespan, _engine?.Options.Now ?? DateTime.UtcNow, DefaultLookback, out HuntingTimeWindow? window, out string? timespanError))
        {
            await JsonResponse.ApiErrorAsync(context, 400, "BadRequest", timespanError!).ConfigureAwait(false);
            return;
        }

        HuntingScript? script;
        lock (_scripts)
        {
            script = _scripts.FirstOrDefault(s => s.Match(query)).Script;
        }

        if (script is null && _engine is { } engine)
        {
            ITableSource tables = window is null ? engine.Tables : window.Apply(engine.Tables);
            await (Limits is { } limited
                ? limited.EvaluateAsync(context, legacy, query, tables, engine.Options)
                : EvaluateAsync(context, legacy, query, tables, engine.Options)).ConfigureAwait(false);
            return;
        }

        if (script is null)
        {
            await JsonResponse.ApiErrorAsync(context, 400, "BadRequest",
                "Query could not be parsed at 'x' on line [1,0]. Token: x. Line: 1, Position: 0 (the emulator has no script for this query).").ConfigureAwait(false);
            return;
        }

        if (script.Error is not null)
        {
            await JsonResponse.ApiErrorAsync(context, 400, "BadRequest", script.Error).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var w = new Utf8JsonWriter(context.Response.Body);
        w.WriteStartObject();
        if (legacy)
        {
            w.WriteStartObject("Stats");
            w.WriteNumber("ExecutionTime", 0.42);
            w.WriteStartObject("resource_usage");
            w.WriteStartObject("cpu");
            w.WriteString("total cpu", "00:00:00.0156250");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        else
        {
            w.WriteString("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.security.huntingQueryResults");
        }

        w.WriteStartArray(legacy ? "Schema" : "schema");
        foreach ((string name, string type) in script.Columns)
        {
            w.WriteStartObject();
            w.WriteString(legacy ? "Name" : "name", name);
            w.WriteString(legacy ? "Type" : "type", type);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray(legacy ? "Results" : "results");
        int n = 0;
        foreach (object?[] row in script.Rows())
        {
            w.WriteStartObject();
            for (int c = 0; c < script.Columns.Count && c < row.Length; c++)
            {
                w.WritePropertyName(script.Columns[c].Name);
                WriteValue(w, row[c]);
            }

            w.WriteEndObject();
            if (++n % 2000 == 0)
            {
                await w.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
        await w.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    internal static async Task EvaluateAsync(HttpContext context, bool legacy, string query, ITableSource tables, EngineOptions options)
    {
        KqlResultTable result;
        try
        {
            result = KqlEvaluator.Execute(query, tables, options);
        }
        catch (KqlEngineException e)
        {
            await JsonResponse.ApiErrorAsync(context, 400, "BadRequest", e.Message).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var w = new Utf8JsonWriter(context.Response.Body);
        if (legacy)
        {
            KqlResultJson.WriteLegacy(w, result);
        }
        else
        {
            KqlResultJson.WriteGraph(w, result);
        }

        await w.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case double d: w.WriteNumberValue(d); break;
            case DateTime dt: w.WriteStringValue(dt.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture)); break;
            case DateTimeOffset dto: w.WriteStringValue(dto.UtcDateTime.ToString("o", CultureInfo.InvariantCulture)); break;
            case Guid g: w.WriteStringValue(g.ToString()); break;
            case TimeSpan ts: w.WriteStringValue(ts.ToString("c", CultureInfo.InvariantCulture)); break;
            case JsonElement e: e.WriteTo(w); break;
            default: w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }
}
