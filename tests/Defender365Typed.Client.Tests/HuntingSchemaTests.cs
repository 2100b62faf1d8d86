using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client.Auth;
using Defender365Typed.KqlEngine;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Client.Tests;

/// <summary><c>client.Hunting.GetSchemaAsync</c> against the emulator's getHuntingSchema, and the service-shape conversion.</summary>
public sealed class HuntingSchemaTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>A tenant's schema: a documented table with a column the documentation lacks, a custom table of every type, a built-in and a saved function.</summary>
    internal const string TenantSchema = """
        {
          "source": "Microsoft Graph (beta) GET /security/getHuntingSchema",
          "tables": [
            { "name": "MyCustom_CL", "description": "A custom table.", "columns": [
                { "name": "TimeGenerated", "type": "datetime" }, { "name": "Score", "type": "real" }, { "name": "Tags", "type": "dynamic" },
                { "name": "Id", "type": "guid" }, { "name": "Flag", "type": "bool" }, { "name": "Small", "type": "int" },
                { "name": "Big", "type": "long" }, { "name": "Took", "type": "timespan" }, { "name": "Amount", "type": "decimal" },
                { "name": "Note", "type": "string", "description": "Free text." } ] },
            { "name": "DeviceProcessEvents", "columns": [
                { "name": "Timestamp", "type": "datetime" }, { "name": "DeviceName", "type": "string" },
                { "name": "FileName", "type": "string" }, { "name": "ProcessId", "type": "string" }, { "name": "TenantRegion", "type": "string" } ] }
          ],
          "functions": [
            { "name": "MyCustomQuery", "kind": "saved", "description": "Shared by the SOC.",
              "parameters": [ { "name": "T", "type": "(*)" } ], "outputColumns": [ { "name": "DeviceName", "type": "string" } ] },
            { "name": "FileProfile", "kind": "builtIn", "description": "Enriches files.",
              "parameters": [ { "name": "SHA1", "type": "string" }, { "name": "MaxRows", "type": "long", "defaultValue": "1000" } ],
              "outputColumns": [ { "name": "GlobalPrevalence", "type": "long" } ] }
          ]
        }
        """;

    [Fact]
    public async Task The_documented_schema_comes_back_sorted_with_canonical_types()
    {
        await using Harness h = await Harness.StartAsync();
        (DefenderClient client, DefenderAuthenticator auth) = h.SecretClient();
        using (client)
        using (auth)
        {
            HuntingSchemaDocument schema = await client.Hunting.GetSchemaAsync();

            Assert.Equal(HuntingSchema.Tables.Count, schema.Tables.Count);
            Assert.Equal(schema.Tables.Select(t => t.Name).Order(StringComparer.Ordinal), schema.Tables.Select(t => t.Name));
            HuntingSchemaTable processes = schema.Tables.Single(t => t.Name == "DeviceProcessEvents");
            Assert.Equal(HuntingSchema.Columns("DeviceProcessEvents").Select(c => c.Name + ":" + c.KqlType), processes.Columns.Select(c => c.Name + ":" + c.Type));
            Assert.Equal("datetime", processes.Columns[0].Type);
            Assert.Equal(HuntingSchemaConverter.Source, schema.Source);
            Assert.Equal(200, h.Emulator.Journal.Matching("GET", "/beta/security/getHuntingSchema")[^1].Status);
        }
    }

    [Fact]
    public async Task A_pulled_tenant_schema_writes_back_byte_for_byte_once_sorted()
    {
        HuntingSchemaDocument served = HuntingSchemaJson.Parse(TenantSchema, "tenant.json");
        string sorted = HuntingSchemaJson.ToJson(new HuntingSchemaDocument(
            served.Tables.OrderBy(t => t.Name, StringComparer.Ordinal).ToArray(), served.Functions.OrderBy(f => f.Name, StringComparer.Ordinal).ToArray(), served.Source));
        await using Harness h = await Harness.StartAsync(o => o.HuntingSchema = served);
        (DefenderClient client, DefenderAuthenticator auth) = h.SecretClient();
        using (client)
        using (auth)
        {
            HuntingSchemaDocument pulled = await client.Hunting.GetSchemaAsync();

            Assert.Equal(["DeviceProcessEvents", "MyCustom_CL"], pulled.Tables.Select(t => t.Name));
            Assert.Equal(["FileProfile:BuiltIn", "MyCustomQuery:Saved"], pulled.Functions.Select(f => f.Name + ":" + f.Kind));
            Assert.Equal(sorted, HuntingSchemaJson.ToJson(pulled));
            Assert.NotEqual(HuntingSchemaJson.ToJson(served), sorted); // the served file was not in order: the pull sorted it
        }
    }

    [Fact]
    public async Task Hunting_queries_see_exactly_the_served_schemas_tables_and_columns()
    {
        await using Harness h = await Harness.StartAsync(o => o.HuntingSchema = HuntingSchemaJson.Parse(TenantSchema, "tenant.json"));
        h.Emulator.Hunting.UseTables(SyntheticDataset.Create(now: Now), new EngineOptions { Now = Now });
        (DefenderClient client, DefenderAuthenticator auth) = h.SecretClient();
        using (client)
        using (auth)
        {
            Assert.Empty(await client.Hunting.RunAsync("MyCustom_CL | where Score > 0.5 | project Id, Note").ToListAsync());

            // The tenant's schema, not the documented one the compile-time analyzer knows, has this column and function.
#pragma warning disable DTQ102, DTQ105
            // TenantRegion is new to the rows and ProcessId (a long in them) is a string in the schema: both are empty.
            HuntingRow row = Assert.Single(await client.Hunting.RunAsync("DeviceProcessEvents | project DeviceName, TenantRegion, ProcessId | take 1").ToListAsync());
            Assert.False(string.IsNullOrEmpty(row.GetString("DeviceName")));
            Assert.Equal(string.Empty, row.GetString("TenantRegion"));
            Assert.Equal(string.Empty, row.GetString("ProcessId"));

            HuntingQueryException hidden = await h.ThrowsAsync<HuntingQueryException>(() => client.Hunting.RunAsync("DeviceNetworkEvents | take 1").ToListAsync().AsTask());
            Assert.Contains("DeviceNetworkEvents", hidden.Message, StringComparison.Ordinal);
            HuntingQueryException saved = await h.ThrowsAsync<HuntingQueryException>(() => client.Hunting.RunAsync("MyCustomQuery(DeviceProcessEvents)").ToListAsync().AsTask());
#pragma warning restore DTQ102, DTQ105
            Assert.True(saved.Message.Contains("MyCustomQuery", StringComparison.Ordinal), saved.Message);
        }
    }

    [Fact]
    public async Task Without_the_hunting_permission_the_error_names_it()
    {
        await using Harness h = await Harness.StartAsync();
        h.SecretApp(graphRoles: "SecurityIncident.ReadWrite.All");
        using DefenderAuthenticator auth = h.SecretAuthenticator();
        using DefenderClient client = h.Client(auth);

        DefenderPermissionException ex = await h.ThrowsAsync<DefenderPermissionException>(() => client.Hunting.GetSchemaAsync());

        Assert.Equal("ThreatHunting.Read.All", ex.RequiredPermission);
    }

    [Theory]
    [InlineData("UsGovGcc")]
    [InlineData("UsGovGccHigh")]
    [InlineData("UsGovDod")]
    [InlineData("China")]
    public async Task Other_clouds_are_refused_before_any_call(string cloudName)
    {
        DefenderCloud cloud = cloudName switch
        {
            "UsGovGcc" => DefenderCloud.UsGovGcc,
            "UsGovGccHigh" => DefenderCloud.UsGovGccHigh,
            "UsGovDod" => DefenderCloud.UsGovDod,
            _ => DefenderCloud.China,
        };
        var tokens = new RefusingTokens();
        using DefenderClient client = DefenderClient.Create(new DefenderClientOptions { Cloud = cloud }, tokens);

        NotSupportedException ex = await Assert.ThrowsAsync<NotSupportedException>(() => client.Hunting.GetSchemaAsync());

        Assert.Contains("global cloud only", ex.Message, StringComparison.Ordinal);
        Assert.Contains(cloudName, ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, tokens.Calls);
    }

    [Fact]
    public async Task The_legacy_hunting_mode_is_refused_before_any_call()
    {
        await using Harness h = await Harness.StartAsync();
        (DefenderClient client, DefenderAuthenticator auth) = h.SecretClient(o => o.HuntingApi = DefenderApi.Legacy);
        using (client)
        using (auth)
        {
            NotSupportedException ex = await Assert.ThrowsAsync<NotSupportedException>(() => client.Hunting.GetSchemaAsync());

            Assert.Contains("HuntingApi = Legacy", ex.Message, StringComparison.Ordinal);
            Assert.Empty(h.Emulator.Journal.Matching("GET", "getHuntingSchema"));
        }
    }

    [Fact]
    public void Service_spellings_map_to_canonical_kql_types()
    {
        HuntingSchemaDocument schema = Convert("""
            { "value": { "tables": [ { "Name": "T", "Columns": [
                { "Name": "a", "Type": "System.Int64" }, { "name": "b", "dataType": "SByte" }, { "name": "c", "dataType": "Object" },
                { "name": "d", "dataType": "Dynamic" }, { "name": "e", "dataType": "Int32" }, { "name": "f", "dataType": "Double" },
                { "name": "g", "dataType": "TimeSpan" }, { "name": "h", "dataType": "Guid" }, { "name": "i", "dataType": "Decimal" },
                { "name": "j", "dataType": "Boolean" }, { "name": "k", "dataType": "String" }, { "name": "l", "dataType": "DateTime" } ] } ],
              "functions": { "savedFunctions": [ { "name": "S", "inputParameters": [ { "name": "n", "cslType": "long", "defaultValue": 5 } ] } ] } } }
            """);

        Assert.Equal("long bool dynamic dynamic int real timespan guid decimal bool string datetime",
            string.Join(' ', schema.Tables.Single().Columns.Select(c => c.Type)));
        HuntingSchemaParameter n = schema.Functions.Single().Parameters.Single();
        Assert.Equal(("long", "5"), (n.Type, n.DefaultValue));
        Assert.Empty(schema.Functions.Single().OutputColumns);
    }

    [Fact]
    public void An_unknown_column_type_names_the_table_column_and_value()
    {
        DefenderResponseException ex = Assert.Throws<DefenderResponseException>(() => Convert("""
            { "tables": [ { "name": "T", "columns": [ { "name": "Ok", "dataType": "String" }, { "name": "Blobby", "dataType": "Blob" } ] } ] }
            """));

        Assert.Contains("table 'T', column 'Blobby' has type 'Blob'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_parameter_type_names_the_function_and_parameter()
    {
        DefenderResponseException ex = Assert.Throws<DefenderResponseException>(() => Convert("""
            { "tables": [], "functions": { "builtInFunctions": [ { "name": "F", "inputParameters": [ { "name": "p", "cslType": "text" } ] } ] } }
            """));

        Assert.Contains("built-in function 'F', parameter 'p' has type 'text'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_response_without_tables_or_with_a_nameless_column_is_refused()
    {
        Assert.Contains("no \"tables\"", Assert.Throws<DefenderResponseException>(() => Convert("{ \"functions\": {} }")).Message, StringComparison.Ordinal);
        Assert.Contains("table 'T', column #1 has no name", Assert.Throws<DefenderResponseException>(
            () => Convert("{ \"tables\": [ { \"name\": \"T\", \"columns\": [ { \"dataType\": \"String\" } ] } ] }")).Message, StringComparison.Ordinal);
    }

    private static HuntingSchemaDocument Convert(string json) =>
        HuntingSchemaConverter.Convert(JsonSerializer.Deserialize(json, HuntingSchemaJsonContext.Default.GraphHuntingSchema)!);

    [Theory]
    [InlineData("NoSuchFunction", "names 'NoSuchFunction', which is not a saved function of EmulatorOptions.HuntingSchema")]
    [InlineData("FileProfile", "names 'FileProfile', which is not a saved function")]
    [InlineData("MyCustomQuery", "'T' has type '(*)'; the engine takes scalar parameters only")]
    public async Task A_saved_function_body_must_belong_to_a_scalar_saved_function_of_the_served_schema(string name, string message)
    {
        ArgumentException ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => Harness.StartAsync(o =>
        {
            o.HuntingSchema = HuntingSchemaJson.Parse(TenantSchema, "tenant.json");
            o.SavedFunctionBodies[name] = "DeviceProcessEvents | take 1";
        }));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    private sealed class RefusingTokens : IDefenderTokenProvider
    {
        public int Calls { get; private set; }

        public ValueTask<DefenderAccessToken> GetTokenAsync(DefenderApi api, bool forceRefresh, CancellationToken cancellationToken)
        {
            Calls++;
            throw new InvalidOperationException("No token should be asked for.");
        }
    }
}
