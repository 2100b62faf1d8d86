using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Defender365Typed.Emulator.Api;
using Microsoft.AspNetCore.Http;

namespace Defender365Typed.Emulator.Faults;

/// <summary>Applies the faults tests ask for, as middleware in front of every endpoint.</summary>
public sealed class FaultInjector
{
    private readonly List<FaultRule> _rules = [];

    /// <summary>Adds a rule; rules are tried in the order added.</summary>
    public FaultRule Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_rules)
        {
            _rules.Add(rule);
        }

        return rule;
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_rules)
        {
            _rules.Clear();
        }
    }

    internal async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        FaultRule? rule = Take(context.Request);
        switch (rule?.Kind)
        {
            case null:
                await next(context).ConfigureAwait(false);
                return;
            case FaultKind.TooManyRequests:
                context.Response.Headers.RetryAfter = rule.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await JsonResponse.ApiErrorAsync(context, 429, "TooManyRequests",
                    $"Rate limit is exceeded. Try again in {rule.RetryAfterSeconds} seconds.").ConfigureAwait(false);
                return;
            case FaultKind.InternalServerError:
                await JsonResponse.ApiErrorAsync(context, 500, "InternalServerError", "Internal server error (injected).").ConfigureAwait(false);
                return;
            case FaultKind.ServiceUnavailable:
                context.Response.Headers.RetryAfter = rule.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await JsonResponse.ApiErrorAsync(context, 503, "ServiceUnavailable", "The service is unavailable (injected).").ConfigureAwait(false);
                return;
            case FaultKind.Slow:
                await Task.Delay(rule.Delay, context.RequestAborted).ConfigureAwait(false);
                await next(context).ConfigureAwait(false);
                return;
            case FaultKind.MalformedJson:
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"value\": [ {\"id\": \"1\", \"status\": tru", context.RequestAborted).ConfigureAwait(false);
                return;
            case FaultKind.ExpiredToken:
                await ApiAuthorization.UnauthorizedAsync(context, "Lifetime validation failed, the token is expired.").ConfigureAwait(false);
                return;
            case FaultKind.TruncatedBody:
                await TruncateAsync(context, next).ConfigureAwait(false);
                return;
        }
    }

    private static async Task TruncateAsync(HttpContext context, RequestDelegate next)
    {
        Stream original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = original;
        }

        byte[] bytes = buffer.ToArray();
        context.Response.ContentLength = bytes.Length;
        await original.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), context.RequestAborted).ConfigureAwait(false);
        await original.FlushAsync(context.RequestAborted).ConfigureAwait(false);

        // Let the client read the headers and the first half before the connection drops (a reset
        // can discard data the client has not read yet).
        await Task.Delay(250, context.RequestAborted).ConfigureAwait(false);
        context.Abort();
    }

    private FaultRule? Take(HttpRequest request)
    {
        string path = request.Path.Value ?? string.Empty;
        string query = request.QueryString.Value ?? string.Empty;
        lock (_rules)
        {
            return _rules.FirstOrDefault(r =>
                path.Contains(r.PathContains, StringComparison.OrdinalIgnoreCase)
                && (r.Method is null || string.Equals(r.Method, request.Method, StringComparison.OrdinalIgnoreCase))
                && (r.QueryContains is null || Uri.UnescapeDataString(query).Contains(r.QueryContains, StringComparison.Ordinal))
                && r.TryTake());
        }
    }
}
