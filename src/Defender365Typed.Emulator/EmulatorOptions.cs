using System;
using Microsoft.Extensions.Logging;

namespace Defender365Typed.Emulator;

/// <summary>Settings of a <see cref="DefenderEmulator"/>.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The tenant ID.</summary>
    public string TenantId { get; set; } = "72f988bf-0000-4000-8000-00000000e1e1";

    /// <summary>The HTTPS port on 127.0.0.1; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Receives the emulator's own logs (ASP.NET Core and Kestrel); none when null.</summary>
    public ILoggerProvider? LoggerProvider { get; set; }

    /// <summary>The clock; tests may substitute one.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Incidents that are created, updated and merged as <see cref="Time"/> advances; none when null.</summary>
    public Api.LiveIncidentOptions? LiveIncidents { get; set; }
}
