using System.Globalization;

namespace Defender365Typed.KqlFrontEnd;

// Binder: what a tenant's schema file adds (docs/schema-file.md): tabular functions with typed parameters and output
// columns, and tables the caller cannot see.
public sealed partial class Binder
{
    /// <summary>A call of a schema-file function: argument count and scalar argument types, then its output rows.</summary>
    private Value BindSchemaFunctionCall(CallExpr call, KqlTableFunction function, Context ctx)
    {
        var types = BindArguments(call, ctx);
        if (call.Args.Count < function.MinArgs || call.Args.Count > function.MaxArgs)
        {
            ReportArgumentCount(call, function.MinArgs, function.MaxArgs);
            return Value.Table(function.Output);
        }

        for (var i = 0; i < call.Args.Count; i++)
        {
            var parameter = function.Parameters[i];
            if (!parameter.IsTabular && !CanPass(types[i], parameter.Type))
            {
                var arg = call.Args[i];
                Report(KqlDiagnosticKind.ArgumentTypeMismatch, arg.Start, arg.Length,
                    "Argument " + (i + 1).ToString(CultureInfo.InvariantCulture) + " of '" + function.Name + "' (" + parameter.Name + ") must be a "
                    + KqlScalarTypes.Name(parameter.Type) + ", not a " + KqlScalarTypes.Name(types[i]) + ".");
            }
        }

        return Value.Table(function.Output);
    }

    /// <summary>Whether a value of <paramref name="argument"/> type fits a parameter (unknown types and dynamic always do; numbers widen).</summary>
    private static bool CanPass(KqlScalarType argument, KqlScalarType parameter)
    {
        if (!KqlScalarTypes.IsJudged(argument) || !KqlScalarTypes.IsJudged(parameter) || argument == parameter
            || argument == KqlScalarType.Dynamic || parameter == KqlScalarType.Dynamic)
        {
            return true;
        }

        return KqlScalarTypes.IsNumeric(argument) && KqlScalarTypes.IsNumeric(parameter);
    }

    /// <summary>A table the schema file leaves out still binds (its columns are known) but is reported: the caller cannot query it.</summary>
    private void ReportIfNotVisible(NameExpr name)
    {
        if (!_schema.IsVisible(name.Name))
        {
            Report(KqlDiagnosticKind.TableNotVisible, name.Start, name.Length, SchemaFileOverlay.NotVisibleMessage(name.Name));
        }
    }
}
