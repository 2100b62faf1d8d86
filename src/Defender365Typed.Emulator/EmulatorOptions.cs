using System;
using System.Collections.Generic;
using Defender365Typed.KqlFrontEnd;
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

    /// <summary>
    /// The tenant's hunting schema (for example a file pulled with <c>defender365 schema pull</c>, read with
    /// <see cref="HuntingSchemaJson"/>): <c>GET /beta/security/getHuntingSchema</c> serves it, and hunting queries may name
    /// its tables and only those (a table it lacks is unknown, as for a role that cannot see it). Tables the hunting rows
    /// do not have are empty; tables they have are shaped to the schema's columns (a column they lack, or hold with another
    /// type, is empty). Null: the documented schema, and every table of the rows.
    /// </summary>
    public HuntingSchemaDocument? HuntingSchema { get; set; }

    /// <summary>
    /// The KQL bodies of <see cref="HuntingSchema"/>'s saved functions, by name (getHuntingSchema describes a saved function's
    /// parameters and output but not its body). A query calling one is evaluated with the body, its parameters bound to the
    /// call's values; a saved function without a body here answers with a 400 naming it.
    /// </summary>
    /// <exception cref="ArgumentException">At start: a name that is not a saved function of the schema, or one with a table parameter.</exception>
    public IDictionary<string, string> SavedFunctionBodies { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The clock; tests may substitute one.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>
    /// The service limits enforced on hunting calls: row cap, result size, per-request timeout on a cost model, calls per
    /// minute and hour, CPU per 15-minute cycle (docs/emulator-limits.md). Null (the default): none, every query is answered.
    /// </summary>
    public EmulatorHuntingLimits? HuntingLimits { get; set; }

    /// <summary>Incidents that are created, updated and merged as <see cref="Time"/> advances; none when null.</summary>
    public Api.LiveIncidentOptions? LiveIncidents { get; set; }
}
