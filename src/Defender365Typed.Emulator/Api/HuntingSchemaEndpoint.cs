using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using Defender365Typed.KqlEngine;
using Defender365Typed.KqlFrontEnd;
using Microsoft.AspNetCore.Http;

namespace Defender365Typed.Emulator.Api;

/// <summary>
/// <c>GET /beta/security/getHuntingSchema</c>: a schema in the service's shape (<c>huntingSchemaResult</c>: columns with
/// .NET <c>dataType</c> names, functions split into <c>builtInFunctions</c> and <c>savedFunctions</c> with
/// <c>cslType</c> parameters), as docs/reference describes it.
/// </summary>
internal sealed class HuntingSchemaEndpoint(HuntingSchemaDocument schema)
{
    public Task GetAsync(HttpContext context) => JsonResponse.WriteAsync(context, 200, w => Write(w, schema));

    internal static void Write(Utf8JsonWriter w, HuntingSchemaDocument schema)
    {
        w.WriteStartObject();
        w.WriteString("@odata.context", "https://graph.microsoft.com/beta/$metadata#microsoft.graph.security.huntingSchemaResult");
        w.WriteStartArray("tables");
        foreach (HuntingSchemaTable table in schema.Tables)
        {
            w.WriteStartObject();
            w.WriteString("name", table.Name);
            w.WriteString("description", table.Description);
            WriteColumns(w, "columns", table.Columns);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("functions");
        WriteFunctions(w, "builtInFunctions", schema.Functions, HuntingSchemaFunctionKind.BuiltIn);
        WriteFunctions(w, "savedFunctions", schema.Functions, HuntingSchemaFunctionKind.Saved);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteFunctions(Utf8JsonWriter w, string property, IReadOnlyList<HuntingSchemaFunction> functions, HuntingSchemaFunctionKind kind)
    {
        bool saved = kind == HuntingSchemaFunctionKind.Saved;
        w.WriteStartArray(property);
        for (int i = 0; i < functions.Count; i++)
        {
            HuntingSchemaFunction function = functions[i];
            if (function.Kind != kind)
            {
                continue;
            }

            w.WriteStartObject();
            w.WriteNumber("huntingFunctionId", (saved ? 100 : 1) + i);
            w.WriteString("name", function.Name);
            w.WriteString("path", saved ? "Shared" : "Built-in");
            w.WriteString(saved ? "description" : "documentation", function.Description);
            w.WriteStartArray("inputParameters");
            foreach (HuntingSchemaParameter parameter in function.Parameters)
            {
                w.WriteStartObject();
                w.WriteString("name", parameter.Name);
                w.WriteString("cslType", parameter.IsTabular ? parameter.Type : KqlScalarTypes.Name(parameter.ScalarType));
                w.WriteString("defaultValue", parameter.DefaultValue);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteColumns(w, "outputColumns", function.OutputColumns);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteColumns(Utf8JsonWriter w, string property, IReadOnlyList<HuntingSchemaColumn> columns)
    {
        w.WriteStartArray(property);
        foreach (HuntingSchemaColumn column in columns)
        {
            w.WriteStartObject();
            w.WriteString("name", column.Name);
            w.WriteString("dataType", KqlColumnTypes.ApiName(column.ScalarType));
            w.WriteString("description", column.Description);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
