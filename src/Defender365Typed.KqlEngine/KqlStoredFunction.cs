using System;
using System.Collections.Generic;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// A stored (saved) function the engine may evaluate: its parameters as a hunting-schema file declares them and its body,
/// the KQL the tenant saved (getHuntingSchema does not return bodies, so whoever sets up the engine supplies them).
/// </summary>
public sealed class KqlStoredFunction
{
    /// <summary>Creates the function.</summary>
    /// <param name="parameters">Scalar parameters in call order; a parameter with a default may be left out of a call.</param>
    /// <param name="body">The tabular KQL the function evaluates; it names the parameters as values.</param>
    public KqlStoredFunction(IReadOnlyList<HuntingSchemaParameter> parameters, string body)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentException.ThrowIfNullOrWhiteSpace(body);
        foreach (HuntingSchemaParameter p in parameters)
        {
            if (p.IsTabular || !KqlScalarTypes.IsDefined(p.ScalarType))
            {
                throw new ArgumentException($"The stored function parameter '{p.Name}' has type '{p.Type}'; the engine takes scalar parameters only.", nameof(parameters));
            }
        }

        Parameters = parameters;
        Body = body;
    }

    /// <summary>The parameters in call order.</summary>
    public IReadOnlyList<HuntingSchemaParameter> Parameters { get; }

    /// <summary>The function's KQL.</summary>
    public string Body { get; }
}
