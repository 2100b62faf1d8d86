using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using Defender365Typed.Emulator.Api;
using Defender365Typed.Emulator.Faults;

namespace Defender365Typed.Client.Tests;

/// <summary>
/// The meter and activity source (docs/observability.md), read with the BCL's own listeners. Every test here tags its calls
/// with a tenant ID of its own (the governor's), so measurements of tests running alongside are left out.
/// </summary>
public sealed class TelemetryTests : EmulatorTest
{
    [Fact]
    public async Task A_hunting_call_is_measured_and_traced_with_its_api_kind_status_and_tenant_and_no_secret()
    {
        string tenant = "tenant-" + Guid.NewGuid().ToString("N");
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == DefenderTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        meters.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        meters.Start();
        var spans = new ConcurrentQueue<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == DefenderTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (Equals(a.GetTagItem("defender.tenant.id"), tenant))
                {
                    spans.Enqueue(a);
                }
            },
        };
        ActivitySource.AddActivityListener(activities);

        using var governor = new DefenderQuotaGovernor(new DefenderQuotaOptions { TenantId = tenant });
        (DefenderClient client, _) = H.SecretClient(o => o.QuotaGovernor = governor);
        const string Query = "DeviceInfo | where DeviceName == 'secret-looking-value'";
        H.Emulator.Hunting.When("DeviceInfo", new HuntingScript { Rows = () => [["a"], ["b"]] }.Column("DeviceName", "String"));
        H.Emulator.Faults.Add(new FaultRule(FaultKind.TooManyRequests, "runHuntingQuery") { RetryAfterSeconds = 0 });

        Assert.Equal(2, (await client.Hunting.RunAsync(Query).ToListAsync()).Count);
        meters.RecordObservableInstruments();

        var calls = Mine("defender.client.calls");
        Assert.Equal([200, 429], calls.Select(m => (int)m.Tags["http.response.status_code"]!).Order());
        Assert.All(calls, m =>
        {
            Assert.Equal(1, m.Value);
            Assert.Equal("graph", m.Tags["defender.api"]);
            Assert.Equal("hunting", m.Tags["defender.call.kind"]);
        });
        Assert.Equal(2, Mine("defender.client.call.duration").Count);
        var throttle = Assert.Single(Mine("defender.client.throttles"));
        Assert.Equal("call_rate", throttle.Tags["defender.quota.reason"]);
        Assert.Equal(2, Assert.Single(Mine("defender.client.hunting.rows")).Value);
        Assert.True(Assert.Single(Mine("defender.client.hunting.bytes")).Value > 0);
        var waits = Mine("defender.client.quota.wait");
        Assert.Equal(2, waits.Count); // one permit per attempt
        Assert.All(waits, w => Assert.Equal("hunting", w.Tags["defender.quota.kind"]));

        Activity span = Assert.Single(spans);
        Assert.Equal("defender hunting", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("graph", span.GetTagItem("defender.api"));
        Assert.Equal("hunting", span.GetTagItem("defender.call.kind"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        IEnumerable<string> tagValues = span.TagObjects.Select(t => t.Value?.ToString() ?? "")
            .Concat(measurements.SelectMany(m => m.Tags.Values.Select(v => v?.ToString() ?? "")));
        foreach (string secret in H.AllSecrets().Append("secret-looking-value"))
        {
            Assert.DoesNotContain(tagValues, v => v.Contains(secret, StringComparison.Ordinal));
        }

        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var all = new Dictionary<string, object?>();
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                all[tag.Key] = tag.Value;
            }

            if (Equals(all.GetValueOrDefault("defender.tenant.id"), tenant))
            {
                measurements.Enqueue((instrument.Name, value, all));
            }
        }

        List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Mine(string name) =>
            [.. measurements.Where(m => m.Instrument == name)];
    }

    [Fact]
    public async Task A_failed_call_ends_its_span_with_the_error()
    {
        string tenant = "tenant-" + Guid.NewGuid().ToString("N");
        var spans = new ConcurrentQueue<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == DefenderTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (Equals(a.GetTagItem("defender.tenant.id"), tenant))
                {
                    spans.Enqueue(a);
                }
            },
        };
        ActivitySource.AddActivityListener(activities);
        using var governor = new DefenderQuotaGovernor(new DefenderQuotaOptions { TenantId = tenant });
        (DefenderClient client, _) = H.SecretClient(o => o.QuotaGovernor = governor);
        H.Emulator.Hunting.When("T", new HuntingScript { Error = "Failed to resolve table 'T'" });

        await H.ThrowsAsync<HuntingQueryException>(() => client.Hunting.RunAsync("T").ToListAsync().AsTask());

        Activity span = Assert.Single(spans);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(typeof(HuntingQueryException).FullName, span.GetTagItem("error.type"));
        Assert.Equal(400, span.GetTagItem("http.response.status_code"));
    }
}
