using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading.Tasks;
using Defender365Typed.KqlEngine;
using Microsoft.AspNetCore.Http;

namespace Defender365Typed.Emulator.Api;

/// <summary>
/// Enforces <see cref="EmulatorOptions.HuntingLimits"/> on the hunting endpoints and counts what it did
/// (<see cref="Calls"/>). Before a call: the calls-per-minute and calls-per-hour quotas (sliding windows of accepted calls)
/// and the CPU allowance of the current cycle, each answered with the service's 429 body and a Retry-After. Around an
/// evaluated query: the row cap, the cost model's running time against the request timeout, the CPU charge, and the
/// result size. Texts and choices: docs/emulator-limits.md.
/// </summary>
public sealed class HuntingLimits
{
    /// <summary>The 400 message of a result over the size limit (documented for the MDE API).</summary>
    public const string ResultSizeMessage =
        "Query execution has exceeded the allowed result size. Optimize your query by limiting the number of results and try again.";

    /// <summary>The 400 message of a query over the request timeout (advanced hunting's documented error text).</summary>
    public const string TimeoutMessage = "Query exceeded the timeout period.";

    private readonly object _gate = new();
    private readonly List<DateTimeOffset> _accepted = []; // accepted calls of the last hour, oldest first
    private readonly TimeProvider _time;
    private readonly string _tenantId;
    private long _acceptedCount, _throttledByRate, _throttledByCpu, _timedOut, _tooLarge;
    private long _cycle = long.MinValue;
    private TimeSpan _cpuInCycle, _cpuTotal;

    internal HuntingLimits(string tenantId, EmulatorHuntingLimits options, TimeProvider time)
    {
        _tenantId = tenantId;
        Options = options;
        _time = time;
    }

    /// <summary>The limits in force (read on every request; change them to change the emulator's behaviour).</summary>
    public EmulatorHuntingLimits Options { get; }

    /// <summary>A snapshot of the tenant's calls and CPU so far.</summary>
    public HuntingCallCounters Calls
    {
        get
        {
            lock (_gate)
            {
                DateTimeOffset start = RollCycle(_time.GetUtcNow());
                return new HuntingCallCounters(_tenantId, _acceptedCount, _throttledByRate, _throttledByCpu, _timedOut, _tooLarge, _cpuInCycle, start, _cpuTotal);
            }
        }
    }

    /// <summary>Lets the call through (and counts it) or writes the 429 of the quota it is over and returns false.</summary>
    internal async Task<bool> AdmitAsync(HttpContext context, bool legacy)
    {
        if (!Options.Enabled)
        {
            return true;
        }

        string? message;
        TimeSpan wait;
        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            _accepted.RemoveAll(t => now - t >= TimeSpan.FromHours(1));

            if (OverCallQuota(now, out message, out wait))
            {
                _throttledByRate++;
            }
            else if (OverCpuAllowance(now, out wait))
            {
                _throttledByCpu++;
                message = $"You have exceeded processing resources allocated to this tenant. You can run queries again in {Seconds(wait)} seconds.";
            }
            else
            {
                _accepted.Add(now);
                _acceptedCount++;
                return true;
            }
        }

