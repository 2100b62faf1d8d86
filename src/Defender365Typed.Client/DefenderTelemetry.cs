using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Defender365Typed.Client.Http;

namespace Defender365Typed.Client;

/// <summary>
/// The client's traces and metrics (docs/observability.md): one <see cref="System.Diagnostics.ActivitySource"/> and one
/// <see cref="System.Diagnostics.Metrics.Meter"/>, both named <see cref="Name"/>; with OpenTelemetry,
/// <c>AddSource(DefenderTelemetry.Name)</c> and <c>AddMeter(DefenderTelemetry.Name)</c>. Tags carry the API, the kind of call,
/// the status, the tenant ID and the quota reason; never a token, a secret or query text.
/// </summary>
public static class DefenderTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "Defender365Typed.Client";

    private static readonly string? Version = typeof(DefenderTelemetry).Assembly.GetName().Version?.ToString();

    internal static readonly ActivitySource Source = new(Name, Version);

    private static readonly Meter Meter = new(Name, Version);

    private static readonly Counter<long> Calls = Meter.CreateCounter<long>("defender.client.calls", "{call}",
        "HTTP attempts sent to a Defender API (every retry counts), by API, kind of call and status.");

    private static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>("defender.client.call.duration", "s",
        "Time from sending an attempt to its response headers.");

    private static readonly Counter<long> Rows = Meter.CreateCounter<long>("defender.client.hunting.rows", "{row}", "Hunting result rows read.");

    private static readonly Counter<long> Bytes = Meter.CreateCounter<long>("defender.client.hunting.bytes", "By", "Hunting response body bytes read.");

    private static readonly Counter<long> Throttles = Meter.CreateCounter<long>("defender.client.throttles", "{response}",
        "429 responses, by API, kind of call and the limit the body names (call_rate, cpu, unknown).");

    private static readonly Histogram<double> QuotaWait = Meter.CreateHistogram<double>("defender.client.quota.wait", "s",
        "Time a call waited for the quota governor's permit (zero when it got one at once).");

    internal const string ApiTag = "defender.api";
    internal const string KindTag = "defender.call.kind";
    internal const string TenantTag = "defender.tenant.id";
    internal const string StatusTag = "http.response.status_code";
    internal const string ErrorTag = "error.type";
    internal const string ReasonTag = "defender.quota.reason";
    internal const string QuotaKindTag = "defender.quota.kind";
    internal const string SliceStartTag = "defender.slice.start";
    internal const string SliceEndTag = "defender.slice.end";
    internal const string SliceStatusTag = "defender.slice.status";
    internal const string SliceRowsTag = "defender.slice.rows";

    internal static string ApiName(DefenderApi api) => api == DefenderApi.Graph ? "graph" : "legacy";

    internal static string KindName(DefenderCallKind kind) => kind switch
    {
        DefenderCallKind.Hunting => "hunting",
        DefenderCallKind.HuntingSchema => "hunting_schema",
        DefenderCallKind.IncidentRead => "incident_read",
        _ => "incident_write",
    };

    internal static string ReasonName(DefenderQuotaReason reason) => reason switch
    {
        DefenderQuotaReason.CallRate => "call_rate",
        DefenderQuotaReason.Cpu => "cpu",
        DefenderQuotaReason.ClientQueue => "client_queue",
        _ => "unknown",
    };

    /// <summary>Starts the span of one call (all its attempts and waits, up to the response headers).</summary>
    internal static Activity? StartCall(DefenderApi api, DefenderCallKind kind, string? tenantId)
    {
        Activity? activity = Source.StartActivity("defender " + KindName(kind), ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(ApiTag, ApiName(api));
            activity.SetTag(KindTag, KindName(kind));
            if (tenantId is not null)
            {
                activity.SetTag(TenantTag, tenantId);
            }
        }

        return activity;
    }

    /// <summary>Starts the span of one slice of a sliced run (its hunting call is a child span).</summary>
    internal static Activity? StartSlice(DefenderApi api, string? tenantId, DateTime start, DateTime end)
    {
        Activity? activity = Source.StartActivity("defender hunting slice", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(ApiTag, ApiName(api));
            activity.SetTag(SliceStartTag, start.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            activity.SetTag(SliceEndTag, end.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            if (tenantId is not null)
            {
                activity.SetTag(TenantTag, tenantId);
            }
        }

        return activity;
    }

    /// <summary>Ends a slice's span with what became of the slice; a failed slice is an error span.</summary>
    internal static void EndSlice(Activity? activity, HuntingSliceStatus status, int rows, Exception? error)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(SliceStatusTag, status switch
        {
            HuntingSliceStatus.Completed => "completed",
            HuntingSliceStatus.Split => "split",
            _ => "failed",
        });
        activity.SetTag(SliceRowsTag, rows);
        if (error is not null)
        {
            activity.SetTag(ErrorTag, error.GetType().FullName);
        }

        if (status == HuntingSliceStatus.Failed)
        {
            activity.SetStatus(ActivityStatusCode.Error, error?.GetType().Name ?? "slice failed");
        }

        activity.Dispose();
    }

    internal static void Failed(Activity? activity, Exception exception)
    {
        if (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            activity.SetTag(ErrorTag, exception.GetType().FullName);
            if (exception is DefenderApiException { StatusCode: not 0 } api)
            {
                activity.SetTag(StatusTag, (int)api.StatusCode);
            }
        }
    }

    internal static void RecordAttempt(DefenderApi api, DefenderCallKind kind, string? tenantId, int status, TimeSpan duration)
    {
        TagList tags = Tags(api, kind, tenantId);
        tags.Add(StatusTag, status);
        Calls.Add(1, tags);
        CallDuration.Record(duration.TotalSeconds, tags);
    }

    internal static void RecordThrottle(DefenderApi api, DefenderCallKind kind, string? tenantId, DefenderQuotaReason reason)
    {
        TagList tags = Tags(api, kind, tenantId);
        tags.Add(ReasonTag, ReasonName(reason));
        Throttles.Add(1, tags);
    }

    internal static void RecordHunting(DefenderApi api, string? tenantId, long rows, long bytes)
    {
        TagList tags = Tags(api, DefenderCallKind.Hunting, tenantId);
        Rows.Add(rows, tags);
        Bytes.Add(bytes, tags);
    }

    internal static void RecordQuotaWait(DefenderQuotaKind kind, string? tenantId, TimeSpan wait)
    {
        var tags = new TagList { { QuotaKindTag, kind == DefenderQuotaKind.Hunting ? "hunting" : "incidents" } };
        if (tenantId is not null)
        {
            tags.Add(TenantTag, tenantId);
        }

        QuotaWait.Record(wait.TotalSeconds, tags);
    }

    private static TagList Tags(DefenderApi api, DefenderCallKind kind, string? tenantId)
    {
        var tags = new TagList { { ApiTag, ApiName(api) }, { KindTag, KindName(kind) } };
        if (tenantId is not null)
        {
            tags.Add(TenantTag, tenantId);
        }

        return tags;
    }
}
