namespace Defender365Typed.Generators.Tests.Helpers;

/// <summary>A tenant's schema file as getHuntingSchema would describe it (docs/schema-file.md), for the schema-file tests.</summary>
internal static class TenantSchemaFiles
{
    public const string Path = "/src/Consumer/contoso.hunting-schema.json";

    // A custom table (with a column named like a generated member), a built-in table with an extra column, a built-in
    // table exactly as documented (a subset: nothing to generate), a saved function with a defaulted parameter, a saved
    // function taking a table (raw KQL only) and a built-in function.
    public const string Contoso = """
        {
          "source": "GET /beta/security/getHuntingSchema (test)",
          "tables": [
            { "name": "Contoso_CL", "description": "Contoso's own signals & scores.",
              "columns": [
                { "name": "Timestamp", "type": "datetime" },
                { "name": "DeviceName", "type": "string", "description": "The device." },
                { "name": "Score", "type": "real" },
                { "name": "Seen", "type": "long" },
                { "name": "Details", "type": "dynamic" },
                { "name": "Table", "type": "string" }
              ] },
            { "name": "DeviceInfo",
              "columns": [
                { "name": "Timestamp", "type": "datetime" },
                { "name": "DeviceId", "type": "string" },
                { "name": "DeviceName", "type": "string" },
                { "name": "ContosoTag", "type": "string" }
              ] },
            { "name": "DeviceProcessEvents",
              "columns": [ { "name": "Timestamp", "type": "datetime" }, { "name": "FileName", "type": "string" } ] }
          ],
          "functions": [
            { "name": "SuspiciousLogons", "kind": "saved", "description": "Logons the SOC flags.",
              "parameters": [ { "name": "account", "type": "string" }, { "name": "minCount", "type": "long", "defaultValue": "5" } ],
              "outputColumns": [ { "name": "AccountName", "type": "string" }, { "name": "Failures", "type": "long" } ] },
            { "name": "Enrich", "kind": "saved", "parameters": [ { "name": "T", "type": "(*)" } ],
              "outputColumns": [ { "name": "DeviceId", "type": "string" } ] },
            { "name": "FileProfile", "kind": "builtIn", "parameters": [ { "name": "T", "type": "(*)" } ],
              "outputColumns": [ { "name": "SHA1", "type": "string" }, { "name": "GlobalPrevalence", "type": "long" } ] }
          ]
        }
        """;

    public static TestAdditionalText File(string text = Contoso, string path = Path) => new(path, text);
}