        context.Response.Headers.RetryAfter = Seconds(wait).ToString(CultureInfo.InvariantCulture);
        await JsonResponse.ApiErrorAsync(context, 429, legacy ? "429" : "TooManyRequests", message!).ConfigureAwait(false);
        return false;
    }

    private bool OverCallQuota(DateTimeOffset now, out string? message, out TimeSpan wait) =>
        OverWindow(now, Options.CallsPerMinute, TimeSpan.FromMinutes(1), out message, out wait)
        || OverWindow(now, Options.CallsPerHour, TimeSpan.FromHours(1), out message, out wait);

    private bool OverWindow(DateTimeOffset now, int? limit, TimeSpan window, out string? message, out TimeSpan wait)
    {
        message = null;
        wait = default;
        if (limit is not { } max)
        {
            return false;
        }

        int first = _accepted.Count;
        while (first > 0 && now - _accepted[first - 1] < window)
        {
            first--;
        }

        if (_accepted.Count - first < max)
        {
            return false;
        }

        // Allowed again when the call that keeps the window full leaves it.
        wait = max <= 0 ? window : _accepted[_accepted.Count - max] + window - now;
        message = $"API calls quota exceeded! maximum allowed {max} per {window.ToString("c", CultureInfo.InvariantCulture)}. You can send requests again in {Seconds(wait)} seconds.";
        return true;
    }

    private bool OverCpuAllowance(DateTimeOffset now, out TimeSpan wait)
    {
        DateTimeOffset start = RollCycle(now);
        wait = start + Options.CpuCycle - now;
        return Options.CpuAllowance is { } allowance && _cpuInCycle >= allowance;
    }

    /// <summary>Starts a new cycle when <paramref name="now"/> is past the current one; returns the current cycle's start.</summary>
    private DateTimeOffset RollCycle(DateTimeOffset now)
    {
        long cycleTicks = Options.CpuCycle.Ticks > 0 ? Options.CpuCycle.Ticks : throw new InvalidOperationException("EmulatorHuntingLimits.CpuCycle must be positive.");
        long cycle = (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / cycleTicks;
        if (cycle != _cycle)
        {
            _cycle = cycle;
            _cpuInCycle = TimeSpan.Zero;
        }

        return new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + (cycle * cycleTicks), TimeSpan.Zero);
    }

    private void Charge(TimeSpan cpu, bool timedOut = false, bool tooLarge = false)
    {
        lock (_gate)
        {
            RollCycle(_time.GetUtcNow());
            _cpuInCycle += cpu;
            _cpuTotal += cpu;
            _timedOut += timedOut ? 1 : 0;
            _tooLarge += tooLarge ? 1 : 0;
        }
    }

    /// <summary>Evaluates an accepted query under the row cap, the request timeout and the size limit, charging its modelled CPU.</summary>
    internal async Task EvaluateAsync(HttpContext context, bool legacy, string query, ITableSource tables, EngineOptions options)
    {
        if (!Options.Enabled)
        {
            await HuntingEmulator.EvaluateAsync(context, legacy, query, tables, options).ConfigureAwait(false);
            return;
        }

        var cost = new HuntingQueryCost(tables, query, Options);
        KqlResultTable result;
        try
        {
            result = KqlEvaluator.Execute(query, cost, Options.RowCap is { } cap ? options.WithMaxRows(cap) : options);
        }
        catch (HuntingQueryCost.TimedOut)
        {
            Charge(Options.RequestTimeout!.Value, timedOut: true);
            await JsonResponse.ApiErrorAsync(context, 400, "BadRequest", TimeoutMessage).ConfigureAwait(false);
            return;
        }
        catch (KqlEngineException e)
        {
            Charge(cost.Modelled);
            await JsonResponse.ApiErrorAsync(context, 400, "BadRequest", e.Message).ConfigureAwait(false);
            return;
        }

        TimeSpan modelled = cost.Modelled;
        using var body = new CappedResponseBuffer(Options.MaxResultBytes ?? long.MaxValue);
        try
        {
            using var writer = new Utf8JsonWriter(body);
            if (legacy)
            {
                KqlResultJson.WriteLegacy(writer, result, modelled);
            }
            else
            {
                KqlResultJson.WriteGraph(writer, result);
            }
        }
        catch (CappedResponseBuffer.TooLarge)
        {
            Charge(modelled, tooLarge: true);
            await JsonResponse.ApiErrorAsync(context, 400, "BadRequest", ResultSizeMessage).ConfigureAwait(false);
            return;
        }

        Charge(modelled);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length;
        await body.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Whole seconds to wait, rounded up, at least 1 (what Retry-After and the messages say).</summary>
    private static long Seconds(TimeSpan wait) => Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
}
